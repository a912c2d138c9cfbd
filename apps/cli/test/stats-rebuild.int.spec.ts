import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateCity } from '../../../libs/domain/src/synthetic';
import { embeddedLogFile, openSqliteEventStore } from '../../../libs/event-store/src';
import { RecordImporter } from '../../../libs/registry/src';
import { toProjected } from '../../../projections/projector';
import { calibrationReport } from '../../../projections/statistics/calibration';
import { householdsOn } from '../../../projections/statistics/census-households';
import { headline } from '../../../projections/statistics/queries';
import { CENSUS_2020 } from '../../../libs/domain/src/synthetic/calibration/census-2020';
import { cubeOf } from '../../../projections/statistics/test/support';
import { allEvents } from '../../../projections/test/fold-check';

const HUJI = resolve(__dirname, '../../../bin/huji.js');

const huji = (dataDir: string, args: string[]): Promise<{ code: number | null; out: string; err: string }> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, [HUJI, ...args], { env: { ...process.env, HUJI_DATA_DIR: dataDir, HUJI_ESDB_URL: '', HUJI_READ_STORE: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { err += c.toString('utf8'); });
    child.on('error', fail);
    child.on('close', (code) => done({ code, out, err }));
  });

describe('huji stats and huji rebuild', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'huji-stats-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  beforeAll(async () => {
    const store = openSqliteEventStore(embeddedLogFile(dataDir));
    const importer = new RecordImporter(store);
    const city = generateCity({ persons: 2_000, seed: 3 });
    for (let step = city.next(); !step.done; step = city.next()) for (const r of step.value) await importer.add(r);
    await importer.finish();
    await store.close();
    expect((await huji(dataDir, ['project'])).code).toBe(0);
  });

  it('Given a projected city, When `huji stats --json` asks for a prefecture on a date, Then it prints the headline the pure fold gives, flows and targets; the table form names both rates', async () => {
    const store = openSqliteEventStore(embeddedLogFile(dataDir));
    const oracle = cubeOf((await allEvents(store)).flatMap((e) => toProjected(e) ?? []));
    await store.close();
    const result = await huji(dataDir, ['stats', '--region', '4101', '--date', '2020-12-31', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as Record<string, unknown>;
    expect(report).toMatchObject({ region: '4101', name: '河南省郑州市', date: '2020-12-31', basis: 'effective', ...headline(oracle, { region: '4101', date: '2020-12-31', basis: 'effective' }) });
    expect(report.flows).toMatchObject({ from: '2020-01-01', to: '2020-12-31' });
    expect((report.targets as { id: string }[]).map((t) => t.id)).toContain('zz-2020-resident-rate');
    const table = await huji(dataDir, ['stats', '--region', '4101', '--date', '2020-12-31']);
    expect(table.out).toMatch(/户籍人口/);
    expect(table.out).toMatch(/常住人口/);
  });

  it('Given a projected city, When `huji calibrate --json` runs, Then it prints the comparison a pure fold of the same log gives, both bases, households included; a bad date exits 2', async () => {
    const store = openSqliteEventStore(embeddedLogFile(dataDir));
    const events = (await allEvents(store)).flatMap((e) => toProjected(e) ?? []);
    await store.close();
    const oracle = calibrationReport(cubeOf(events), CENSUS_2020, '2020-11-01', { effective: householdsOn(events, '2020-11-01'), recorded: householdsOn(events, '2020-11-01', '2020-11-01') });
    const result = await huji(dataDir, ['calibrate', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual({ date: '2020-11-01', figures: oracle });
    expect(oracle.filter((r) => r.figure === 'mean family household size' && r.registry !== null).length).toBeGreaterThan(0);
    const table = await huji(dataDir, ['calibrate']);
    expect(table.out).toMatch(/郑州市\s+recorded\s+family-household persons %/);
    const bad = await huji(dataDir, ['calibrate', '--date', '2020-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--date');
  });

  it('Given bad options, Then `huji stats` exits 2 listing every problem, and `huji rebuild` refuses an unknown group', async () => {
    const bad = await huji(dataDir, ['stats', '--region', '41x', '--date', '2020-13', '--basis', 'sometimes']);
    expect(bad.code).toBe(2);
    for (const what of ['--region', '--date', '--basis']) expect(bad.err).toContain(what);
    // The same checks as the API: a known region, a real day, not in the future.
    for (const args of [['--region', '9999'], ['--date', '2023-02-29'], ['--date', `${new Date().getUTCFullYear() + 1}-01-01`]]) {
      const r = await huji(dataDir, ['stats', ...args]);
      expect([args, r.code]).toEqual([args, 2]);
    }
    const unknown = await huji(dataDir, ['rebuild', 'everything']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown view group "everything"');
  });

  it('Given live views, When `huji rebuild statistics` runs, Then it reports the tables it swapped and the statistics answer the same', async () => {
    const before = await huji(dataDir, ['stats', '--date', '2024-06-30', '--json']);
    const rebuilt = await huji(dataDir, ['rebuild', 'statistics']);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.err).toMatch(/rebuilt view_stat_timelines, view_stat_deltas, view_reclassifications from [\d,]+ events/);
    expect((await huji(dataDir, ['stats', '--date', '2024-06-30', '--json'])).out).toBe(before.out);
  });
});
