import { type MigrationInterface, type QueryRunner } from 'typeorm';

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

export const MIGRATIONS = [CoreViews1700000000001];
