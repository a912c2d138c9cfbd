import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DataSource } from 'typeorm';
import { type SyntheticRecord } from '../../libs/domain/src/synthetic';
import { type EventStore, formatPosition, openSqliteEventStore } from '../../libs/event-store/src';
import { RecordImporter } from '../../libs/registry/src';
import { generateCity } from '../../libs/domain/src/synthetic';
import { ALL_VIEWS, Projector, ProjectorConflict } from '../projector';
import { openReadStore, type ReadStoreConfig } from '../store/read-store';
import { allEvents, compareWithFold } from './fold-check';
import { rebuildViews } from '../rebuild';
import { viewDigest } from '../store/digest';
import { READ_STORE_BACKENDS } from './backends';


const records = (() => {
  const out: SyntheticRecord[] = [];
  const g = generateCity({ persons: 1_500, seed: 21 });
  for (let step = g.next(); !step.done; step = g.next()) out.push(...step.value);
  return out;
})();

const backends = READ_STORE_BACKENDS;

describe.each(backends)('the projector into %s', (_name, backend) => {
  let dir: string;
  let store: EventStore;
  let db: DataSource;
  let drop: () => Promise<void>;
  let config: ReadStoreConfig;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'huji-proj-'));
    store = openSqliteEventStore(join(dir, 'events.sqlite'));
    const importer = new RecordImporter(store);
    for (const r of records) await importer.add(r);
    await importer.finish();
    const b = await backend();
    drop = b.drop;
    config = b.config;
    db = await openReadStore(config);
  });

  afterEach(async () => {
    await db.destroy();
    await drop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Given a generated city in the log, When the projector catches up, Then every table equals the pure fold of the same events', async () => {
    const applied = await new Projector(store, db, 'views', ALL_VIEWS, 700).catchUp();
    expect(applied).toBe(records.length);
    const checks = await compareWithFold(db, await allEvents(store));
    expect(checks.map((c) => [c.view, c.equal])).toEqual([
      ['households', true], ['memberships', true], ['persons', true], ['statistics', true], ['reclassifications', true], ['audit-persons', true],
      ['view_stat_deltas', true], ['view_audit_household_entries', true],
    ]);
    expect(checks.find((c) => c.view === 'view_stat_deltas')!.rows).toBeGreaterThan(records.length);
  });

  it('Given a caught-up projector, When it runs again, Then nothing is re-applied; new events are applied once', async () => {
    const projector = new Projector(store, db);
    await projector.catchUp();
    const checkpoint = await projector.checkpoint();
    expect(await projector.catchUp()).toBe(0);
    expect(await projector.checkpoint()).toBe(checkpoint);
    const person = records.find((r) => r.type === 'PersonRegistered' && !records.some((x) => x.stream === r.stream && x.type === 'DeathRegistered'))!;
    const last = records.filter((r) => r.stream === person.stream).at(-1)!;
    await store.appendToStream(person.stream, [{ type: 'DeathRegistered', data: { citizenId: person.stream.slice(7), dateOfDeath: '2026-01-05', placeOfDeath: '410105001001', deathCertificateRef: 'DC-T' }, metadata: { ...last.metadata, effectiveDate: '2026-01-05' } }], { expectedRevision: last.revision });
    expect(await projector.catchUp()).toBe(1);
    expect((await compareWithFold(db, await allEvents(store))).every((c) => c.equal)).toBe(true);
  });

  it('Given two projectors racing on the same views, Then the loser stops with ProjectorConflict and the views still equal the fold', async () => {
    const other = await openReadStore(config); // a second process would have its own connection
    try {
      const a = new Projector(store, db, 'views', ALL_VIEWS, 300);
      const b = new Projector(store, other, 'views', ALL_VIEWS, 300);
      const outcomes = await Promise.allSettled([a.catchUp(), b.catchUp()]);
      // Both read the same (empty) checkpoint before either commits: exactly one wins, the other is told so.
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(ProjectorConflict);
      await new Projector(store, db).catchUp();
      expect((await compareWithFold(db, await allEvents(store))).every((c) => c.equal)).toBe(true);
    } finally {
      await other.destroy();
    }
  });
});

describe.each(backends)('rebuilding into %s', (_name, backend) => {
  let dir: string;
  let store: EventStore;
  let db: DataSource;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'huji-rebuild-'));
    store = openSqliteEventStore(join(dir, 'events.sqlite'));
    const importer = new RecordImporter(store);
    for (const r of records.slice(0, 4_000)) await importer.add(r);
    await importer.finish();
    const b = await backend();
    drop = b.drop;
    db = await openReadStore(b.config);
  });

  afterEach(async () => {
    await db.destroy();
    await drop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Given live views, When everything is rebuilt (twice), Then the swapped-in tables equal a clean projection, the checkpoint is handed over with a new generation, and the live projector carries on', async () => {
    await new Projector(store, db).catchUp();
    const before = await viewDigest(db);
    const seen: number[] = [];
    const first = await rebuildViews(store, db, { batchSize: 1_000, onProgress: (n) => seen.push(n) });
    expect(first).toMatchObject({ applied: 4_000, position: '4000', generation: 1 });
    expect(seen.at(-1)).toBe(4_000);
    expect(await viewDigest(db)).toEqual(before);
    expect((await rebuildViews(store, db)).generation).toBe(2); // names of the first copy's indexes and keys do not clash
    const late = new RecordImporter(store);
    for (const r of records.slice(4_000)) await late.add(r);
    await late.finish();
    await new Projector(store, db).catchUp();
    expect((await compareWithFold(db, await allEvents(store))).every((c) => c.equal)).toBe(true);
  });

  it('Given a live projector ahead of a group rebuild, When statistics are rebuilt, Then the rebuild stops at the live checkpoint, the swap applies what the live projector did meanwhile, and every table equals the fold', async () => {
    const live = new Projector(store, db, 'views', ALL_VIEWS, 1_000);
    await live.catchUp(undefined, undefined, () => Promise.resolve('2000'));
    await db.query('DELETE FROM view_stat_deltas'); // damage the group: a rebuild must restore it
    // The live projector moves on after the rebuild caught up with it: the swap applies the difference.
    const result = await rebuildViews(store, db, { group: 'statistics', beforeSwap: async () => void (await live.catchUp()) });
    expect(result.tables).toEqual(['view_stat_timelines', 'view_stat_deltas', 'view_reclassifications']);
    expect(result.position).toBe('4000');
    expect(result.applied).toBe(2_000);
    expect(await live.checkpoint()).toBe('4000');
    expect((await compareWithFold(db, await allEvents(store))).map((c) => [c.view, c.equal]).filter(([, equal]) => !equal)).toEqual([]);
    expect(await live.catchUp()).toBe(0); // the live projector's checkpoint is untouched
  });

  it('Given an unrelated query during a rebuild, Then it is answered from the live tables', async () => {
    await new Projector(store, db).catchUp();
    const count = async () => Number((await db.query<{ n: number | string }[]>('SELECT COUNT(*) AS n FROM view_persons'))[0]!.n);
    const expected = await count();
    const counts: number[] = [];
    await rebuildViews(store, db, { batchSize: 500, onProgress: () => void count().then((n) => counts.push(n)) });
    expect(counts.length).toBeGreaterThan(3);
    expect(counts.every((n) => n === expected)).toBe(true);
  });
});

describe('the projector, live', () => {
  it('Given a projector following the log, When more events are appended while it runs, Then it applies them and the views equal the fold; on abort it stops cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huji-live-'));
    const store = openSqliteEventStore(join(dir, 'events.sqlite'));
    const db = await openReadStore({ type: 'sqlite', file: join(dir, 'read.sqlite') });
    try {
      const importer = new RecordImporter(store);
      for (const r of records.slice(0, 2_000)) await importer.add(r);
      await importer.finish();
      const stop = new AbortController();
      const projector = new Projector(store, db, 'views', ALL_VIEWS, 500);
      const running = projector.follow(stop.signal);
      const late = new RecordImporter(store);
      for (const r of records.slice(2_000)) await late.add(r);
      await late.finish();
      const end = (await allEvents(store)).at(-1)!.position;
      for (let i = 0; i < 200 && (await projector.checkpoint()) !== formatPosition(end); i++) await new Promise((r) => setTimeout(r, 25));
      stop.abort();
      await running;
      expect(await projector.checkpoint()).toBe(formatPosition(end));
      expect((await compareWithFold(db, await allEvents(store))).every((c) => c.equal)).toBe(true);
    } finally {
      await db.destroy();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
