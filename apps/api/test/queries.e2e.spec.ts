import { parsePosition } from '../../../libs/event-store/src';
import { type Api, birthRequest, citizenIdOf, householdRequest, OTHER_VILLAGE, settlementRequest, startApi, VILLAGE } from './harness';

const RURAL_VILLAGE = '410103100202'; // 220 村庄, Zhengzhou

/** Statistics (aggregates only, perturbed for statisticians), audit and the unification job, over HTTP. */
describe('queries, audit and jobs over HTTP', () => {
  let api: Api;
  let registrar: string;
  let auditor: string;
  let statistician: string;
  const born: string[] = [];
  let position = '';

  beforeAll(async () => {
    api = await startApi({ minCell: 3 }); // HUJI_MIN_CELL's default: no published count is 1 or 2
    registrar = api.token('registrar');
    auditor = api.token('auditor');
    statistician = api.token('statistician');
    await api.call('POST', '/households', { token: registrar, body: householdRequest('q-home') });
    await api.call('POST', '/households', { token: registrar, body: householdRequest('q-away', OTHER_VILLAGE) });
    for (let i = 0; i < 12; i++) {
      const r = await api.call('POST', '/persons/births', { token: registrar, body: birthRequest('q-home', { name: `张${i}`, dateOfBirth: `2019-0${1 + (i % 9)}-1${i % 10}`, sex: i % 2 ? 'female' : 'male' }) });
      born.push(r.body.id);
      position = r.body.position;
    }
  });
  afterAll(() => api.close());

  it('Given 12 births, Then the statistician sees perturbed totals (within ±2, never 1 or 2) and no personal data; auditors see exact counts', async () => {
    const r = await api.call('GET', `/statistics/population?region=4101&after=${position}`, { token: statistician });
    expect(r.status).toBe(200);
    expect(r.body.disclosureControl).toMatchObject({ method: 'cell-key perturbation', exact: false, smallestCount: 3 });
    expect(Math.abs(r.body.registered.total - 12)).toBeLessThanOrEqual(2);
    expect(r.body.registered.rural).toBe(0);
    const text = JSON.stringify(r.body);
    for (const id of born) expect(text.includes(id)).toBe(false);
    expect(text).not.toMatch(/张\d/);
    const structure = await api.call('GET', '/statistics/structure?region=4101&asOf=2020-12-31', { token: statistician });
    const counts = structure.body.cells.map((c: { count: number }) => c.count);
    expect(counts.filter((c: number) => c === 1 || c === 2)).toEqual([]);
    expect(JSON.stringify(structure.body)).not.toMatch(/citizenId|name|\d{17}[\dX]/);
    const audited = await api.call('GET', '/statistics/structure?region=4101', { token: auditor });
    expect(audited.body.disclosureControl).toEqual({ method: 'none', exact: true });
    expect(audited.body.cells.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(12);
    const flows = await api.call('GET', `/statistics/flows?region=4101&from=2019-01-01&to=2019-12-31`, { token: statistician });
    expect(Math.abs(flows.body.births - 12)).toBeLessThanOrEqual(2);
    const january = await api.call('GET', `/statistics/flows?region=4101&from=2019-01-01&to=2019-01-31`, { token: statistician });
    expect([0, 3, 4]).toContain(january.body.births); // two births: shown as nobody, or as 3 or 4 — never as 2
    // One rural birth: the targets are measured from the statistician's perturbed counts, never from the exact small one.
    await api.call('POST', '/households', { token: registrar, body: householdRequest('q-rural', RURAL_VILLAGE) });
    const rural = await api.call('POST', '/persons/births', { token: registrar, body: birthRequest('q-rural', { dateOfBirth: '2020-02-02' }) });
    const measured = (await api.call('GET', `/statistics/targets?region=4101&asOf=2021-06-30&after=${rural.body.position}`, { token: statistician })).body.targets;
    const shown2020 = (await api.call('GET', '/statistics/population?region=4101&asOf=2020-12-31', { token: statistician })).body.registered;
    expect(measured.find((t: { id: string }) => t.id === 'zz-2020-registered-rate').actual).toBe(shown2020.urbanizationRate);
    expect([0, 3]).toContain(shown2020.rural);
    const shown = (await api.call('GET', '/statistics/targets?region=4101&asOf=2021-06-30', { token: auditor })).body.targets;
    expect(shown.find((t: { id: string }) => t.id === 'zz-2020-registered-rate').actual).toBeCloseTo(92.3, 1);
  });

  it('Given a late registration, Then asOf/knownAt tell what was true from what was known: before its recording it is not counted', async () => {
    const r = await api.call('GET', `/statistics/population?region=4101&asOf=2019-12-31&knownAt=2019-12-31&after=${position}`, { token: auditor });
    expect(r.body.registered.total).toBe(0);
    const now = await api.call('GET', '/statistics/population?region=4101&asOf=2019-12-31', { token: auditor });
    expect(now.body.registered.total).toBe(12);
  });

  it('Given a person who moved and died, Then the auditor gets the full attributed history and the state on any date', async () => {
    const id = born[0]!;
    const moved = await api.call('POST', `/persons/${id}/settlement-applications`, { token: registrar, body: settlementRequest('q-away', { effectiveDate: '2021-06-01' }) });
    expect(moved.status).toBe(200);
    await api.call('POST', `/persons/${id}/death`, { token: registrar, body: { dateOfDeath: '2023-03-03', placeOfDeath: OTHER_VILLAGE, deathCertificateRef: 'D-3' } });
    const history = await api.call('GET', `/audit/persons/${id}/history`, { token: auditor });
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['BirthRegistered', 'HukouMigrated', 'DeathRegistered']);
    expect(history.body.events[1].metadata).toMatchObject({ actor: { id: 'registrar-e2e', role: 'registrar', office: '4101' }, effectiveDate: '2021-06-01', correlationId: expect.any(String) });
    expect(history.body.events[1].hash).toMatch(/^[0-9a-f]{64}$/);
    const in2020 = await api.call('GET', `/audit/persons/${id}/state?asOf=2020-12-31`, { token: auditor });
    expect(in2020.body.state).toMatchObject({ status: 'registered', householdId: 'q-home', regionCode: VILLAGE });
    const in2022 = await api.call('GET', `/audit/persons/${id}/state?asOf=2022-01-01`, { token: auditor });
    expect(in2022.body.state).toMatchObject({ status: 'registered', householdId: 'q-away' });
    const knownEarlier = await api.call('GET', `/audit/persons/${id}/state?asOf=2022-01-01&knownAt=2020-01-01`, { token: auditor });
    expect(knownEarlier.body.state.status).toBe('unregistered');
    const household = await api.call('GET', `/audit/households/q-away/history?after=${moved.body.position}`, { token: auditor });
    expect(household.body.members.map((m: { change: string }) => m.change)).toEqual(expect.arrayContaining(['joined']));
    const state = await api.call('GET', '/audit/households/q-away/state?asOf=2022-01-01', { token: auditor });
    expect(state.body.members).toEqual([id]);
  });

  it('Given the log, Then integrity verification passes for everything and for one stream', async () => {
    const all = await api.call('GET', '/audit/integrity', { token: auditor });
    expect(all.body).toMatchObject({ ok: true, scope: 'all', problems: [] });
    expect(all.body.eventsChecked).toBe(await api.logLength());
    const one = await api.call('GET', `/audit/integrity?stream=person-${born[1]!}`, { token: auditor });
    expect(one.body).toMatchObject({ ok: true, streamsChecked: 1, eventsChecked: 1 });
  });

  it('Given a person registered 101 years ago, Then the deregistration candidates name them with the rule', async () => {
    const old = citizenIdOf('41010219200101001');
    const r = await api.call('POST', '/persons', { token: registrar, body: { citizenId: old, name: '百岁', sex: 'male', dateOfBirth: '1920-01-01', householdId: 'q-home', relationToHead: 'parent', registrationType: 'resident', reason: 'historical-import', effectiveDate: '2001-01-01' } });
    expect(r.status).toBe(201);
    const c = await api.call('GET', `/audit/deregistration-candidates?region=4101&after=${r.body.position}`, { token: auditor });
    expect(c.body.candidates).toEqual(expect.arrayContaining([expect.objectContaining({ citizenId: old, rule: 'AGE_100_PLUS' })]));
  });

  it('Given a cut-over and agricultural records, When the jurisdiction job runs, Then each is unified once; starting it again returns the same job and appends nothing', async () => {
    const admin = api.token('admin');
    await api.call('POST', '/jurisdictions/4101/cutover', { token: admin, body: { cutoverDate: '2017-01-01', documentNo: '郑政〔2016〕X号' } });
    let last = '';
    for (let i = 0; i < 3; i++) {
      const r = await api.call('POST', '/persons', { token: registrar, body: { citizenId: citizenIdOf(`410102197001010${String(2 * i + 1).padStart(2, '0')}`), name: `农${i}`, sex: 'male', dateOfBirth: '1970-01-01', householdId: 'q-home', relationToHead: 'other-relative', registrationType: 'agricultural', reason: 'historical-import', effectiveDate: '2000-01-01' } });
      expect(r.status).toBe(201);
      last = r.body.position;
    }
    await api.runtime.viewsAt(parsePosition(last)); // the job walks the persons view
    const start = await api.call('POST', '/jurisdictions/4101/unification-jobs', { token: admin, body: {} });
    expect([start.status, start.body.id]).toEqual([202, 'unification-4101']);
    await waitFor(async () => (await api.call('GET', '/jobs/unification-4101', { token: admin })).body.status === 'done');
    const job = (await api.call('GET', '/jobs/unification-4101', { token: admin })).body;
    expect(job).toMatchObject({ status: 'done', done: 3, failed: 0 });
    const length = await api.logLength();
    const again = await api.call('POST', '/jurisdictions/4101/unification-jobs', { token: admin, body: {} });
    expect(again.body).toMatchObject({ id: 'unification-4101', status: 'done', done: 3 });
    expect(await api.logLength()).toBe(length);
    const person = await api.call('GET', `/persons/${citizenIdOf('41010219700101001')}`, { token: registrar });
    expect(person.body).toMatchObject({ registrationType: 'resident', originalRegistrationType: 'agricultural' });
  });
});

const waitFor = async (condition: () => Promise<boolean>, ms = 20_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};
