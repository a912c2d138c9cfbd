import { type Api, birthRequest, citizenIdOf, householdRequest, startApi, VILLAGE } from './harness';

/**
 * The small doors: a first-generation 15-digit id gets its 18-digit form, a lower-case x is explained in words,
 * every invalid date is listed with the other problems, problems never quote a regular expression, a place of
 * birth must be somewhere in China, and a rule's refusal is 422 — each changing nothing.
 */
describe('small doors', () => {
  let api: Api;
  let registrar: string;
  beforeAll(async () => {
    api = await startApi();
    registrar = api.token('registrar', { regions: ['4101'] });
    await api.call('POST', '/households', { token: registrar, body: householdRequest('sd-home') });
  });
  afterAll(() => api.close());

  const refusal = async (method: string, path: string, body: unknown) => {
    const before = await api.logLength();
    const r = await api.call(method, path, { token: registrar, body });
    expect(await api.logLength()).toBe(before);
    return r;
  };
  const REGEX = /\^|\$\/|\[0-9\]|\\d|\(\?:/;

  it('Given a 15-digit first-generation id in a body or a path, Then 400 with its 18-digit upgrade in the message', async () => {
    const old = '410102850315002'; // 1985-03-15, order 002
    const body = await refusal('POST', '/persons', { citizenId: old, name: '李华', sex: 'female', dateOfBirth: '1985-03-15', householdId: 'sd-home', relationToHead: 'head', registrationType: 'resident', reason: 'historical-import' });
    expect([body.status, body.body.code]).toEqual([400, 'CITIZEN_ID.FIRST_GENERATION']);
    expect(body.body.problems[0].message).toContain(citizenIdOf('41010219850315002'));
    const path = await refusal('POST', `/persons/${old}/death`, { dateOfDeath: '2020-01-01', placeOfDeath: VILLAGE, deathCertificateRef: 'D' });
    expect([path.status, path.body.problems[0].message]).toEqual([400, expect.stringContaining(citizenIdOf('41010219850315002'))]);
  });

  it('Given a lower-case x check character, Then it is explained in words with the number to send', async () => {
    const id = Array.from({ length: 300 }, (_, i) => citizenIdOf(`41010219850315${String(2 * i + 2).padStart(3, '0')}`)).find((x) => x.endsWith('X'))!;
    const r = await refusal('POST', '/persons', { citizenId: id.toLowerCase(), name: '李华', sex: 'female', dateOfBirth: '1985-03-15', householdId: 'sd-home', relationToHead: 'head', registrationType: 'resident', reason: 'historical-import' });
    expect([r.status, r.body.code, r.body.problems[0].message]).toEqual([400, 'CITIZEN_ID.LOWERCASE_X', `body.citizenId the check character is written as a capital X: send ${id}`]);
  });

  it('Given an impossible date, a malformed id and a place of birth that is no place in China, Then one 400 lists them all, in words', async () => {
    const r = await refusal('POST', '/persons/births', birthRequest('sd-home', { dateOfBirth: '2023-02-29', placeOfBirth: '999999999999', parents: { motherId: 'abc' }, effectiveDate: '2024-13-01' }));
    expect(r.status).toBe(400);
    expect(r.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['body.dateOfBirth', 'body.effectiveDate', 'body.parents.motherId', 'body.placeOfBirth']);
    expect(r.body.problems.filter((p: { message: string }) => REGEX.test(p.message))).toEqual([]);
    expect(r.body.problems.find((p: { path: string }) => p.path === 'body.dateOfBirth').message).toContain('2023-02-29 is not a day of the calendar');
    expect(r.body.problems.find((p: { path: string }) => p.path === 'body.placeOfBirth').code).toBe('REGION.UNKNOWN');
  });

  it('Given a place of birth outside the registry\'s jurisdictions but in China (北京), Then the birth is registered', async () => {
    const r = await api.call('POST', '/persons/births', { token: registrar, body: birthRequest('sd-home', { placeOfBirth: '110105001001' }) });
    expect(r.status).toBe(201);
  });

  it('Given rules that refuse (the order of time, a cut-over), Then 422, never 400', async () => {
    const time = await refusal('POST', '/persons/births', birthRequest('sd-home', { dateOfBirth: '1999-01-01', effectiveDate: '1999-01-01' }));
    expect([time.status, time.body.code]).toEqual([422, 'TIME.ORDER']);
    const abolished = await refusal('POST', '/persons/births', birthRequest('sd-home', { registrationType: 'agricultural' }));
    expect([abolished.status, abolished.body.code]).toEqual([422, 'REGISTRATION.TYPE_ABOLISHED']);
  });
});
