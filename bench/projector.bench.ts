import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { generateCity } from '../libs/domain/src/synthetic';
import { openSqliteEventStore } from '../libs/event-store/src';
import { RecordImporter } from '../libs/registry/src';
import { StatisticsSource } from '../projections/statistics/loader';
import { flows, headline } from '../projections/statistics/queries';
import { openReadStore } from '../projections/store/read-store';
import { type Figure, seconds, tempDir } from './harness';

const PERSONS = Number(process.env.HUJI_BENCH_PROJECTOR_PERSONS ?? 1_000_000);
const PG_URL = process.env.HUJI_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CHILD = resolve(__dirname, 'rebuild-child.js');
const QUERIES = 200;

/** The generated history, kept under data/bench (generating 1,000,000 persons takes minutes): reused when complete. */
const city = async (): Promise<{ file: string; reused: boolean }> => {
  const dir = resolve(process.env.HUJI_BENCH_CITY_DIR ?? join('data', 'bench', `city-${PERSONS}-42`));
  const file = join(dir, 'events.sqlite');
  if (existsSync(join(dir, 'complete'))) return { file, reused: true };
  mkdirSync(dir, { recursive: true });
  const store = openSqliteEventStore(file);
  const importer = new RecordImporter(store);
  const g = generateCity({ persons: PERSONS, seed: 42 });
  for (let step = g.next(); !step.done; step = g.next()) for (const r of step.value) await importer.add(r);
  await importer.finish();
  await store.close();
  writeFileSync(join(dir, 'complete'), `${importer.appended}\n`);
  return { file, reused: false };
};

const rebuildIn = (events: string, ...target: string[]): { applied: number; seconds: number; maxRssMiB: number } =>
  JSON.parse(execFileSync(process.execPath, [CHILD, events, ...target], { encoding: 'utf8', maxBuffer: 1 << 20 })) as { applied: number; seconds: number; maxRssMiB: number };

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/** Headline + the year's flows (what `huji stats` shows) for random dates, alternating the two bases. */
const latencies = (cube: Awaited<ReturnType<StatisticsSource['refresh']>>, region: string): number[] => {
  const out: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const date = `${2010 + (i % 16)}-${String(1 + ((i * 7) % 12)).padStart(2, '0')}-${String(1 + ((i * 11) % 28)).padStart(2, '0')}`;
    const basis = i % 2 === 0 ? 'effective' : 'recorded';
    const started = process.hrtime.bigint();
    headline(cube, { region, date, basis });
    flows(cube, { region, date, basis, from: `${date.slice(0, 4)}-01-01` });
    out.push(seconds(started) * 1000);
  }
  return out.sort((a, b) => a - b);
};

/** Rebuilding every view from a generated history into SQLite and PostgreSQL, then as-of statistics queries on the result. */
export const projectorBench = async (): Promise<Figure[]> => {
  const { file: events, reused } = await city();
  const { dir, remove } = tempDir('projector');
  const schema = `huji_bench_${process.pid}`;
  const admin = new Client({ connectionString: PG_URL });
  try {
    const read = join(dir, 'read.sqlite');
    const sqlite = rebuildIn(events, read);
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const postgres = rebuildIn(events, PG_URL, schema);
    const db = await openReadStore({ type: 'sqlite', file: read });
    const loadStarted = process.hrtime.bigint();
    const cube = await new StatisticsSource(db).refresh();
    const load = seconds(loadStarted);
    const rssAfterLoad = process.memoryUsage().rss / 2 ** 20;
    const prefecture = latencies(cube, '4101');
    const province = latencies(cube, '41');
    await db.destroy();
    const label = `${PERSONS.toLocaleString('en')} persons, ${sqlite.applied.toLocaleString('en')} events${reused ? ' (city reused from data/bench)' : ''}`;
    return [
      { name: `rebuild all views → SQLite (${label})`, value: sqlite.applied / sqlite.seconds, unit: 'events/s', target: 100_000 },
      { name: 'rebuild all views → PostgreSQL', value: postgres.applied / postgres.seconds, unit: 'events/s', target: 50_000 },
      { name: 'peak RSS of the SQLite rebuild', value: sqlite.maxRssMiB, unit: 'MiB', target: 1024, lowerIsBetter: true },
      { name: 'peak RSS of the PostgreSQL rebuild', value: postgres.maxRssMiB, unit: 'MiB', target: 1024, lowerIsBetter: true },
      { name: `load the statistics cube (${cube.size.toLocaleString('en')} deltas)`, value: load, unit: 's' },
      { name: 'RSS with the cube loaded', value: rssAfterLoad, unit: 'MiB', target: 1024, lowerIsBetter: true },
      { name: `as-of headline + flows, prefecture 4101, p50 (${QUERIES} dates, both bases)`, value: percentile(prefecture, 0.5), unit: 'ms' },
      { name: 'as-of headline + flows, prefecture 4101, p95', value: percentile(prefecture, 0.95), unit: 'ms', target: 50, lowerIsBetter: true },
      { name: 'as-of headline + flows, province 41, p50', value: percentile(province, 0.5), unit: 'ms' },
      { name: 'as-of headline + flows, province 41, p95', value: percentile(province, 0.95), unit: 'ms', target: 50, lowerIsBetter: true },
      { name: 'as-of headline + flows, slowest of the 400 (prefecture and province)', value: Math.max(prefecture.at(-1)!, province.at(-1)!), unit: 'ms' },
    ];
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.end().catch(() => undefined);
    remove();
  }
};
