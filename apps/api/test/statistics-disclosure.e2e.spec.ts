import { legalDateOf } from '../../../libs/domain/src/shared/dates';
import { lastPeriodEnd } from '../../../projections/statistics/granularity';
import { type Api, birthRequest, householdRequest, startApi } from './harness';

const RURAL_VILLAGE = '410103100202'; // 220 村庄, Zhengzhou 二七区
const RURAL_TOWNSHIP = RURAL_VILLAGE.slice(0, 9);

/**
 * The attack that undid small-cell suppression, over HTTP: a rural death on 2023-09-08 read from two days'
 * answers and a village's structure. Statisticians get perturbed counts for whole months and regions no
 * finer than a township (a county for the structure); auditors get exact counts for any day and village.
 */
describe('statistical disclosure control over HTTP', () => {
  let api: Api;
  let statistician: string;
  let auditor: string;
  let position = '';

  beforeAll(async () => {
    api = await startApi({ minCell: 3 }); // HUJI_MIN_CELL's default
    const registrar = api.token('registrar');
    statistician = api.token('statistician');
    auditor = api.token('auditor');
    await api.call('POST', '/households', { token: registrar, body: householdRequest('d-urban') });
    await api.call('POST', '/households', { token: registrar, body: householdRequest('d-rural', RURAL_VILLAGE) });
    const born: string[] = [];
    for (let i = 0; i < 24; i++) {
      const r = await api.call('POST', '/persons/births', { token: registrar, body: birthRequest(i < 16 ? 'd-urban' : 'd-rural', { name: `李${i}`, dateOfBirth: `2019-0${1 + (i % 9)}-1${i % 10}`, sex: i % 2 ? 'female' : 'male' }) });
      born.push(r.body.id);
    }
    const died = await api.call('POST', `/persons/${born[20]!}/death`, { token: registrar, body: { dateOfDeath: '2023-09-08', placeOfDeath: RURAL_VILLAGE, deathCertificateRef: 'D-sdc' } });
    expect(died.status).toBe(200);
    position = died.body.position;
  });
  afterAll(() => api.close());

  const population = (token: string, query: string) => api.call('GET', `/statistics/population?${query}&after=${position}`, { token });

  it('Given a rural death on 2023-09-08, Then the auditor reads it exactly on the day, in the village; the statistician gets month ends of the county, perturbed', async () => {
    const [before, after] = [await population(auditor, `region=${RURAL_VILLAGE}&asOf=2023-09-07`), await population(auditor, `region=${RURAL_VILLAGE}&asOf=2023-09-08`)];
    expect([before.body.registered.total, after.body.registered.total, after.body.disclosureControl]).toEqual([8, 7, { method: 'none', exact: true }]);
    const months = ['2019-01-31', '2019-02-28', '2019-03-31', '2019-04-30', '2019-05-31', '2019-06-30', '2019-07-31', '2019-08-31', '2019-09-30', '2023-08-31', '2023-09-30'];
    const asked = ['410102', '410103', '4101'].flatMap((region) => months.map((month) => `region=${region}&asOf=${month}`));
    const shown: Awaited<ReturnType<typeof population>>[] = [];
    const exact: typeof shown = [];
    for (const q of asked) {
      shown.push(await population(statistician, q)); // one at a time: a caller has at most four scans running
      exact.push(await population(auditor, q));
    }
    expect(shown.filter((r) => r.status !== 200)).toEqual([]);
    expect(shown[0]!.body.disclosureControl).toMatchObject({ method: 'cell-key perturbation', exact: false, smallestCount: 3, finestRegion: 'township', grain: 'month', additive: false });
    const figures = shown.flatMap((r, i) => (['total', 'urban', 'rural'] as const).map((part) => ({ q: asked[i], part, shown: r.body.registered[part] as number, exact: exact[i]!.body.registered[part] as number })));
    expect(figures.filter((f) => f.shown === 1 || f.shown === 2 || (f.exact >= 5 && Math.abs(f.shown - f.exact) > 2))).toEqual([]);
    expect(figures.filter((f) => f.shown !== f.exact).length).toBeGreaterThan(5); // perturbed, not exact
    // The same records give the same answer: nothing happened in the county between June and August 2023.
    const [june, august] = [await population(statistician, 'region=410103&asOf=2023-06-30'), await population(statistician, 'region=410103&asOf=2023-08-31')];
    expect(august.body.registered).toEqual(june.body.registered);
  });

  it('Given the same statistician query twice, and none without a date, Then the same answer, as of the last month end', async () => {
    const [a, b] = [await population(statistician, 'region=4101&asOf=2023-09-30'), await population(statistician, 'region=4101&asOf=2023-09-30')];
    expect(a.body).toEqual(b.body);
    const undated = await population(statistician, 'region=4101');
    expect([undated.status, undated.body.date]).toEqual([200, lastPeriodEnd(legalDateOf(new Date()), 'month')]);
  });

  it('Given a statistician asking for a village on a day, Then 400 listing both problems, and the same request by an auditor is answered', async () => {
    const refused = await population(statistician, `region=${RURAL_VILLAGE}&asOf=2023-09-08&knownAt=2023-09-10`);
    expect([refused.status, refused.body.code]).toEqual([400, 'REQUEST.INVALID']);
    expect(refused.body.problems.map((p: { code: string; path: string }) => [p.code, p.path])).toEqual([
      ['STATISTICS.REGION_TOO_FINE', 'query.region'], ['STATISTICS.DATE_GRAIN', 'query.asOf'], ['STATISTICS.DATE_GRAIN', 'query.knownAt'],
    ]);
    expect(refused.body.problems[1].message).toContain('2023-08-31 or 2023-09-30');
    expect((await population(auditor, `region=${RURAL_VILLAGE}&asOf=2023-09-08&knownAt=2023-09-10`)).status).toBe(200);
  });

  it('Given a statistician asking for flows of part of a month, or the structure of a township, Then 400 with every problem; whole months and a county are answered', async () => {
    const flows = await api.call('GET', `/statistics/flows?region=${RURAL_TOWNSHIP}&from=2023-09-08&to=2023-09-09`, { token: statistician });
    expect([flows.status, flows.body.problems.map((p: { path: string }) => p.path)]).toEqual([400, ['query.from', 'query.to']]);
    const structure = await api.call('GET', `/statistics/structure?region=${RURAL_TOWNSHIP}&asOf=2023-09-30`, { token: statistician });
    expect([structure.status, structure.body.code]).toEqual([400, 'STATISTICS.REGION_TOO_FINE']);
    const month = await api.call('GET', `/statistics/flows?region=${RURAL_TOWNSHIP}&from=2023-09-01&to=2023-09-30&after=${position}`, { token: statistician });
    expect(month.status).toBe(200);
    expect([0, 3]).toContain(month.body.deaths); // one death: shown as nobody, or as 3
    const county = await api.call('GET', `/statistics/structure?region=410103&asOf=2023-09-30&after=${position}`, { token: statistician });
    expect(county.status).toBe(200);
    expect(county.body.cells.filter((c: { count: number }) => c.count === 1 || c.count === 2)).toEqual([]);
    const exactFlows = await api.call('GET', `/statistics/flows?region=${RURAL_VILLAGE}&from=2023-09-08&to=2023-09-08`, { token: auditor });
    expect([exactFlows.status, exactFlows.body.deaths]).toEqual([200, 1]);
  });
});
