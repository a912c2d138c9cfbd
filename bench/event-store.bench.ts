import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { lastValueFrom, take } from 'rxjs';
import { type EventStore, type NewEvent, openSqliteEventStore } from '../libs/event-store/src';
import { SQLITE_PRAGMAS } from '../libs/event-store/src/local/sqlite-log';
import { type Figure, rate, tempDir } from './harness';

/** A realistic registry event: a birth with a Chinese name, a household and the usual metadata. */
const birth = (i: number): NewEvent => ({
  type: 'BirthRegistered',
  data: {
    citizenId: `41010520260101${String(i % 10_000).padStart(4, '0')}`,
    name: '张晓明', sex: i % 2 ? 'male' : 'female', dateOfBirth: '2026-01-01', placeOfBirth: '410105001001',
    householdId: `hh-${i % 50_000}`, relationToHead: 'child', registrationType: 'resident',
  },
  metadata: { effectiveDate: '2026-01-01', actor: { id: 'registrar-7', role: 'registrar', office: '410105' }, correlationId: randomUUID() },
});

const SEQUENTIAL = 3_000;
const CONCURRENT_WRITERS = 64;
const CONCURRENT_EVENTS = 64_000;
const BATCH = 1_000;
const BATCHES = 300;

const sequential = (store: EventStore): Promise<number> =>
  rate(SEQUENTIAL, async () => {
    for (let i = 0; i < SEQUENTIAL; i++) await store.appendToStream(`person-seq${i}`, [birth(i)]);
  });

const concurrent = (store: EventStore): Promise<number> =>
  rate(CONCURRENT_EVENTS, async () => {
    const perWriter = CONCURRENT_EVENTS / CONCURRENT_WRITERS;
    await Promise.all(Array.from({ length: CONCURRENT_WRITERS }, async (_, w) => {
      for (let i = 0; i < perWriter; i++) await store.appendToStream(`person-c${w}x${i}`, [birth(i)]);
    }));
  });

const batched = (store: EventStore, events: readonly NewEvent[][]): Promise<number> =>
  rate(BATCH * BATCHES, async () => {
    for (let b = 0; b < BATCHES; b++) await store.appendToStream(`import-b${b}`, events[b]!);
  });

const readAll = (store: EventStore, total: number): Promise<number> =>
  rate(total, async () => {
    let after;
    let seen = 0;
    for (;;) {
      const page = await store.readAll({ after, maxCount: 1_000 });
      seen += page.events.length;
      after = page.next;
      if (page.isEnd) break;
    }
    if (seen !== total) throw new Error(`readAll saw ${seen} of ${total}`);
  });

const catchUp = (store: EventStore, total: number): Promise<number> =>
  rate(total, async () => {
    await lastValueFrom(store.subscribeToAll().pipe(take(total)));
  });

/** The ceiling: raw better-sqlite3 inserting the very rows the store wrote, in one transaction, into the same schema. */
const rawCeiling = (from: string, to: string): number => {
  const source = new Database(from, { readonly: true });
  const rows = source.prepare("SELECT * FROM events WHERE stream LIKE 'import-%' ORDER BY position").raw(true).all() as unknown[][];
  const ddl = source.prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name LIKE 'events%'").pluck().all() as string[];
  source.close();
  const target = new Database(to);
  for (const pragma of SQLITE_PRAGMAS) target.pragma(pragma);
  for (const sql of ddl) target.exec(sql);
  const insert = target.prepare(`INSERT INTO events VALUES (${rows[0]!.map(() => '?').join(',')})`);
  const start = process.hrtime.bigint();
  target.transaction(() => { for (const row of rows) insert.run(row); })();
  const perSecond = rows.length / (Number(process.hrtime.bigint() - start) / 1e9);
  target.close();
  return perSecond;
};

export const eventStoreBench = async (): Promise<Figure[]> => {
  const { dir, remove } = tempDir('store');
  const file = join(dir, 'events.sqlite');
  const store = openSqliteEventStore(file);
  try {
    const seq = await sequential(store);
    const conc = await concurrent(store);
    const batches = Array.from({ length: BATCHES }, (_, b) => Array.from({ length: BATCH }, (_, i) => birth(b * BATCH + i)));
    const batch = await batched(store, batches);
    const total = SEQUENTIAL + CONCURRENT_EVENTS + BATCH * BATCHES;
    const read = await readAll(store, total);
    const sub = await catchUp(store, total);
    await store.close();
    const ceiling = rawCeiling(file, join(dir, 'ceiling.sqlite'));
    return [
      { name: 'sequential single-event appends (durable)', value: seq, unit: 'events/s' },
      { name: `${CONCURRENT_WRITERS} concurrent single-event appends (durable)`, value: conc, unit: 'events/s', target: 20_000 },
      { name: `batches of ${BATCH.toLocaleString('en')} (durable)`, value: batch, unit: 'events/s', target: 300_000 },
      { name: 'readAll (pages of 1,000, parsed)', value: read, unit: 'events/s', target: 500_000 },
      { name: 'subscription catch-up', value: sub, unit: 'events/s' },
      { name: 'ceiling: raw better-sqlite3, same rows, one txn', value: ceiling, unit: 'rows/s' },
      { name: 'batched append / raw ceiling', value: (100 * batch) / ceiling, unit: '%', target: 50 },
    ];
  } finally {
    await store.close();
    remove();
  }
};
