import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
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

/** Opens the read store and brings its schema up to date by migrations (never `synchronize`). */
export const openReadStore = async (config: ReadStoreConfig): Promise<DataSource> => {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: true, synchronize: false, logging: false } as const;
  if (config.type === 'sqlite') mkdirSync(join(config.file, '..'), { recursive: true });
  const source = config.type === 'sqlite'
    ? new DataSource({ type: 'better-sqlite3', database: config.file, enableWAL: true, ...common })
    : new DataSource({
      type: 'postgres', url: config.url, ...common,
      // A schema of its own (tests, or several registries in one database): tables, migrations and raw SQL all land there.
      ...(config.schema ? { schema: config.schema, extra: { options: `-c search_path=${config.schema}` } } : {}),
    });
  return source.initialize();
};
