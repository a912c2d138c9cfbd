import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type ReadStoreConfig } from '../store/read-store';

export const PG_URL = process.env.HUJI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A read store for one test: where it is, and how to throw it away. */
export type ReadStoreBackend = () => Promise<{ config: ReadStoreConfig; drop: () => Promise<void> }>;

/** The real read stores the int tests run on: a SQLite file in a temp dir, and a PostgreSQL schema of its own. */
export const READ_STORE_BACKENDS: [string, ReadStoreBackend][] = [
  ['SQLite', () => {
    const dir = mkdtempSync(join(tmpdir(), 'huji-read-'));
    return Promise.resolve({ config: { type: 'sqlite', file: join(dir, 'read.sqlite') }, drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) });
  }],
  ['PostgreSQL', async () => {
    const schema = `huji_test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    const admin = new Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    return {
      config: { type: 'postgres', url: PG_URL, schema },
      drop: async () => {
        const c = new Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
        await c.end();
      },
    };
  }],
];
