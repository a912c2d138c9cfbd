import { EntitySchema } from 'typeorm';

/**
 * The read store's tables, as TypeORM entity schemas (plain objects: no decorators, no ORM types in the
 * views). Each view row is kept whole as JSON in `data`, with the columns queries filter on beside it.
 */
export interface HouseholdRecord { householdId: string; regionCode: string; status: string; data: string }
export interface MembershipRecord { citizenId: string; householdId: string; status: string; data: string }
export interface PersonRecord { citizenId: string; householdId: string; regionCode: string; status: string; data: string }
export interface CheckpointRecord { projector: string; position: string; updatedAt: string }

const key = (name: string, length: number) => ({ name, type: 'varchar', length, primary: true }) as const;
const text = (name: string, length: number) => ({ name, type: 'varchar', length }) as const;
const json = { name: 'data', type: 'text' } as const;

export const HouseholdEntity = new EntitySchema<HouseholdRecord>({
  name: 'HouseholdRecord', tableName: 'view_households',
  columns: { householdId: key('household_id', 64), regionCode: text('region_code', 12), status: text('status', 16), data: json },
});

export const MembershipEntity = new EntitySchema<MembershipRecord>({
  name: 'MembershipRecord', tableName: 'view_memberships',
  columns: { citizenId: key('citizen_id', 18), householdId: text('household_id', 64), status: text('status', 16), data: json },
});

export const PersonEntity = new EntitySchema<PersonRecord>({
  name: 'PersonRecord', tableName: 'view_persons',
  columns: { citizenId: key('citizen_id', 18), householdId: text('household_id', 64), regionCode: text('region_code', 12), status: text('status', 16), data: json },
});

/** 检查点: how far in `$all` a projector's views are, committed with the rows. */
export const CheckpointEntity = new EntitySchema<CheckpointRecord>({
  name: 'CheckpointRecord', tableName: 'projection_checkpoints',
  columns: { projector: key('projector', 64), position: text('position', 64), updatedAt: text('updated_at', 32) },
});

export const ENTITIES = [HouseholdEntity, MembershipEntity, PersonEntity, CheckpointEntity];
