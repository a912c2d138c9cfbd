import {
  type Api, citizenIdOf, householdRequest, OTHER_VILLAGE, SAME_COUNTY_VILLAGE, settlementRequest, startApi, VILLAGE,
} from './harness';

/**
 * 时间顺序 over HTTP: one refusal per rule of the table in events/README.md — 422 TIME.ORDER (or the rule's
 * own code) naming the conflicting fact by stream, event, revision and effective date — and nothing appended.
 */
describe('the order of time at the registry\'s door', () => {
  let api: Api;
  let registrar: string;
  let admin: string;
  beforeAll(async () => {
    api = await startApi();
    registrar = api.token('registrar', { regions: ['4101'] });
    admin = api.token('admin');
  });
  afterAll(() => api.close());

  const call = (method: string, path: string, body: unknown, token = registrar) => api.call(method, path, { token, body });
  const post = (path: string, body: unknown, token = registrar) => call('POST', path, body, token);
  const ok = async (path: string, body: unknown, method = 'POST') => {
    const r = await call(method, path, body);
    expect([path, r.status < 300, r.body.code]).toEqual([path, true, undefined]);
    return r;
  };
  const household = (id: string, effectiveDate: string, region = VILLAGE) => ok('/households', { ...householdRequest(id, region), effectiveDate });
  let n = 0;
  /** A person registered (historical import) into a household on a date, born 1980. */
  const person = async (householdId: string, effectiveDate: string): Promise<string> => {
    const id = citizenIdOf(`410102198001${String(++n).padStart(2, '0')}001`.slice(0, 17));
    await ok('/persons', { citizenId: id, name: '张三', sex: 'male', dateOfBirth: `1980-01-${String(n).padStart(2, '0')}`, householdId, relationToHead: 'head', registrationType: 'resident', reason: 'historical-import', effectiveDate });
    return id;
  };
  /** When the refused request is sent, Then the answer is `status code` naming `fact`, and the log is unchanged. */
  const refused = async (method: string, path: string, body: unknown, status: number, code: string, fact?: Record<string, unknown>, token = registrar) => {
    const before = await api.logLength();
    const r = await call(method, path, body, token);
    expect([r.status, r.body.code]).toEqual([status, code]);
    if (fact) expect(r.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code, fact: expect.objectContaining(fact) as unknown })]));
    expect(await api.logLength()).toBe(before);
    return r;
  };

  it('Given a household established in 2020, When someone is registered into it or moves into it dated 2018, Then 422 TIME.ORDER naming HouseholdEstablished', async () => {
    await household('t-old', '2000-01-01');
    await household('t-new', '2020-01-01', OTHER_VILLAGE);
    const id = await person('t-old', '2001-01-01');
    const fact = { stream: 'household-t-new', event: 'HouseholdEstablished', revision: 0, effectiveDate: '2020-01-01' };
    await refused('POST', `/persons/${id}/settlement-applications`, settlementRequest('t-new', { effectiveDate: '2018-06-01' }), 422, 'TIME.ORDER', fact);
    await refused('POST', '/persons', { citizenId: citizenIdOf('41010219700101001'), name: '李四', sex: 'male', dateOfBirth: '1970-01-01', householdId: 't-new', relationToHead: 'head', registrationType: 'resident', reason: 'historical-import', effectiveDate: '2018-06-01' }, 422, 'TIME.ORDER', fact);
    await refused('POST', '/persons/births', { name: '王小', sex: 'female', dateOfBirth: '2019-02-02', placeOfBirth: OTHER_VILLAGE, householdId: 't-new', relationToHead: 'child', effectiveDate: '2019-02-02' }, 422, 'TIME.ORDER', fact);
  });

  it('Given a late birth registration into a household established after the birth, Then by default it takes effect when the household was established', async () => {
    await household('t-late', '2021-05-05');
    const r = await ok('/persons/births', { name: '晚登', sex: 'male', dateOfBirth: '2019-03-03', placeOfBirth: VILLAGE, householdId: 't-late', relationToHead: 'child' });
    const history = await api.call('GET', `/audit/persons/${r.body.id as string}/history`, { token: api.token('auditor') });
    expect(history.body.events[0].effectiveDate).toBe('2021-05-05');
  });

  it('Given a move on 2026-10-08, When the death is dated 2026-09-20 (the README\'s old first session), Then 422 TIME.ORDER naming the move', async () => {
    await household('t-d1', '2000-01-01');
    await household('t-d2', '2000-01-01', OTHER_VILLAGE);
    const id = await person('t-d1', '2003-01-01');
    await ok(`/persons/${id}/settlement-applications`, settlementRequest('t-d2', { effectiveDate: '2026-10-08' }));
    await refused('POST', `/persons/${id}/death`, { dateOfDeath: '2026-09-20', placeOfDeath: VILLAGE, deathCertificateRef: 'D-1' }, 422, 'TIME.ORDER', { stream: `person-${id}`, event: 'HukouMigrated', revision: 1, effectiveDate: '2026-10-08' });
    await refused('POST', `/persons/${id}/death`, { dateOfDeath: '2026-10-20', placeOfDeath: VILLAGE, deathCertificateRef: 'D-1', effectiveDate: '2026-10-19' }, 400, 'DATE.BEFORE_DEATH');
  });

  it('Given a person registered in 2005, When a settlement refusal is dated 1999, Then 422 TIME.ORDER naming the registration — and no refusal is recorded', async () => {
    await household('t-r', '2000-01-01');
    await household('t-r2', '2000-01-01', OTHER_VILLAGE);
    const id = await person('t-r', '2005-01-01');
    await refused('POST', `/persons/${id}/settlement-applications`, settlementRequest('t-r2', { urbanSocialInsuranceMonths: 1, effectiveDate: '1999-06-01' }), 422, 'TIME.ORDER', { stream: `person-${id}`, event: 'PersonRegistered', revision: 0, effectiveDate: '2005-01-01' });
  });

  it('Given a move, When a permit is issued, actual residence registered or the type unified before it, Then 422 TIME.ORDER naming the move', async () => {
    await household('t-p1', '2000-01-01');
    await household('t-p2', '2000-01-01', OTHER_VILLAGE);
    const id = await person('t-p1', '2001-01-01');
    await ok(`/persons/${id}/settlement-applications`, settlementRequest('t-p2', { effectiveDate: '2020-01-01' }));
    const fact = { stream: `person-${id}`, event: 'HukouMigrated', effectiveDate: '2020-01-01' };
    await refused('POST', `/persons/${id}/residence-permits`, { permitNo: 'P-1', residenceRegionCode: VILLAGE, validFrom: '2019-01-01', validUntil: '2021-01-01', basis: 'stable-employment', effectiveDate: '2019-01-01' }, 422, 'TIME.ORDER', fact);
    await refused('POST', `/persons/${id}/actual-residence`, { regionCode: '410105001006', effectiveDate: '2019-01-01' }, 422, 'TIME.ORDER', fact);
    expect((await post('/jurisdictions/410105/cutover', { cutoverDate: '2015-01-01', documentNo: '测〔2015〕1号', effectiveDate: '2014-12-01' }, admin)).status).toBe(200);
    await refused('POST', `/persons/${id}/unification`, { effectiveDate: '2019-01-01' }, 422, 'TIME.ORDER', fact);
  });

  it('Given a permit issued and an actual residence registered in 2022, When renewed, cancelled or ended before that, Then 422 TIME.ORDER naming each', async () => {
    await household('t-q', '2000-01-01');
    const id = await person('t-q', '2001-01-01');
    await ok(`/persons/${id}/residence-permits`, { permitNo: 'P-9', residenceRegionCode: OTHER_VILLAGE, validFrom: '2022-03-01', validUntil: '2023-03-01', basis: 'stable-residence', effectiveDate: '2022-03-01' });
    const issued = { stream: `person-${id}`, event: 'ResidencePermitIssued', revision: 1, effectiveDate: '2022-03-01' };
    await refused('PUT', `/persons/${id}/residence-permits/P-9`, { validUntil: '2024-03-01', effectiveDate: '2022-02-01' }, 422, 'TIME.ORDER', issued);
    await refused('POST', `/persons/${id}/residence-permits/P-9/cancellation`, { reason: '离开', effectiveDate: '2022-02-01' }, 422, 'TIME.ORDER', issued);
    await ok(`/persons/${id}/actual-residence`, { regionCode: SAME_COUNTY_VILLAGE, effectiveDate: '2022-06-01' });
    await refused('POST', `/persons/${id}/actual-residence/end`, { effectiveDate: '2022-05-01' }, 422, 'TIME.ORDER', { event: 'ActualResidenceRegistered', revision: 2, effectiveDate: '2022-06-01' });
    // A move may not slip under a fact already in effect: here the actual residence registered on 2022-06-01.
    await household('t-q2', '2000-01-01', OTHER_VILLAGE);
    await refused('POST', `/persons/${id}/settlement-applications`, settlementRequest('t-q2', { effectiveDate: '2022-04-01' }), 422, 'TIME.ORDER', { event: 'ActualResidenceRegistered', revision: 2, effectiveDate: '2022-06-01' });
  });

  it('Given a death on 2024-05-05, When it is withdrawn before that, or the date of birth corrected to after the registration, Then 422 TIME.ORDER', async () => {
    await household('t-c', '2000-01-01');
    const id = await person('t-c', '2001-01-01');
    await refused('POST', `/persons/${id}/corrections`, { field: 'dateOfBirth', corrected: '2001-02-02', reason: '登记错误', evidence: ['出生医学证明'] }, 422, 'TIME.ORDER', { event: 'PersonRegistered', revision: 0, effectiveDate: '2001-01-01' });
    await ok(`/persons/${id}/death`, { dateOfDeath: '2024-05-05', placeOfDeath: VILLAGE, deathCertificateRef: 'D-5' });
    await refused('POST', `/persons/${id}/corrections`, { field: 'dateOfDeath', corrected: '2024-05-05', reason: '误登', evidence: ['判决书'], revokesDeath: true, effectiveDate: '2024-05-01' }, 422, 'TIME.ORDER', { event: 'DeathRegistered', revision: 1, effectiveDate: '2024-05-05' });
  });

  it('Given household facts, When the address changes before the establishment, the head is named before joining, or the household is dissolved before its last member left, Then 422 TIME.ORDER', async () => {
    await household('t-h', '2010-01-01');
    await household('t-h2', '2000-01-01', OTHER_VILLAGE);
    await refused('PUT', '/households/t-h/address', { address: '新址 1号', regionCode: SAME_COUNTY_VILLAGE, effectiveDate: '2009-01-01' }, 422, 'TIME.ORDER', { stream: 'household-t-h', event: 'HouseholdEstablished', revision: 0, effectiveDate: '2010-01-01' });
    const id = await person('t-h', '2015-05-01');
    await refused('PUT', '/households/t-h/head', { newHead: id, reason: 'family-decision', effectiveDate: '2014-01-01' }, 422, 'TIME.ORDER', { stream: `person-${id}`, event: 'PersonRegistered', revision: 0, effectiveDate: '2015-05-01' });
    const moved = await ok(`/persons/${id}/settlement-applications`, settlementRequest('t-h2', { effectiveDate: '2020-02-02' }));
    await api.call('GET', `/households/t-h?after=${moved.body.position as string}`, { token: registrar });
    await refused('POST', '/households/t-h/dissolution', { reason: 'no-members', effectiveDate: '2020-01-01' }, 422, 'TIME.ORDER', { stream: `person-${id}`, event: 'HukouMigrated', revision: 1, effectiveDate: '2020-02-02' });
    await ok('/households/t-h/dissolution', { reason: 'no-members', effectiveDate: '2020-02-02' });
    const dissolved = { stream: 'household-t-h', event: 'HouseholdDissolved', revision: 1, effectiveDate: '2020-02-02' };
    const other = await person('t-h2', '2001-01-01');
    await refused('POST', `/persons/${other}/settlement-applications`, settlementRequest('t-h', { effectiveDate: '2019-01-01' }), 422, 'HOUSEHOLD.DISSOLVED', dissolved);
  });

  it('Given a move in 2020 and a death in 2024, When the date of death is corrected to 2019, Then 422 TIME.ORDER naming the move; withdrawing a death into a household dissolved since, Then 422 HOUSEHOLD.DISSOLVED', async () => {
    await household('t-w1', '2000-01-01');
    await household('t-w2', '2000-01-01', OTHER_VILLAGE);
    const id = await person('t-w1', '2001-01-01');
    await ok(`/persons/${id}/settlement-applications`, settlementRequest('t-w2', { effectiveDate: '2020-01-01' }));
    await ok(`/persons/${id}/death`, { dateOfDeath: '2024-01-01', placeOfDeath: VILLAGE, deathCertificateRef: 'D-7' });
    await refused('POST', `/persons/${id}/corrections`, { field: 'dateOfDeath', corrected: '2019-06-01', reason: '证明有误', evidence: ['医学证明'] }, 422, 'TIME.ORDER', { event: 'HukouMigrated', revision: 1, effectiveDate: '2020-01-01' });
    const position = (await api.call('GET', `/persons/${id}`, { token: registrar })).body.position as string;
    await api.call('GET', `/households/t-w2?after=${position}`, { token: registrar });
    await ok('/households/t-w2/dissolution', { reason: 'no-members', effectiveDate: '2024-02-01' });
    await refused('POST', `/persons/${id}/corrections`, { field: 'dateOfDeath', corrected: '2024-01-01', reason: '误登', evidence: ['判决书'], revokesDeath: true }, 422, 'HOUSEHOLD.DISSOLVED', { stream: 'household-t-w2', event: 'HouseholdDissolved', effectiveDate: '2024-02-01' });
  });

  it('Given a person named head of their household in 2018, When their death or their move out is dated before, Then 422 TIME.ORDER naming the change of head', async () => {
    await household('t-hd', '2000-01-01');
    await household('t-hd2', '2000-01-01', OTHER_VILLAGE);
    const id = await person('t-hd', '2010-01-01');
    const head = await ok('/households/t-hd/head', { newHead: id, reason: 'family-decision', effectiveDate: '2018-06-01' }, 'PUT');
    const fact = { stream: 'household-t-hd', event: 'HouseholdHeadChanged', revision: head.body.revision as number, effectiveDate: '2018-06-01' };
    await refused('POST', `/persons/${id}/death`, { dateOfDeath: '2018-01-01', placeOfDeath: VILLAGE, deathCertificateRef: 'D-9' }, 422, 'TIME.ORDER', fact);
    await refused('POST', `/persons/${id}/settlement-applications`, settlementRequest('t-hd2', { effectiveDate: '2018-01-01' }), 422, 'TIME.ORDER', fact);
  });

  it('Given a conversion to resident in 2018 (Zhengzhou\'s seeded cut-over), When the registration type is corrected back to agricultural with an earlier date, Then 422 TIME.ORDER naming the conversion', async () => {
    await household('t-rt', '2000-01-01', '410105001007');
    const id = citizenIdOf('41010519700101551');
    await ok('/persons', { citizenId: id, name: '农户', sex: 'male', dateOfBirth: '1970-01-01', householdId: 't-rt', relationToHead: 'head', registrationType: 'agricultural', reason: 'historical-import', effectiveDate: '2001-01-01' });
    const unified = await ok(`/persons/${id}/unification`, { effectiveDate: '2018-01-01' });
    expect(unified.body.events[0].type).toBe('RegistrationTypeUnified');
    await refused('POST', `/persons/${id}/corrections`, { field: 'registrationType', corrected: 'agricultural', reason: '登记错误', evidence: ['档案'], effectiveDate: '2010-01-01' }, 422, 'TIME.ORDER', { event: 'RegistrationTypeUnified', revision: 1, effectiveDate: '2018-01-01' });
  });

  it('Given a head born after the household\'s date, or a parent born after the child, Then 400 (the request contradicts itself)', async () => {
    await refused('POST', '/households', { ...householdRequest('t-hn'), head: citizenIdOf('41010220100101001'), effectiveDate: '2005-01-01' }, 400, 'HOUSEHOLD.HEAD_NOT_BORN');
    await household('t-pb', '2000-01-01');
    await refused('POST', '/persons/births', { name: '小', sex: 'male', dateOfBirth: '2020-02-02', placeOfBirth: VILLAGE, householdId: 't-pb', relationToHead: 'child', parents: { motherId: citizenIdOf('41010220210101002') } }, 400, 'PARENT.BORN_AFTER_CHILD');
  });

  it('Given a unit reclassified from 2021-01-01, When it is reclassified again from 2020, Then 422 TIME.ORDER naming the first', async () => {
    expect((await post('/jurisdictions/4101/reclassifications', { region: '410102001004', class: '111', reason: '城区扩展', effectiveDate: '2021-01-01' }, admin)).status).toBe(200);
    const r = await post('/jurisdictions/4101/reclassifications', { region: '410102001004', class: '112', reason: '调整', effectiveDate: '2020-01-01' }, admin);
    expect([r.status, r.body.code, r.body.problems[0].fact]).toEqual([422, 'TIME.ORDER', expect.objectContaining({ stream: 'jurisdiction-4101', event: 'RegionReclassified', effectiveDate: '2021-01-01' })]);
  });
});
