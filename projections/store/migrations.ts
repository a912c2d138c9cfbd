import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { createTable, TABLE_SPECS } from './tables';

/** The first schema of the read store: plain SQL both SQLite and PostgreSQL accept. */
export class CoreViews1700000000001 implements MigrationInterface {
  name = 'CoreViews1700000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE view_households (household_id varchar(64) PRIMARY KEY, region_code varchar(12) NOT NULL, status varchar(16) NOT NULL, data text NOT NULL)');
    await q.query('CREATE INDEX view_households_region ON view_households (region_code)');
    await q.query('CREATE TABLE view_memberships (citizen_id varchar(18) PRIMARY KEY, household_id varchar(64) NOT NULL, status varchar(16) NOT NULL, data text NOT NULL)');
    await q.query('CREATE INDEX view_memberships_household ON view_memberships (household_id)');
    await q.query('CREATE TABLE view_persons (citizen_id varchar(18) PRIMARY KEY, household_id varchar(64) NOT NULL, region_code varchar(12) NOT NULL, status varchar(16) NOT NULL, data text NOT NULL)');
    await q.query('CREATE INDEX view_persons_region ON view_persons (region_code)');
    await q.query('CREATE TABLE projection_checkpoints (projector varchar(64) PRIMARY KEY, position varchar(64) NOT NULL, updated_at varchar(32) NOT NULL)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['projection_checkpoints', 'view_persons', 'view_memberships', 'view_households']) await q.query(`DROP TABLE ${table}`);
  }
}

const ADDED = [TABLE_SPECS.statTimelines, TABLE_SPECS.statDeltas, TABLE_SPECS.reclassifications, TABLE_SPECS.auditPersons, TABLE_SPECS.auditHouseholdEntries];

/**
 * Statistics (timelines, deltas, reclassifications) and the audit index (persons' households and the
 * household history entries); checkpoints get a generation, which a rebuild's swap increments.
 */
export class StatisticsAndAudit1700000000002 implements MigrationInterface {
  name = 'StatisticsAndAudit1700000000002';

  async up(q: QueryRunner): Promise<void> {
    for (const spec of ADDED) await createTable(q, spec);
    await q.query('ALTER TABLE projection_checkpoints ADD COLUMN generation integer NOT NULL DEFAULT 0');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const spec of [...ADDED].reverse()) await q.query(`DROP TABLE ${spec.table}`);
  }
}

/**
 * The API's own records beside the views (not projections: a rebuild leaves them alone):
 * - idempotency keys: a retried command with the same `Idempotency-Key` finds the stream its first
 *   attempt was decided on (a birth's allocated citizen id), so it returns the first result;
 * - jobs: long commands (unifying a whole jurisdiction) with their cursor, so they resume after a restart.
 */
export class ApiRecords1700000000003 implements MigrationInterface {
  name = 'ApiRecords1700000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE api_idempotency_keys (idempotency_key varchar(200) PRIMARY KEY, fingerprint varchar(64) NOT NULL, stream varchar(200) NOT NULL, created_at varchar(32) NOT NULL)');
    await q.query('CREATE TABLE api_jobs (id varchar(64) PRIMARY KEY, kind varchar(32) NOT NULL, params text NOT NULL, status varchar(16) NOT NULL, cursor_key varchar(64) NOT NULL, done integer NOT NULL, skipped integer NOT NULL, failed integer NOT NULL, created_at varchar(32) NOT NULL, updated_at varchar(32) NOT NULL, error text)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE api_jobs');
    await q.query('DROP TABLE api_idempotency_keys');
  }
}

/** Idempotency keys expire (`HUJI_IDEMPOTENCY_TTL_HOURS`): an index on created_at lets the sweep find the oldest without a scan. */
export class IdempotencyKeyExpiry1700000000004 implements MigrationInterface {
  name = 'IdempotencyKeyExpiry1700000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX api_idempotency_keys_created ON api_idempotency_keys (created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX api_idempotency_keys_created');
  }
}

/**
 * 假名密钥轮换: the announced rotations of subscribers' pseudonym keys, one row per scope (a data-sharing agreement or a
 * subject) and epoch. An API record, not a view: a rebuild leaves it alone; keys are derived, never stored.
 */
export class PseudonymRotations1700000000013 implements MigrationInterface {
  name = 'PseudonymRotations1700000000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE api_pseudonym_rotations (scope varchar(220) NOT NULL, epoch integer NOT NULL, effective_at varchar(32) NOT NULL, immediate integer NOT NULL, reason text, scheduled_by varchar(200) NOT NULL, scheduled_at varchar(32) NOT NULL, PRIMARY KEY (scope, epoch))');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE api_pseudonym_rotations');
  }
}

export const MIGRATIONS = [CoreViews1700000000001, StatisticsAndAudit1700000000002, ApiRecords1700000000003, IdempotencyKeyExpiry1700000000004, PseudonymRotations1700000000013];
