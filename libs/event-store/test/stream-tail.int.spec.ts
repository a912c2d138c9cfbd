import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyInThread } from '../src/local/verify-thread';
import { openSqliteEventStore } from '../src/open-event-store';
import { type IntegrityReport, verify } from '../src/verify';
import { deleteTail, recomputeChains, renumber, withFile } from './attacker';

/** Three interleaved streams of five events: person-a revision r sits at position 3r + 1, person-b at 3r + 2, person-c at 3r + 3. */
const buildLog = async (file: string): Promise<void> => {
  const store = openSqliteEventStore(file);
  for (let i = 0; i < 5; i++)
    for (const who of ['a', 'b', 'c']) await store.appendToStream(`person-${who}`, [{ type: 'Registered', data: { who, i } }]);
  await store.close();
};

const verifyFile = async (file: string): Promise<IntegrityReport> => {
  const store = openSqliteEventStore(file);
  try {
    return await verify(store);
  } finally {
    await store.close();
  }
};

const headsOf = (file: string): unknown[] => withFile(file, (db) => db.prepare('SELECT * FROM stream_heads ORDER BY position').all());

describe('a stream\'s removed tail is reported under that stream (the embedded log records each stream\'s head)', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'huji-tail-'));
    file = join(dir, 'events.sqlite');
    await buildLog(file);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('Given appends, Then each one records its stream\'s head at the position of its last event', async () => {
    const store = openSqliteEventStore(file);
    await Promise.all([
      store.appendToStream('person-d', [0, 1, 2].map((i) => ({ type: 'Registered', data: { i } }))),
      store.appendToStream('person-a', [{ type: 'Moved', data: {} }]),
    ]);
    await store.close();
    const single = withFile(file, (db) => db.prepare('SELECT position, stream, revision FROM events WHERE position <= 15 ORDER BY position').all());
    expect(headsOf(file)).toEqual([...single, { position: 18, stream: 'person-d', revision: 2 }, { position: 19, stream: 'person-a', revision: 5 }]);
  });

  it('Given the last two events of a stream deleted, Then TAIL_MISSING names that stream and its first missing revision; the breaks of the global chain name the gaps', async () => {
    withFile(file, (db) => deleteTail(db, 'person-a', 2));
    const report = await verifyFile(file);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'TAIL_MISSING', stream: 'person-a', revision: 3, position: '13' }));
    expect(report.problems.filter((p) => p.code !== 'TAIL_MISSING').map((p) => [p.code, p.position, p.message])).toEqual([
      ['LOG_CHAIN_BROKEN', '11', expect.stringContaining('position 10 is missing') as unknown],
      ['LOG_CHAIN_BROKEN', '14', expect.stringContaining('position 13 is missing') as unknown],
    ]);
  });

  it('Given the tail deleted, the positions closed up and the global chain recomputed, Then the one problem is that stream\'s missing tail', async () => {
    withFile(file, (db) => {
      deleteTail(db, 'person-a', 2);
      renumber(db);
      recomputeChains(db, { heads: false });
    });
    expect((await verifyFile(file)).problems).toEqual([expect.objectContaining({ code: 'TAIL_MISSING', stream: 'person-a', revision: 3 })]);
  });

  it('Given the last event of the whole log deleted and the chain recomputed, Then its stream\'s tail is reported missing', async () => {
    withFile(file, (db) => {
      deleteTail(db, 'person-c', 1);
      recomputeChains(db, { heads: false });
    });
    const report = await verifyFile(file);
    expect(report).toMatchObject({ ok: false, head: { position: '14' } });
    expect(report.problems).toEqual([expect.objectContaining({ code: 'TAIL_MISSING', stream: 'person-c', revision: 4, position: '15' })]);
  });

  it('Given every event of a stream deleted and the chain recomputed, Then the stream is reported with all of its revisions missing', async () => {
    withFile(file, (db) => {
      deleteTail(db, 'person-b', 5);
      renumber(db);
      recomputeChains(db, { heads: false });
    });
    expect((await verifyFile(file)).problems).toEqual([expect.objectContaining({ code: 'TAIL_MISSING', stream: 'person-b', revision: 0, message: expect.stringContaining('holds none of its events') as unknown })]);
  });

  it('Given a stream\'s tail deleted and the stream appended to again, Then the head recorded twice for its revision gives it away under that stream', async () => {
    withFile(file, (db) => deleteTail(db, 'person-a', 1));
    const store = openSqliteEventStore(file);
    try {
      expect(await store.appendToStream('person-a', [{ type: 'Registered', data: { again: true } }])).toMatchObject({ nextExpectedRevision: 4, position: { commit: 16n } });
      expect((await verify(store)).problems).toContainEqual(expect.objectContaining({ code: 'TAIL_MISSING', stream: 'person-a', revision: 4, position: '16', message: expect.stringContaining('removed and written again') as unknown }));
    } finally {
      await store.close();
    }
  });

  it('Given the last event of the log deleted, When the store appends again, Then it does not give the removed position out again: the gap and the tail stay visible', async () => {
    withFile(file, (db) => deleteTail(db, 'person-c', 1));
    const store = openSqliteEventStore(file);
    try {
      expect((await store.appendToStream('person-d', [{ type: 'Registered', data: {} }])).position.commit).toBe(16n);
      expect((await verify(store)).problems.map((p) => [p.code, p.stream, p.position])).toEqual([['TAIL_MISSING', 'person-c', '15'], ['LOG_CHAIN_BROKEN', 'person-d', '16']]);
    } finally {
      await store.close();
    }
  });

  it('Given a stream\'s last recorded head removed (events written around the store), Then HEAD_MISMATCH names the stream', async () => {
    withFile(file, (db) => db.prepare('DELETE FROM stream_heads WHERE position = 14').run());
    expect((await verifyFile(file)).problems).toEqual([expect.objectContaining({ code: 'HEAD_MISMATCH', stream: 'person-b', revision: 4, position: '11' })]);
  });

  it('Given a deleted tail, Then the worker thread reports what verify reports', async () => {
    withFile(file, (db) => deleteTail(db, 'person-b', 2));
    const report = await verifyInThread(file);
    expect(report).toEqual(await verifyFile(file));
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'TAIL_MISSING', stream: 'person-b', revision: 3 }));
  });

  it('Given a log written before stream heads were kept, When it is opened, Then the migration records every stream\'s head, and a tail deleted after is caught', async () => {
    withFile(file, (db) => {
      db.exec('DROP TABLE stream_heads');
      db.pragma('user_version = 1');
    });
    expect(await verifyFile(file)).toMatchObject({ ok: true, eventsChecked: 15 });
    expect(headsOf(file)).toEqual([13, 14, 15].map((position, i) => ({ position, stream: `person-${'abc'[i]!}`, revision: 4 })));
    expect(withFile(file, (db) => db.pragma('user_version', { simple: true }))).toBe(2);
    withFile(file, (db) => deleteTail(db, 'person-c', 1));
    expect((await verifyFile(file)).problems).toContainEqual(expect.objectContaining({ code: 'TAIL_MISSING', stream: 'person-c', revision: 4 }));
  });
});
