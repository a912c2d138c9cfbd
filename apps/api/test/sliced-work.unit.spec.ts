import { StatisticsCube } from '../../../projections/statistics/cube';
import { flows, flowsSlices, headline, headlineSlices, structure, structureSlices, type StructureQuery } from '../../../projections/statistics/queries';
import { complete } from '../../../projections/statistics/slices';
import { targetProgress, targetProgressSlices } from '../../../projections/statistics/targets';
import { ApiError } from '../src/http/problem';
import { SlicedWork } from '../src/ops/sliced-work';

const VILLAGES = ['410102001002', '410102001003', '410103100202', '410105001003', '330302006044'];
const SEXES = ['male', 'female'];
const CAUSES = ['BirthRegistered', 'HukouMigrated', 'DeathRegistered', 'ResidencePermitIssued'];

/** Deltas spread over regions, cells, dates and causes (a synthetic cube: the queries only count). */
const addRows = (cube: StatisticsCube, from: number, count: number): void => {
  for (let i = from; i < from + count; i++) {
    const cause = CAUSES[i % 4]!;
    const day = `${2000 + (i % 25)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    cube.add({
      measure: cause === 'ResidencePermitIssued' ? 'away' : 'registered', regionCode: VILLAGES[i % 5]!, sex: SEXES[i % 2]!, birthYear: 1950 + (i % 70), regType: i % 3 ? 'resident' : 'agricultural',
      origType: 'agricultural', effDate: day, recDate: i % 7 ? day : '2025-01-01', n: cause === 'DeathRegistered' ? -1 : 1, cause,
      category: cause === 'HukouMigrated' ? 'general' : null, ruleId: null, otherRegion: cause === 'HukouMigrated' ? VILLAGES[(i + 1) % 5]! : null,
      key: Math.imul(i, 0x9e3779b1),
    });
  }
};

const cubeOf = (rows: number): StatisticsCube => {
  const cube = new StatisticsCube();
  addRows(cube, 0, rows);
  cube.regroup();
  return cube;
};

const Q: StructureQuery = { region: '41', date: '2024-06-30', basis: 'effective', measure: 'resident' };

describe('sliced work: long scans between requests, same answers', () => {
  const cube = cubeOf(400_000);

  it('Given eight structure scans of a 400,000-row cube as sliced work, When a callback is queued behind them (as a request would be), Then it runs while all eight are pending, and each answer equals the one computed at once', async () => {
    const work = new SlicedWork();
    const expected = structure(cube, Q);
    const answers = Array.from({ length: 8 }, () => work.run(structureSlices(cube, Q)));
    const pendingWhenServed = await new Promise<number>((resolve) => setImmediate(() => resolve(work.pending)));
    expect(pendingWhenServed).toBe(8);
    const results = await Promise.all(answers);
    expect(results.filter((r) => JSON.stringify(r) !== JSON.stringify(expected))).toEqual([]);
    expect(work.pending).toBe(0);
  });

  it('Given the bitemporal headline, the flows and the targets as sliced work, Then they equal the answers computed at once', async () => {
    const work = new SlicedWork();
    const known = { region: '4101', date: '2020-06-30', basis: 'effective' as const, knownAt: '2022-01-01' };
    const period = { region: '41', from: '2010-01-01', date: '2020-12-31', basis: 'recorded' as const };
    expect(await work.run(headlineSlices(cube, known))).toEqual(headline(cube, known));
    expect(await work.run(flowsSlices(cube, period))).toEqual(flows(cube, period));
    expect(await work.run(flowsSlices(cube, { ...period, basis: 'effective' }))).toEqual(flows(cube, { ...period, basis: 'effective' }));
    expect(await work.run(targetProgressSlices(cube, '2024-06-30', 'recorded'))).toEqual(targetProgress(cube, '2024-06-30', 'recorded'));
  });

  it('Given rows added and the cube regrouped while a scan is paused, Then the scan answers for the cube as it was when it started', () => {
    const growing = cubeOf(100_000);
    const before = { structure: structure(growing, Q), flows: flows(growing, { ...Q, from: '2000-01-01' }) };
    const scans = { structure: structureSlices(growing, Q), flows: flowsSlices(growing, { ...Q, from: '2000-01-01' }) };
    expect([scans.structure.next().done, scans.flows.next().done]).toEqual([false, false]); // started, paused after a slice
    addRows(growing, 100_000, 60_000);
    growing.regroup();
    addRows(growing, 160_000, 10_000); // and a tail
    expect([complete(scans.structure), complete(scans.flows)]).toEqual([before.structure, before.flows]);
    expect(structure(growing, Q)).not.toEqual(before.structure);
  });

  it('Given a scan that throws, Then its promise rejects and the others finish', async () => {
    const work = new SlicedWork();
    function* failing(): Generator<void, number, undefined> {
      yield;
      throw new RangeError('bad slice');
    }
    const [bad, good] = [work.run(failing()), work.run(structureSlices(cube, Q))];
    await expect(bad).rejects.toThrow('bad slice');
    expect(await good).toEqual(structure(cube, Q));
  });

  it('Given a scan whose client leaves while it runs, When its signal fires, Then it is dropped at its next turn (499 REQUEST.ABANDONED, counted), and the other scans finish', async () => {
    const work = new SlicedWork();
    const left = new AbortController();
    let slices = 0;
    function* endless(): Generator<void, never, undefined> {
      for (;;) {
        slices++;
        yield;
      }
    }
    const abandoned = work.run(endless(), left.signal).catch((e: unknown) => e);
    const kept = work.run(structureSlices(cube, Q), new AbortController().signal);
    await new Promise((resolve) => setImmediate(resolve));
    expect(slices).toBeGreaterThan(0); // it ran
    left.abort();
    const dropped = await abandoned;
    expect(dropped).toBeInstanceOf(ApiError);
    expect(dropped).toMatchObject({ status: 499, code: 'REQUEST.ABANDONED' });
    const slicesWhenDropped = slices;
    expect(await kept).toEqual(structure(cube, Q));
    expect([work.pending, work.dropped, slices]).toEqual([0, 1, slicesWhenDropped]);
    await expect(work.run(structureSlices(cube, Q), left.signal)).rejects.toMatchObject({ code: 'REQUEST.ABANDONED' }); // gone before it started: never queued
    expect([work.pending, work.dropped]).toEqual([0, 2]);
  });

  it('Given four scans pending for one caller, When it asks for a fifth, Then 429 RATE.TOO_MANY_SCANS with a Retry-After; another caller is served; once one of the four ends, the caller may ask again', async () => {
    const work = new SlicedWork();
    const stops = Array.from({ length: 4 }, () => new AbortController());
    function* endless(): Generator<void, never, undefined> {
      for (;;) yield;
    }
    const four = stops.map((stop) => work.run(endless(), stop.signal, 'statistician-7').catch((e: unknown) => e));
    const fifth = await work.run(structureSlices(cube, Q), undefined, 'statistician-7').catch((e: unknown) => e);
    expect(fifth).toBeInstanceOf(ApiError);
    expect(fifth).toMatchObject({ status: 429, code: 'RATE.TOO_MANY_SCANS', extensions: { retryAfter: 5 } });
    expect(work.pending).toBe(4); // refused before it was queued
    expect(await work.run(structureSlices(cube, Q), undefined, 'auditor-2')).toEqual(structure(cube, Q));
    stops[0]!.abort();
    await four[0];
    expect(await work.run(structureSlices(cube, Q), undefined, 'statistician-7')).toEqual(structure(cube, Q));
    for (const stop of stops) stop.abort();
    await Promise.all(four);
    expect(work.pending).toBe(0);
  });
});
