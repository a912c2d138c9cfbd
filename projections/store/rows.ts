import { type EntitySchema } from 'typeorm';
import { type HouseholdRow } from '../views/households';
import { type MembershipRow } from '../views/memberships';
import { type PersonRow } from '../views/persons';
import { type AuditPersonRow, type HouseholdEntry, identityKeyOf } from '../audit/view';
import { type StatTimeline } from '../statistics/timeline';
import { type CausedDelta, type ReclassificationRow } from '../statistics/view';
import {
  type AuditHouseholdEntryRecord, AuditHouseholdEntryEntity, type AuditPersonRecord, AuditPersonEntity, HouseholdEntity, MembershipEntity, PersonEntity, ReclassificationEntity,
  type HouseholdRecord, type MembershipRecord, type PersonRecord, type ReclassificationRecord, StatDeltaEntity, type StatDeltaRecord, StatTimelineEntity, type StatTimelineRecord,
} from './entities';

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

export const statTimelineRows: RowMapping<StatTimeline, StatTimelineRecord> = {
  entity: StatTimelineEntity, keyColumn: 'citizenId',
  toRecord: (key, row) => ({ citizenId: key, data: JSON.stringify(row) }),
  fromRecord: (r) => JSON.parse(r.data) as StatTimeline,
};

export const reclassificationRows: RowMapping<ReclassificationRow, ReclassificationRecord> = {
  entity: ReclassificationEntity, keyColumn: 'id',
  toRecord: (key, row) => ({ id: key, regionCode: row.code, data: JSON.stringify(row) }),
  fromRecord: (r) => JSON.parse(r.data) as ReclassificationRow,
};

export const auditPersonRows: RowMapping<AuditPersonRow, AuditPersonRecord> = {
  entity: AuditPersonEntity, keyColumn: 'citizenId',
  toRecord: (key, row) => ({ citizenId: key, householdId: row.householdId, status: row.status, identityKey: identityKeyOf(row), dateOfBirth: row.dateOfBirth, data: JSON.stringify(row) }),
  fromRecord: (r) => JSON.parse(r.data) as AuditPersonRow,
};

/** How a view's emitted records map to an append-only table keyed by (event position, index). */
export interface AppendMapping<Out, Rec> {
  readonly entity: EntitySchema<Rec>;
  readonly toRecord: (out: Out, position: EventPosition, seq: number) => Rec;
}

/** An event's `$all` position as the append tables key it: commit and prepare, as decimal text. */
export interface EventPosition { readonly commit: string; readonly prepare: string }

/** `42` or `42/40` (see `formatPosition`) as commit and prepare, without going through bigints. */
export const eventPositionOf = (position: string): EventPosition => {
  const slash = position.indexOf('/');
  return slash < 0 ? { commit: position, prepare: position } : { commit: position.slice(0, slash), prepare: position.slice(slash + 1) };
};


export const statDeltaAppends: AppendMapping<CausedDelta, StatDeltaRecord> = {
  entity: StatDeltaEntity,
  // Object literals without spreads: V8 (Node 20) builds `{ ...a, newKey }` objects some 20× slower, and this runs per delta.
  toRecord: (d, p, seq) => ({
    eventCommit: p.commit, eventPrepare: p.prepare, seq, measure: d.measure, regionCode: d.regionCode, sex: d.sex, birthYear: d.birthYear, regType: d.type, origType: d.originalType,
    effDate: d.date, recDate: d.recordedOn, n: d.n, cause: d.cause, category: d.category, ruleId: d.ruleId, otherRegion: d.otherRegion,
  }),
};

export const householdEntryAppends: AppendMapping<HouseholdEntry, AuditHouseholdEntryRecord> = {
  entity: AuditHouseholdEntryEntity,
  toRecord: (e, p, seq) => ({
    eventCommit: p.commit, eventPrepare: p.prepare, seq, householdId: e.householdId, citizenId: e.citizenId, change: e.change, eventType: e.eventType, stream: e.stream, revision: e.revision,
    effDate: e.effectiveDate, recordedAt: e.recordedAt,
  }),
};
