import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LogHeadRef } from '../src/chain';
import { verifyInThread } from '../src/local/verify-thread';
import { openSqliteEventStore } from '../src/open-event-store';
import { type IntegrityReport, verify, type VerifyOptions } from '../src/verify';
import { alterData, recomputeChains, rowsOf, withFile } from './attacker';

/** Four people and their households; 张1 dies. The head is recorded there; then five more events are appended. */
const buildLog = async (file: string): Promise<LogHeadRef> => {
  const store = openSqliteEventStore(file);
  for (let i = 0; i < 4; i++) {
    await store.appendToStream(`person-${i}`, [{ type: 'BirthRegistered', data: { name: `张${i}`, dateOfBirth: '1950-01-01' } }]);
    await store.appendToStream(`household-h${i}`, [{ type: 'HouseholdEstablished', data: { kind: 'family', head: `person-${i}` } }]);
  }
  await store.appendToStream('person-1', [{ type: 'DeathRegistered', data: { dateOfDeath: '2020-03-01', certificate: 'D-1' } }]);
  const { head } = await verify(store);
  for (let i = 0; i < 5; i++) await store.appendToStream(`person-${i % 4 === 1 ? 2 : i % 4}`, [{ type: 'AddressChanged', data: { i } }]);
  await store.close();
  return head!;
};

const verifyFile = async (file: string, options?: VerifyOptions): Promise<IntegrityReport> => {
  const store = openSqliteEventStore(file);
  try {
    return await verify(store, options);
  } finally {
    await store.close();
  }
};

const laterDeath = (data: Record<string, unknown>): Record<string, unknown> => ({ ...data, dateOfDeath: '2023-09-30' });

describe('the head of verify: a position and a hash that commits to the history up to it', () => {
  let dir: string;
  let file: string;
  let recorded: LogHeadRef;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'huji-head-'));
    file = join(dir, 'events.sqlite');
    recorded = await buildLog(file);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('Given an untouched log, Then the head is the last position and its stored log hash, and a head recorded earlier is found intact, as POSITION:HASH or HASH', async () => {
    const last = withFile(file, (db) => rowsOf(db).at(-1)!);
    expect((await verifyFile(file)).head).toEqual({ position: String(last.position), hash: last.log_hash });
    expect(recorded.position).toBe('9');
    const byPosition = await verifyFile(file, { expectHead: recorded });
    expect(byPosition).toMatchObject({ ok: true, expectedHead: { intact: true, foundAt: '9', message: `the history up to head 9:${recorded.hash} is intact` } });
    expect((await verifyFile(file, { expectHead: { hash: recorded.hash } })).expectedHead).toMatchObject({ intact: true, foundAt: '9' });
  });

  it('Given a DeathRegistered\'s dateOfDeath changed and every later stream hash, log hash and stream head recomputed, When verify runs, Then every chain checks out; When it expects the head recorded before, Then the history up to it is reported rewritten', async () => {
    withFile(file, (db) => {
      alterData(db, 'person-1', 1, laterDeath);
      recomputeChains(db, { heads: true });
    });
    const plain = await verifyFile(file);
    expect(plain).toMatchObject({ ok: true, problems: [], head: { position: '14' } });
    const expecting = await verifyFile(file, { expectHead: recorded });
    expect(expecting.ok).toBe(false);
    expect(expecting.expectedHead).toEqual({
      position: '9', hash: recorded.hash, foundAt: null, intact: false,
      message: `the record at position 9 does not carry head hash ${recorded.hash}: the history up to head 9:${recorded.hash} was rewritten or is missing`,
    });
    expect((await verifyFile(file, { expectHead: { hash: recorded.hash } })).expectedHead).toMatchObject({ intact: false, foundAt: null, message: expect.stringContaining('no record of the log carries head hash') as unknown });
  });

  it('Given an event after the recorded head rewritten (every chain recomputed), Then the history up to that head is still intact, and the head of the log has changed', async () => {
    const before = (await verifyFile(file)).head!;
    withFile(file, (db) => {
      alterData(db, 'person-2', 2, (data) => ({ ...data, i: 99 }));
      recomputeChains(db, { heads: true });
    });
    const report = await verifyFile(file, { expectHead: recorded });
    expect(report).toMatchObject({ ok: true, expectedHead: { intact: true, foundAt: '9' } });
    expect(report.head).toEqual({ position: before.position, hash: expect.not.stringMatching(before.hash) as unknown });
  });

  it('Given the recorded hash expected at another position, Then it is not found there', async () => {
    const report = await verifyFile(file, { expectHead: { position: '8', hash: recorded.hash } });
    expect(report.expectedHead).toMatchObject({ intact: false, foundAt: null, message: expect.stringContaining('the record at position 8 does not carry') as unknown });
  });

  it('Given an event\'s content altered before the head with the hashes left as they were, Then the head is still in the log but the history before it is reported altered', async () => {
    withFile(file, (db) => alterData(db, 'person-1', 1, laterDeath));
    const report = await verifyFile(file, { expectHead: recorded });
    expect(report.firstProblem).toMatchObject({ code: 'HASH_MISMATCH', stream: 'person-1', revision: 1 });
    expect(report.expectedHead).toMatchObject({ intact: false, foundAt: '9', message: expect.stringContaining('the history up to that head was altered') as unknown });
  });

  it('Given one stream checked, Then the expected head still covers every record of the log — in the worker thread as well', async () => {
    withFile(file, (db) => {
      alterData(db, 'person-1', 1, laterDeath);
      recomputeChains(db, { heads: true });
    });
    const options = { streams: ['household-h0'], expectHead: recorded };
    const report = await verifyFile(file, options);
    expect(report).toMatchObject({ ok: false, streamsChecked: 1, problems: [], expectedHead: { intact: false } });
    expect(await verifyInThread(file, options)).toEqual(report);
  });
});
