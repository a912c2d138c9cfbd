import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type Principal } from '../src/auth/principal';
import { type Disclosure, DisclosureLog, disclosureLogFile } from '../src/reads/disclosure-log';
import { disclosureHash } from '../src/reads/disclosure-record';

/**
 * The disclosure log (查询留痕) on a real SQLite file: group commit under concurrent reads, and tamper-evidence —
 * whoever edits the file behind the registry's back (past its append-only triggers) is caught by verify.
 */
const REGISTRAR: Principal = { subject: 'clerk-zhao', role: 'registrar', regions: ['4101'], grants: [], office: '410102', expiresAt: 0 };
const AUDITOR: Principal = { subject: 'auditor-qian', role: 'auditor', regions: [], grants: [], office: 'audit-office', expiresAt: 0 };
const PERSON = '41010219800101002X';

const read = (i: number, over: Partial<Disclosure> = {}): Disclosure => ({
  principal: i % 2 ? AUDITOR : REGISTRAR, purpose: `核查 ${i}`, route: 'GET /persons/:citizenId', persons: [i % 3 === 0 ? PERSON : `4101022020050${String(1000 + i).slice(-4)}X`], ...over,
});

describe('the disclosure log on a SQLite file', () => {
  let dir: string;
  let file: string;
  let log: DisclosureLog;
  /** The file as someone with a shell sees it: the registry's triggers dropped, rows changed by hand. */
  const tamper = (sql: string): void => {
    const db = new Database(file);
    db.exec(`DROP TRIGGER IF EXISTS disclosures_no_update; DROP TRIGGER IF EXISTS disclosures_no_delete; DROP TRIGGER IF EXISTS disclosed_no_update; DROP TRIGGER IF EXISTS disclosed_no_delete; ${sql}`);
    db.close();
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'huji-disclosures-'));
    file = disclosureLogFile(dir);
    log = DisclosureLog.open(file);
    await Promise.all(Array.from({ length: 300 }, (_, i) => log.record(read(i))));
  });
  afterEach(async () => {
    await log.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Given 300 concurrent reads, When each has resolved, Then every one is on disk in fewer transactions than records, the chain verifies, and the file is 0600', async () => {
    expect([log.written, log.commits < 300]).toEqual([300, true]);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM disclosures').pluck().get()).toBe(300);
    expect(db.prepare("SELECT count(*) FROM disclosed WHERE kind = 'person' AND id = ?").pluck().get(PERSON)).toBe(100);
    db.close();
    expect(await log.verify()).toMatchObject({ ok: true, recordsChecked: 300, problems: [], head: expect.stringMatching(/^300:/) });
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
  });

  it('Given the registry\'s own connection, Then a record cannot be changed or removed: the triggers refuse', () => {
    const db = new Database(file);
    expect(() => db.prepare("UPDATE disclosures SET record = '{}' WHERE sequence = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM disclosed WHERE sequence = 1').run()).toThrow(/append-only/);
    db.close();
  });

  it('Given a recorded purpose altered in the file, Then verify reports that record, and only it', async () => {
    tamper("UPDATE disclosures SET record = replace(record, '核查 41', '核查 42') WHERE sequence = 42");
    const report = await log.verify();
    expect([report.ok, report.problems.map((p) => [p.code, p.sequence])]).toEqual([false, [['HASH_MISMATCH', 42]]]);
  });

  it('Given a record removed from the file, Then verify reports the gap and the index rows left pointing at nothing', async () => {
    tamper('DELETE FROM disclosures WHERE sequence = 7');
    expect((await log.verify()).problems.map((p) => [p.code, p.sequence])).toEqual([['SEQUENCE_GAP', 8], ['INDEX_MISMATCH', 7]]);
  });

  it('Given a read hidden from the index (or one invented there), Then verify reports the record whose index disagrees', async () => {
    tamper(`DELETE FROM disclosed WHERE sequence = 3; INSERT INTO disclosed (kind, id, sequence) VALUES ('person', '${PERSON}', 5)`);
    expect((await log.verify()).problems.map((p) => [p.code, p.sequence])).toEqual([['INDEX_MISMATCH', 3], ['INDEX_MISMATCH', 5]]);
  });

  it('Given the chain rewritten from record 100 with fresh hashes, Then it is consistent in itself, but the head an auditor kept no longer verifies', async () => {
    const kept = (await log.verify()).head!;
    const db = new Database(file);
    db.exec('DROP TRIGGER disclosures_no_update');
    const rows = db.prepare('SELECT sequence, record FROM disclosures WHERE sequence >= 99 ORDER BY sequence').raw(true).all() as [number, string][];
    let previous = (db.prepare('SELECT hash FROM disclosures WHERE sequence = 99').pluck().get() as string);
    for (const [sequence, text] of rows.slice(1)) {
      const forged = sequence === 100 ? text.replace('核查 99', '例行') : text;
      previous = disclosureHash(previous, sequence, forged);
      db.prepare('UPDATE disclosures SET record = ?, hash = ? WHERE sequence = ?').run(forged, previous, sequence);
    }
    db.close();
    expect((await log.verify()).ok).toBe(true);
    expect((await log.verify({ expectHead: kept })).problems.map((p) => p.code)).toEqual(['HEAD_MISMATCH']);
  });

  it('Given the newest records cut off the file, Then the head an auditor kept reports it', async () => {
    const kept = (await log.verify()).head!;
    tamper('DELETE FROM disclosed WHERE sequence > 290; DELETE FROM disclosures WHERE sequence > 290');
    expect((await log.verify({ expectHead: kept })).problems.map((p) => [p.code, p.sequence])).toEqual([['HEAD_MISMATCH', 290]]);
  });

  it('Given the log closed and opened again, Then new records extend the same chain and a person\'s reads come newest first, paged', async () => {
    await log.close();
    log = DisclosureLog.open(file);
    await log.record(read(300, { principal: AUDITOR, persons: [PERSON], purpose: '复核' }));
    expect((await log.verify()).head).toMatch(/^301:/);
    const first = log.reads('person', PERSON, { limit: 2 });
    expect(first.reads.map((r) => [r.sequence, r.purpose])).toEqual([[301, '复核'], [298, '核查 297']]);
    expect(log.reads('person', PERSON, { limit: 2, before: Number(first.next) }).reads.map((r) => r.sequence)).toEqual([295, 292]);
  });

  it('Given another process holding the file\'s write lock past the busy timeout, Then the record is refused with 503, and once released the next is written', async () => {
    const other = new Database(file);
    other.prepare('BEGIN IMMEDIATE').run();
    try {
      await expect(log.record(read(1))).rejects.toMatchObject({ status: 503, code: 'DISCLOSURE.UNAVAILABLE' });
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    await log.record(read(2));
    expect(await log.verify()).toMatchObject({ ok: true, recordsChecked: 301 });
  }, 20_000);

  it('Given the log closed, Then a record is refused with 503 and nothing is written', async () => {
    await log.close();
    await expect(log.record(read(1))).rejects.toMatchObject({ status: 503, code: 'DISCLOSURE.UNAVAILABLE' });
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM disclosures').pluck().get()).toBe(300);
    db.close();
  });
});
