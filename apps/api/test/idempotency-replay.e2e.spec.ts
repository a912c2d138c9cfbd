import { type Api, birthRequest, householdRequest, OTHER_VILLAGE, startApi, VILLAGE } from './harness';

const permit = (permitNo: string) => ({ permitNo, residenceRegionCode: OTHER_VILLAGE, validFrom: '2021-01-01', validUntil: '2026-01-01', basis: 'stable-residence', effectiveDate: '2021-01-01' });

/** 幂等键: a key replays only the request it was sent with — never another command's result, however the key came to be free again. */
describe('idempotency: a key is one request, in the table and in the stream', () => {
  let api: Api;
  let admin: string;
  let person: string;
  const post = (path: string, body: unknown, token: string, key: string) => api.call('POST', path, { token, body, headers: { 'idempotency-key': key } });

  beforeAll(async () => {
    api = await startApi();
    admin = api.token('admin');
    expect((await api.call('POST', '/households', { token: admin, body: householdRequest('i-home', VILLAGE) })).status).toBe(201);
    person = (await api.call('POST', '/persons/births', { token: admin, body: birthRequest('i-home', { name: '钱十' }) })).body.id;
  });
  afterAll(() => api.close());

  it('Given a key whose record expired, When it is sent with another request on the same person, Then 422 IDEMPOTENCY.KEY_REUSED and nothing appended — not the first request\'s events', async () => {
    const ttl = process.env.HUJI_IDEMPOTENCY_TTL_HOURS;
    process.env.HUJI_IDEMPOTENCY_TTL_HOURS = '0.0001'; // 0.36 s
    try {
      const clerk = api.token('registrar', { sub: 'ttl-clerk' });
      const first = await post(`/persons/${person}/residence-permits`, permit('P-TTL-1'), clerk, 'k-ttl');
      expect([first.status, first.body.detail]).toEqual([200, undefined]);
      await new Promise((r) => setTimeout(r, 600));
      const length = await api.logLength();
      const other = await post(`/persons/${person}/residence-permits`, permit('P-TTL-2'), clerk, 'k-ttl');
      expect([other.status, other.body.code, other.body.replayed]).toEqual([422, 'IDEMPOTENCY.KEY_REUSED', undefined]);
      expect(await api.logLength()).toBe(length);
      const same = await post(`/persons/${person}/residence-permits`, permit('P-TTL-1'), clerk, 'k-ttl');
      expect([same.status, same.body.replayed]).toEqual([200, true]);
    } finally {
      if (ttl === undefined) delete process.env.HUJI_IDEMPOTENCY_TTL_HOURS;
      else process.env.HUJI_IDEMPOTENCY_TTL_HOURS = ttl;
    }
  });

  it('Given a key whose request succeeded, When a retry is refused (the caller lost the region meanwhile), Then the key stays bound: another request with it is 422, not a replay', async () => {
    const wide = api.token('registrar', { sub: 'shrinking-clerk', regions: ['4101', '4102'] });
    expect((await post(`/persons/${person}/residence-permits`, permit('P-K-1'), wide, 'k-kept')).status).toBe(200);
    const narrow = api.token('registrar', { sub: 'shrinking-clerk', regions: ['4102'] });
    expect((await post(`/persons/${person}/residence-permits`, permit('P-K-1'), narrow, 'k-kept')).status).toBe(404);
    const length = await api.logLength();
    const other = await post(`/persons/${person}/residence-permits`, permit('P-K-2'), wide, 'k-kept');
    expect([other.status, other.body.code]).toEqual([422, 'IDEMPOTENCY.KEY_REUSED']);
    expect(await api.logLength()).toBe(length);
  });
});
