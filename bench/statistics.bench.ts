import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateCity } from '../libs/domain/src/synthetic';
import { openSqliteEventStore } from '../libs/event-store/src';
import { RecordImporter } from '../libs/registry/src';
import { rebuildViews } from '../projections/rebuild';
import { type StatisticsCube } from '../projections/statistics/cube';
import { StatisticsSource } from '../projections/statistics/loader';
import { exact, perturbation, type Publish } from '../projections/statistics/perturbation';
import { flows, headline, structure } from '../projections/statistics/queries';
import { recordKeySeedOf } from '../projections/statistics/record-keys';
import { openReadStore } from '../projections/store/read-store';
import { type Figure, seconds } from './harness';

const PERSONS = Number(process.env.HUJI_BENCH_STATISTICS_PERSONS ?? 100_000);
const LOADS = 3;

/** The generated history and its views, kept under data/bench (the projector bench's city): built once. */
const readStore = async (): Promise<string> => {
  const dir = resolve(process.env.HUJI_BENCH_CITY_DIR ?? join('data', 'bench', `city-${PERSONS}-42`));
  const [events, read] = [join(dir, 'events.sqlite'), join(dir, 'statistics.sqlite')];
  if (!existsSync(join(dir, 'complete'))) {
    mkdirSync(dir, { recursive: true });
    const store = openSqliteEventStore(events);
    const importer = new RecordImporter(store);
    const g = generateCity({ persons: PERSONS, seed: 42 });
    for (let step = g.next(); !step.done; step = g.next()) for (const r of step.value) await importer.add(r);
    await importer.finish();
    await store.close();
    writeFileSync(join(dir, 'complete'), `${importer.appended}\n`);
  }
  if (!existsSync(join(dir, 'statistics.complete'))) {
    const store = openSqliteEventStore(events);
    const db = await openReadStore({ type: 'sqlite', file: read });
    await rebuildViews(store, db); // every view: a group's rebuild stops at the live checkpoint, and there is none yet
    await db.destroy();
    await store.close();
    writeFileSync(join(dir, 'statistics.complete'), 'ok\n');
  }
  return read;
};

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(0.95 * xs.length)]!;

const monthEnds = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => new Date(Date.UTC(2010 + Math.floor(i / 12) % 16, (i % 12) + 1, 0)).toISOString().slice(0, 10));

/** CPU milliseconds (user + system) since `from`: less swayed than wall time by other work on the machine. */
const cpuMs = (from: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};

/** Milliseconds of each run of `query` over the dates, and the CPU milliseconds of a run on average. */
const timed = (dates: readonly string[], query: (date: string) => unknown): number[] & { cpu?: number } => {
  const cpu = process.cpuUsage();
  const out: number[] & { cpu?: number } = dates.map((date) => {
    const started = process.hrtime.bigint();
    query(date);
    return seconds(started) * 1000;
  });
  out.cpu = cpuMs(cpu) / dates.length;
  return out;
};

const queries = (cube: StatisticsCube, publish: Publish, label: string): Figure[] => {
  const dates = monthEnds(192);
  const asOf = (region: string) => timed(dates, (date) => {
    headline(cube, { region, date, basis: 'effective' }, publish);
    flows(cube, { region, date, basis: 'effective', from: `${date.slice(0, 8)}01` }, publish);
  });
  const shape = (region: string) => timed(dates.slice(0, 48), (date) => structure(cube, { region, date, basis: 'effective', measure: 'resident' }, publish));
  const [prefecture, province, county, prefectureShape] = [asOf('4101'), asOf('41'), shape('410102'), shape('4101')];
  return [
    { name: `${label}: headline + month's flows, prefecture 4101, p50 / p95 (192 month ends)`, value: median(prefecture), unit: 'ms', note: `p95 ${p95(prefecture).toFixed(2)} ms, CPU ${prefecture.cpu!.toFixed(2)} ms a query` },
    { name: `${label}: headline + month's flows, province 41, p50 / p95`, value: median(province), unit: 'ms', note: `p95 ${p95(province).toFixed(2)} ms, CPU ${province.cpu!.toFixed(2)} ms a query` },
    { name: `${label}: structure, county 410102, p50 (48 month ends)`, value: median(county), unit: 'ms', note: `CPU ${county.cpu!.toFixed(2)} ms a query` },
    { name: `${label}: structure, prefecture 4101, p50`, value: median(prefectureShape), unit: 'ms', note: `CPU ${prefectureShape.cpu!.toFixed(2)} ms a query` },
  ];
};

/** The statistics cube's cost with cell-key perturbation: loading (a record key per delta) and queries, exact (auditors) and perturbed (statisticians). */
export const statisticsBench = async (): Promise<Figure[]> => {
  const db = await openReadStore({ type: 'sqlite', file: await readStore() });
  try {
    const seed = recordKeySeedOf('bench: the statistics record keys');
    const loads: number[] = [];
    const cpus: number[] = [];
    let cube: StatisticsCube | undefined;
    for (let i = 0; i < LOADS; i++) {
      cube = undefined; // the previous cube is garbage before the next load
      const [started, cpu] = [process.hrtime.bigint(), process.cpuUsage()];
      cube = await new StatisticsSource(db, seed).refresh();
      loads.push(seconds(started));
      cpus.push(cpuMs(cpu) / 1000);
    }
    const loaded = cube!;
    (globalThis as { gc?: () => void }).gc?.(); // with --expose-gc: count what the cube holds, not the earlier loads' garbage
    const { rss, arrayBuffers } = process.memoryUsage();
    return [
      { name: `load the statistics cube (${loaded.size.toLocaleString('en')} deltas, ${PERSONS.toLocaleString('en')} persons), median of ${LOADS}`, value: median(loads), unit: 's', note: `CPU ${median(cpus).toFixed(2)} s` },
      { name: 'RSS with the cube loaded', value: rss / 2 ** 20, unit: 'MiB', target: 1024, lowerIsBetter: true },
      { name: 'typed arrays held (the cube\'s columns and layers)', value: arrayBuffers / 2 ** 20, unit: 'MiB', note: `${(arrayBuffers / loaded.size).toFixed(1)} bytes a delta` },
      ...queries(loaded, exact, 'exact'),
      ...queries(loaded, perturbation(), 'perturbed'),
    ];
  } finally {
    await db.destroy();
  }
};
