import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '../src/open-event-store';
import { verify, type IntegrityReport } from '../src/verify';

/** Three interleaved streams of five events each, one of them carrying a marker we can find in the file's bytes. */
const buildLog = async (file: string): Promise<void> => {
  const store = openSqliteEventStore(file);
  for (let i = 0; i < 5; i++) {
    for (const who of ['a', 'b', 'c']) {
      const marker = who === 'b' && i === 2 ? 'MARKER-户籍-b2' : `plain-${who}${i}`;
      await store.appendToStream(`person-${who}`, [{ type: 'Registered', data: { who, i, marker } }]);
    }
  }
  await store.close(); // closing checkpoints the WAL into the main file
};

const verifyFile = async (file: string): Promise<IntegrityReport> => {
  const store = openSqliteEventStore(file);
  try {
    return await verify(store);
  } finally {
    await store.close();
  }
};

const withDb = (file: string, change: (db: Database.Database) => void): void => {
  const db = new Database(file);
  try {
    change(db);
  } finally {
    db.close();
  }
};

const positionOf = (db: Database.Database, stream: string, revision: number): number =>
  db.prepare('SELECT position FROM events WHERE stream = ? AND revision = ?').pluck().get(stream, revision) as number;

/** Exchanges the contents of two rows, keeping their positions: the two events change places in the log. */
const swapRows = (db: Database.Database, p: number, q: number): void => {
  const cols = 'stream, revision, id, type, recorded_at, data, metadata, hash, log_hash';
  const get = db.prepare(`SELECT ${cols} FROM events WHERE position = ?`);
  const [rp, rq] = [get.get(p) as Record<string, unknown>, get.get(q) as Record<string, unknown>];
  db.transaction(() => {
    db.prepare('UPDATE events SET stream = stream || \'~\', revision = -revision - 1 WHERE position IN (?, ?)').run(p, q); // dodge the unique index
    const put = db.prepare(`UPDATE events SET stream = @stream, revision = @revision, id = @id, type = @type, recorded_at = @recorded_at, data = @data, metadata = @metadata, hash = @hash, log_hash = @log_hash WHERE position = @position`);
    put.run({ ...rq, position: p });
    put.run({ ...rp, position: q });
  })();
};

describe('tamper evidence of the embedded store', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'huji-tamper-'));
    file = join(dir, 'events.sqlite');
    await buildLog(file);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('Given an untouched log, Then verify passes', async () => {
    expect(await verifyFile(file)).toMatchObject({ ok: true, eventsChecked: 15, streamsChecked: 3 });
  });

  it('Given one byte of one event flipped in the file, Then verify fails naming its stream and revision', async () => {
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from('MARKER-户籍-b2'));
    expect(at).toBeGreaterThan(0);
    bytes[at] = bytes[at]! ^ 0x01; // 'M' → 'L': still valid JSON, different content
    writeFileSync(file, bytes);
    const report = await verifyFile(file);
    expect(report.ok).toBe(false);
    expect(report.firstProblem).toMatchObject({ code: 'HASH_MISMATCH', stream: 'person-b', revision: 2 });
  });

  it('Given one row deleted from the middle of a stream, Then verify fails naming the stream and the missing revision', async () => {
    withDb(file, (db) => db.prepare('DELETE FROM events WHERE stream = ? AND revision = ?').run('person-a', 1));
    const report = await verifyFile(file);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'REVISION_GAP', stream: 'person-a', revision: 1 }));
  });

  it('Given the last event of a stream deleted, Then verify names that stream\'s missing tail first, and the global chain breaks at the position that follows it', async () => {
    let next = 0;
    withDb(file, (db) => {
      const p = positionOf(db, 'person-a', 4);
      db.prepare('DELETE FROM events WHERE position = ?').run(p);
      next = p + 1;
    });
    const report = await verifyFile(file);
    expect(report.ok).toBe(false);
    expect(report.firstProblem).toMatchObject({ code: 'TAIL_MISSING', position: String(next - 1), stream: 'person-a', revision: 4 });
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'LOG_CHAIN_BROKEN', position: String(next), stream: 'person-b', revision: 4 }));
  });

  it('Given two rows of one stream swapped, Then verify fails naming the stream and revision', async () => {
    withDb(file, (db) => swapRows(db, positionOf(db, 'person-c', 1), positionOf(db, 'person-c', 3)));
    const report = await verifyFile(file);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ stream: 'person-c', revision: 1 }));
  });

  it('Given two rows of different streams swapped, Then the global chain names where the order was changed', async () => {
    withDb(file, (db) => swapRows(db, positionOf(db, 'person-a', 2), positionOf(db, 'person-b', 2)));
    const report = await verifyFile(file);
    expect(report.ok).toBe(false);
    expect(report.firstProblem).toMatchObject({ code: 'LOG_CHAIN_BROKEN', stream: 'person-b', revision: 2 });
  });
});
