import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { privateDatabaseFile } from '../../libs/event-store/src/local/private-files';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** Where the views live: a SQLite file under the data dir by default, PostgreSQL with `HUJI_READ_STORE=postgres://…`. */
export type ReadStoreConfig =
  | { readonly type: 'sqlite'; readonly file: string }
  | { readonly type: 'postgres'; readonly url: string; readonly schema?: string };

export const readStoreConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): ReadStoreConfig => {
  const url = env.HUJI_READ_STORE?.trim();
  if (url && /^postgres(ql)?:\/\//.test(url)) return { type: 'postgres', url };
  return { type: 'sqlite', file: join(env.HUJI_DATA_DIR?.trim() || './data', 'read.sqlite') };
};

/**
 * The read store is derived data with its checkpoint in every transaction: `synchronous = NORMAL` (WAL)
 * may lose the last commits on a power cut but never splits rows from their checkpoint, so the projector
 * resumes from an earlier checkpoint; a 128 MiB page cache keeps the views' B-trees in memory.
 */
const tuneSqlite = (db: { pragma: (sql: string) => unknown }): void => {
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -131072');
};

/** Opens the read store and brings its schema up to date by migrations (never `synchronize`). */
export const openReadStore = async (config: ReadStoreConfig): Promise<DataSource> => {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: true, synchronize: false, logging: false } as const;
  // The views hold personal data: the SQLite file is 0600 in a 0700 directory before it is opened (its WAL follows).
  if (config.type === 'sqlite') privateDatabaseFile(config.file);
  const source = config.type === 'sqlite'
    ? new DataSource({ type: 'better-sqlite3', database: config.file, enableWAL: true, prepareDatabase: tuneSqlite, ...common })
    : new DataSource({
      type: 'postgres', url: config.url, ...common,
      // A schema of its own (tests, or several registries in one database): tables, migrations and raw SQL all land there.
      ...(config.schema ? { schema: config.schema, extra: { options: `-c search_path=${config.schema}` } } : {}),
    });
  return source.initialize();
};
