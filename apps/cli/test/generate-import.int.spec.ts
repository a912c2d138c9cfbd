import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { embeddedLogFile, openSqliteEventStore, verify } from '../../../libs/event-store/src';

const HUJI = resolve(__dirname, '../../../bin/huji.js');

/** Runs `huji generate … | huji import` as two real processes joined by a pipe. */
const pipeline = (dataDir: string, generateArgs: string[]): Promise<{ code: number | null; stderr: string; lines: number }> =>
  new Promise((done, fail) => {
    const env = { ...process.env, HUJI_DATA_DIR: dataDir, HUJI_ESDB_URL: '' };
    const generate = spawn(process.execPath, [HUJI, 'generate', ...generateArgs], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const load = spawn(process.execPath, [HUJI, 'import'], { env, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    let lines = 0;
    generate.stdout.on('data', (chunk: Buffer) => { lines += chunk.toString('utf8').split('\n').length - 1; });
    generate.stdout.pipe(load.stdin);
    load.stdin.on('error', () => undefined); // the importer may stop reading early: that is its answer, not a test failure
    load.on('exit', () => generate.kill());
    generate.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
    load.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
    load.on('error', fail);
    load.on('close', (code) => done({ code, stderr, lines }));
  });

describe('huji generate | huji import', () => {
  let dataDir: string;
  beforeEach(() => { dataDir = mkdtempSync(join(tmpdir(), 'huji-city-')); });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('Given a seeded city of 1,500 persons, When piped into import, Then every line is appended and verify passes, `huji project` applies them all, and importing again is refused and appends nothing', async () => {
    const first = await pipeline(dataDir, ['--persons', '1500', '--seed', '42']);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(new RegExp(`imported ${first.lines.toLocaleString('en')} events`));
    const store = openSqliteEventStore(embeddedLogFile(dataDir));
    try {
      const report = await verify(store);
      expect(report).toMatchObject({ ok: true, eventsChecked: first.lines });
    } finally {
      await store.close();
    }
    const projected = await new Promise<string>((done) => {
      const child = spawn(process.execPath, [HUJI, 'project'], { env: { ...process.env, HUJI_DATA_DIR: dataDir, HUJI_ESDB_URL: '', HUJI_READ_STORE: '' }, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (c: Buffer) => { err += c.toString('utf8'); });
      child.on('close', () => done(err));
    });
    expect(projected).toContain(`applied ${first.lines.toLocaleString('en')} events`);
    const again = await pipeline(dataDir, ['--persons', '1500', '--seed', '42']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('STREAM.WRONG_EXPECTED_REVISION');
    const after = openSqliteEventStore(embeddedLogFile(dataDir));
    try {
      expect((await verify(after)).eventsChecked).toBe(first.lines);
    } finally {
      await after.close();
    }
  });

  it('Given a bad option, When generate runs, Then it exits 2 with the usage and writes nothing', async () => {
    const result = await pipeline(dataDir, ['--persons', 'many']);
    expect(result.stderr).toContain('--persons must be a whole number');
    expect(result.lines).toBe(0);
    const future = await pipeline(dataDir, ['--persons', '10', '--end', '2999-01-01']);
    expect(future.stderr).toContain('--end must be before today');
    expect(future.lines).toBe(0);
    for (const [args, says] of [
      [['--persons', '10', '--scale', '0.001'], 'either --persons N or --scale F'],
      [[], 'either --persons N or --scale F'],
      [['--scale', '2'], '--scale must be a fraction'],
      [['--scale', '1e-9'], 'less than one resident'],
      [['--persons', '10', '--start', '2015-01-01'], '--start must be from 2005-01-01 to 2010-01-01'],
      [['--persons', '10', '--start', '1995-01-01'], '--start must be from 2005-01-01 to 2010-01-01'],
      [['--persons', '10', '--end', '2020-06-30'], '--end after 2020-11-01'],
    ] as const) {
      const refused = await pipeline(dataDir, [...args]);
      expect([args, refused.lines, refused.stderr.includes(says)]).toEqual([args, 0, true]);
    }
  });
});
