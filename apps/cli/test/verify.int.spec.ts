import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { embeddedLogFile, openSqliteEventStore } from '../../../libs/event-store/src';

const HUJI = resolve(__dirname, '../../../bin/huji.js');

const huji = async (dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [HUJI, ...args], { env: { ...process.env, HUJI_DATA_DIR: dataDir, HUJI_ESDB_URL: '' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

describe('huji verify', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'huji-cli-'));
    const store = openSqliteEventStore(embeddedLogFile(dataDir));
    await store.appendToStream('person-110105194912310025', [{ type: 'BirthRegistered', data: { name: '王五' } }, { type: 'DeathRegistered', data: {} }]);
    await store.appendToStream('household-h1', [{ type: 'HouseholdEstablished', data: { kind: 'family' } }]);
    await store.close();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('Given an intact log, When `huji verify` runs, Then it says OK and exits 0', async () => {
    const result = await huji(dataDir, 'verify');
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('OK: 3 events in 2 streams');
  });

  it('Given an altered event, When `huji verify --json` runs, Then it names the stream and revision and exits 1', async () => {
    const db = new Database(embeddedLogFile(dataDir));
    db.prepare(`UPDATE events SET data = '{"name":"王六"}' WHERE stream = 'person-110105194912310025' AND revision = 0`).run();
    db.close();
    const text = await huji(dataDir, 'verify');
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('first broken link: stream person-110105194912310025 revision 0');
    const json = await huji(dataDir, 'verify', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, firstProblem: { code: 'HASH_MISMATCH', stream: 'person-110105194912310025', revision: 0 } });
  });

  it('Given an unknown option or command, Then usage on stderr and exit code 2', async () => {
    expect(await huji(dataDir, 'verify', '--nope')).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--nope'") as unknown });
    expect(await huji(dataDir, 'frobnicate')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "frobnicate"') as unknown });
  });
});
