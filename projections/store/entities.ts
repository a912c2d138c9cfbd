import { EntitySchema } from 'typeorm';

/**
 * The read store's tables, as TypeORM entity schemas (plain objects: no decorators, no ORM types in the
 * views). Each view row is kept whole as JSON in `data`, with the columns queries filter on beside it.
 */
export interface HouseholdRecord { householdId: string; regionCode: string; status: string; data: string }
export interface MembershipRecord { citizenId: string; householdId: string; status: string; data: string }
export interface PersonRecord { citizenId: string; householdId: string; regionCode: string; status: string; data: string }
export interface CheckpointRecord { projector: string; position: string; updatedAt: string; generation: number }

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
  columns: { projector: key('projector', 64), position: text('position', 64), updatedAt: text('updated_at', 32), generation: { name: 'generation', type: 'integer', default: 0 } },
});

export interface StatTimelineRecord { citizenId: string; data: string }
export interface StatDeltaRecord {
  eventCommit: string; eventPrepare: string; seq: number; measure: string; regionCode: string; sex: string; birthYear: number; regType: string; origType: string;
  effDate: string; recDate: string; n: number; cause: string; category: string | null; ruleId: string | null; otherRegion: string | null;
}
export interface ReclassificationRecord { id: string; regionCode: string; data: string }
export interface AuditPersonRecord { citizenId: string; householdId: string; status: string; identityKey: string; dateOfBirth: string; data: string }
export interface AuditHouseholdEntryRecord {
  eventCommit: string; eventPrepare: string; seq: number; householdId: string; citizenId: string | null; change: string; eventType: string; stream: string; revision: number; effDate: string; recordedAt: string;
}

const bigintKey = (name: string) => ({ name, type: 'bigint', primary: true }) as const;
const integer = (name: string) => ({ name, type: 'integer' }) as const;
const nullable = (name: string, length: number) => ({ name, type: 'varchar', length, nullable: true }) as const;

export const StatTimelineEntity = new EntitySchema<StatTimelineRecord>({
  name: 'StatTimelineRecord', tableName: 'view_stat_timelines', columns: { citizenId: key('citizen_id', 18), data: json },
});

/** 统计增量: one change of a statistics cell, keyed by the event that made it (position) and its index. */
export const StatDeltaEntity = new EntitySchema<StatDeltaRecord>({
  name: 'StatDeltaRecord', tableName: 'view_stat_deltas',
  columns: {
    eventCommit: bigintKey('event_commit'), eventPrepare: bigintKey('event_prepare'), seq: { ...integer('seq'), primary: true }, measure: text('measure', 10), regionCode: text('region_code', 12),
    sex: text('sex', 6), birthYear: integer('birth_year'), regType: text('reg_type', 20), origType: text('orig_type', 20), effDate: text('eff_date', 10), recDate: text('rec_date', 10),
    n: integer('n'), cause: text('cause', 32), category: nullable('category', 64), ruleId: nullable('rule_id', 64), otherRegion: nullable('other_region', 12),
  },
});

export const ReclassificationEntity = new EntitySchema<ReclassificationRecord>({
  name: 'ReclassificationRecord', tableName: 'view_reclassifications', columns: { id: key('id', 41), regionCode: text('region_code', 12), data: json },
});

export const AuditPersonEntity = new EntitySchema<AuditPersonRecord>({
  name: 'AuditPersonRecord', tableName: 'view_audit_persons', columns: { citizenId: key('citizen_id', 18), householdId: text('household_id', 64), status: text('status', 16), identityKey: text('identity_key', 100), dateOfBirth: text('date_of_birth', 10), data: json },
});

/** 户历史索引: which events changed a household or its membership, in log order. */
export const AuditHouseholdEntryEntity = new EntitySchema<AuditHouseholdEntryRecord>({
  name: 'AuditHouseholdEntryRecord', tableName: 'view_audit_household_entries',
  columns: {
    eventCommit: bigintKey('event_commit'), eventPrepare: bigintKey('event_prepare'), seq: { ...integer('seq'), primary: true }, householdId: text('household_id', 64),
    citizenId: nullable('citizen_id', 18), change: text('change', 16), eventType: text('event_type', 64), stream: text('stream', 200), revision: integer('revision'),
    effDate: text('eff_date', 10), recordedAt: text('recorded_at', 30),
  },
});

export const ENTITIES = [
  HouseholdEntity, MembershipEntity, PersonEntity, CheckpointEntity, StatTimelineEntity, StatDeltaEntity, ReclassificationEntity, AuditPersonEntity, AuditHouseholdEntryEntity,
];
