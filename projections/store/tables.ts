/**
 * The DDL of every view table, in one place: the migrations create the live tables from it, and a
 * rebuild (`huji rebuild`) creates fresh copies beside them (`<table>__next`) before the swap. Plain SQL
 * that SQLite and PostgreSQL both accept.
 */
export interface TableSpec {
  readonly table: string;
  readonly columns: string;
  readonly indexes: readonly { readonly suffix: string; readonly columns: string }[];
}

export const TABLE_SPECS = {
  households: { table: 'view_households', columns: 'household_id varchar(64) PRIMARY KEY, region_code varchar(12) NOT NULL, status varchar(16) NOT NULL, data text NOT NULL', indexes: [{ suffix: 'region', columns: 'region_code' }] },
  memberships: { table: 'view_memberships', columns: 'citizen_id varchar(18) PRIMARY KEY, household_id varchar(64) NOT NULL, status varchar(16) NOT NULL, data text NOT NULL', indexes: [{ suffix: 'household', columns: 'household_id' }] },
  persons: { table: 'view_persons', columns: 'citizen_id varchar(18) PRIMARY KEY, household_id varchar(64) NOT NULL, region_code varchar(12) NOT NULL, status varchar(16) NOT NULL, data text NOT NULL', indexes: [{ suffix: 'region', columns: 'region_code' }] },
  statTimelines: { table: 'view_stat_timelines', columns: 'citizen_id varchar(18) PRIMARY KEY, data text NOT NULL', indexes: [] },
  statDeltas: {
    table: 'view_stat_deltas',
    columns: 'event_commit bigint NOT NULL, event_prepare bigint NOT NULL, seq integer NOT NULL, measure varchar(10) NOT NULL, region_code varchar(12) NOT NULL, sex varchar(6) NOT NULL, '
      + 'birth_year integer NOT NULL, reg_type varchar(20) NOT NULL, orig_type varchar(20) NOT NULL, eff_date varchar(10) NOT NULL, rec_date varchar(10) NOT NULL, n integer NOT NULL, '
      + 'cause varchar(32) NOT NULL, category varchar(64), rule_id varchar(64), other_region varchar(12), PRIMARY KEY (event_commit, event_prepare, seq)',
    indexes: [{ suffix: 'region', columns: 'region_code, eff_date' }],
  },
  reclassifications: { table: 'view_reclassifications', columns: 'id varchar(41) PRIMARY KEY, region_code varchar(12) NOT NULL, data text NOT NULL', indexes: [] },
  auditPersons: {
    table: 'view_audit_persons',
    columns: 'citizen_id varchar(18) PRIMARY KEY, household_id varchar(64) NOT NULL, status varchar(16) NOT NULL, identity_key varchar(100) NOT NULL, date_of_birth varchar(10) NOT NULL, data text NOT NULL',
    indexes: [{ suffix: 'identity', columns: 'identity_key' }, { suffix: 'birth', columns: 'status, date_of_birth' }, { suffix: 'household', columns: 'household_id' }],
  },
  auditHouseholdEntries: {
    table: 'view_audit_household_entries',
    columns: 'event_commit bigint NOT NULL, event_prepare bigint NOT NULL, seq integer NOT NULL, household_id varchar(64) NOT NULL, citizen_id varchar(18), '
      + 'change varchar(16) NOT NULL, event_type varchar(64) NOT NULL, stream varchar(200) NOT NULL, revision integer NOT NULL, eff_date varchar(10) NOT NULL, recorded_at varchar(30) NOT NULL, '
      + 'PRIMARY KEY (event_commit, event_prepare, seq)',
    indexes: [{ suffix: 'household', columns: 'household_id, event_commit' }],
  },
} as const satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLE_SPECS;

/** Creates a spec's table under `table` (default its own name); indexes are named after the table, so copies do not clash. */
export const createTable = async (q: { query: (sql: string) => Promise<unknown> }, spec: TableSpec, table = spec.table, indexes = true): Promise<void> => {
  await q.query(`CREATE TABLE ${table} (${spec.columns})`);
  if (indexes) await createIndexes(q, spec, table);
};

export const createIndexes = async (q: { query: (sql: string) => Promise<unknown> }, spec: TableSpec, table: string, tag = ''): Promise<void> => {
  for (const index of spec.indexes) await q.query(`CREATE INDEX ${table}_${index.suffix}${tag} ON ${table} (${index.columns})`);
};
