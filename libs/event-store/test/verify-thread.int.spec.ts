import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore } from '../src/event-store';
import { verifyInThread } from '../src/local/verify-thread';
import { openSqliteEventStore } from '../src/open-event-store';
import { verify } from '../src/verify';

/** 30 interleaved streams, 12,000 events: enough pages (5,000 each) for progress to show. */
const fill = async (store: EventStore): Promise<void> => {
  for (let round = 0; round < 40; round++)
    await Promise.all(Array.from({ length: 30 }, (_, s) => store.appendToStream(`person-${s}`, Array.from({ length: 10 }, (_, i) => ({ type: 'Registered', data: { s, round, i } })))));
};

describe('the integrity check in a worker thread', () => {
  let dir: string;
  let file: string;
  let store: EventStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'huji-verify-thread-'));
    file = join(dir, 'events.sqlite');
    store = openSqliteEventStore(file); // stays open, as the API holds it: the worker reads beside the writer (WAL)
    await fill(store);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Given the log open for writing, Then the worker reports exactly what verify reports, with progress along the way', async () => {
    const progress: [number, string][] = [];
    const report = await verifyInThread(file, { onProgress: (n, position) => progress.push([n, position]) });
    expect(report).toEqual(await verify(store));
    expect(report).toMatchObject({ ok: true, eventsChecked: 12_000, streamsChecked: 30, head: { position: '12000', hash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown } });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every(([n, position], i) => n > 0 && Number(position) >= n && (i === 0 || n > progress[i - 1]![0]))).toBe(true);
  });

  it('Given one stream asked for, Then the worker checks that stream only, as verify does', async () => {
    expect(await verifyInThread(file, { streams: ['person-7'] })).toEqual(await verify(store, { streams: ['person-7'] }));
  });

  it('Given an event altered in the file, Then the worker names it, as verify does', async () => {
    const db = new Database(file);
    try {
      db.prepare('UPDATE events SET data = ? WHERE stream = ? AND revision = ?').run('{"s":3,"round":9,"i":1,"x":1}', 'person-3', 91);
    } finally {
      db.close();
    }
    const report = await verifyInThread(file);
    expect(report).toEqual(await verify(store));
    expect(report.firstProblem).toMatchObject({ code: 'HASH_MISMATCH', stream: 'person-3', revision: 91 });
  });

  it('Given the check stopped (shutdown), Then it rejects with STORE.CLOSED; a missing file is STORE.UNAVAILABLE', async () => {
    const stop = new AbortController();
    const running = verifyInThread(file, { signal: stop.signal });
    stop.abort();
    await expect(running).rejects.toMatchObject({ code: 'STORE.CLOSED' });
    await expect(verifyInThread(join(dir, 'nothing.sqlite'))).rejects.toMatchObject({ code: 'STORE.UNAVAILABLE' });
  });
});
