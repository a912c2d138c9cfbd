import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { embeddedLogFile, openSqliteEventStore } from '../../../libs/event-store/src';
import { alterData, deleteTail, recomputeChains, rowsOf, withFile } from '../../../libs/event-store/test/attacker';

const HUJI = resolve(__dirname, '../../../bin/huji.js');
const PERSON = 'person-110105194912310025';

const huji = async (dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [HUJI, ...args], { env: { ...process.env, HUJI_DATA_DIR: dataDir, HUJI_ESDB_URL: '' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

describe('huji verify: the head, --expect-head, removed tails and unknown streams', () => {
  let dataDir: string;
  let file: string;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'huji-cli-head-'));
    file = embeddedLogFile(dataDir);
    const store = openSqliteEventStore(file);
    await store.appendToStream(PERSON, [{ type: 'BirthRegistered', data: { name: '王五' } }, { type: 'DeathRegistered', data: { dateOfDeath: '2020-03-01' } }]);
    await store.appendToStream('household-h1', [{ type: 'HouseholdEstablished', data: { kind: 'family' } }]);
    await store.close();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('Given a log, When `huji verify` runs, Then it prints the head as POSITION:HASH, and --json as { position, hash } with the stored log hash', async () => {
    const last = withFile(file, (db) => rowsOf(db).at(-1)!);
    const text = await huji(dataDir, 'verify');
    expect(text).toMatchObject({ code: 0, stdout: expect.stringContaining(`OK: 3 events in 2 streams (sqlite store, head 3:${last.log_hash})`) as unknown });
    const json = await huji(dataDir, 'verify', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, head: { position: '3', hash: last.log_hash } });
  });

  it('Given the head recorded, When the dateOfDeath is rewritten with every hash recomputed, Then plain verify says OK, and --expect-head exits 1 saying the history up to it was rewritten', async () => {
    const { head } = JSON.parse((await huji(dataDir, 'verify', '--json')).stdout) as { head: { position: string; hash: string } };
    const recorded = `${head.position}:${head.hash}`;
    expect(await huji(dataDir, 'verify', '--expect-head', recorded)).toMatchObject({ code: 0, stdout: expect.stringContaining(`INTACT: the history up to head ${recorded} is intact.`) as unknown });
    expect((await huji(dataDir, 'verify', '--expect-head', head.hash)).code).toBe(0);
    withFile(file, (db) => {
      alterData(db, PERSON, 1, (data) => ({ ...data, dateOfDeath: '2023-09-30' }));
      recomputeChains(db, { heads: true });
    });
    expect((await huji(dataDir, 'verify')).code).toBe(0);
    const expecting = await huji(dataDir, 'verify', '--expect-head', recorded);
    expect(expecting.code).toBe(1);
    expect(expecting.stdout).toContain(`REWRITTEN: the record at position 3 does not carry head hash ${head.hash}: the history up to head ${recorded} was rewritten or is missing.`);
  });

  it('Given the last event of a stream deleted, When `huji verify` runs, Then it exits 1 with TAIL_MISSING under that stream', async () => {
    withFile(file, (db) => deleteTail(db, PERSON, 1));
    const result = await huji(dataDir, 'verify');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`TAIL_MISSING stream ${PERSON} revision 1 (position 2)`);
  });

  it('Given a stream with no events, When `huji verify --stream` names it, Then exit 2 with a message naming it; a malformed --expect-head is a usage error', async () => {
    const unknown = await huji(dataDir, 'verify', '--stream', 'person-110105194912310033');
    expect(unknown).toMatchObject({ code: 2, stdout: '', stderr: 'huji verify: no stream person-110105194912310033 in the log: nothing to verify (check the name)\n' });
    expect((await huji(dataDir, 'verify', '--stream', 'household-h1')).code).toBe(0);
    const malformed = await huji(dataDir, 'verify', '--expect-head', '3:abc');
    expect(malformed).toMatchObject({ code: 2, stderr: expect.stringContaining('--expect-head takes HASH or POSITION:HASH') as unknown });
  });
});
