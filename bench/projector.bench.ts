import { join } from 'node:path';
import { Client } from 'pg';
import { generateCity } from '../libs/domain/src/synthetic';
import { openSqliteEventStore } from '../libs/event-store/src';
import { RecordImporter } from '../libs/registry/src';
import { Projector } from '../projections/projector';
import { openReadStore, type ReadStoreConfig } from '../projections/store/read-store';
import { type Figure, rate, tempDir } from './harness';

const PERSONS = 100_000;
const PG_URL = process.env.HUJI_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const rebuild = async (store: ReturnType<typeof openSqliteEventStore>, config: ReadStoreConfig, events: number): Promise<number> => {
  const db = await openReadStore(config);
  try {
    return await rate(events, async () => {
      const applied = await new Projector(store, db, 'core').catchUp();
      if (applied !== events) throw new Error(`the projector applied ${applied} of ${events}`);
    });
  } finally {
    await db.destroy();
  }
};

/** Rebuilding the current-state views (households, memberships, persons) from a 100,000-person city, into SQLite and into PostgreSQL. */
export const projectorBench = async (): Promise<Figure[]> => {
  const { dir, remove } = tempDir('projector');
  const store = openSqliteEventStore(join(dir, 'events.sqlite'));
  const schema = `huji_bench_${process.pid}`;
  const admin = new Client({ connectionString: PG_URL });
  try {
    const importer = new RecordImporter(store);
    const city = generateCity({ persons: PERSONS, seed: 42 });
    for (let step = city.next(); !step.done; step = city.next()) for (const r of step.value) await importer.add(r);
    await importer.finish();
    const events = importer.appended;
    const sqlite = await rebuild(store, { type: 'sqlite', file: join(dir, 'read.sqlite') }, events);
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const postgres = await rebuild(store, { type: 'postgres', url: PG_URL, schema }, events);
    return [
      { name: `rebuild 3 core views, ${events.toLocaleString('en')} events → SQLite`, value: sqlite, unit: 'events/s', target: 100_000, note: '(issue 4 target, all views)' },
      { name: `rebuild 3 core views, ${events.toLocaleString('en')} events → PostgreSQL`, value: postgres, unit: 'events/s', target: 50_000, note: '(issue 4 target, all views)' },
    ];
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.end().catch(() => undefined);
    await store.close();
    remove();
  }
};
