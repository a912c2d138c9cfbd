import { type EntitySchema } from 'typeorm';
import { type HouseholdRow } from '../views/households';
import { type MembershipRow } from '../views/memberships';
import { type PersonRow } from '../views/persons';
import { HouseholdEntity, MembershipEntity, PersonEntity, type HouseholdRecord, type MembershipRecord, type PersonRecord } from './entities';

/** How one view's rows map to a table: the explicit mapper that keeps TypeORM out of the views. */
export interface RowMapping<Row, Rec> {
  readonly entity: EntitySchema<Rec>;
  readonly keyColumn: keyof Rec & string;
  readonly toRecord: (key: string, row: Row) => Rec;
  readonly fromRecord: (record: Rec) => Row;
}

export const householdRows: RowMapping<HouseholdRow, HouseholdRecord> = {
  entity: HouseholdEntity, keyColumn: 'householdId',
  toRecord: (key, row) => ({ householdId: key, regionCode: row.regionCode, status: row.status, data: JSON.stringify(row) }),
  fromRecord: (r) => JSON.parse(r.data) as HouseholdRow,
};

export const membershipRows: RowMapping<MembershipRow, MembershipRecord> = {
  entity: MembershipEntity, keyColumn: 'citizenId',
  toRecord: (key, row) => ({ citizenId: key, householdId: row.householdId, status: row.status, data: JSON.stringify(row) }),
  fromRecord: (r) => JSON.parse(r.data) as MembershipRow,
};

export const personRows: RowMapping<PersonRow, PersonRecord> = {
  entity: PersonEntity, keyColumn: 'citizenId',
  toRecord: (key, row) => ({ citizenId: key, householdId: row.householdId, regionCode: row.regionCode, status: row.status, data: JSON.stringify(row) }),
  fromRecord: (r) => JSON.parse(r.data) as PersonRow,
};
