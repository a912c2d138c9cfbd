import { type Api, startApi } from './harness';

const metricOf = async (api: Api, name: string): Promise<number> => {
  const found = new RegExp(`^${name} (\\d+)$`, 'm').exec((await api.call('GET', '/metrics')).body);
  if (!found) throw new Error(`/metrics has no ${name}`);
  return Number(found[1]);
};

describe('GET /audit/integrity and POST /audit/integrity-checks: the head, and streams that do not exist', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi({ projectInProcess: false });
    await api.runtime.store.appendToStream('household-e2e-head', [{ type: 'HouseholdEstablished', data: { householdId: 'e2e-head' } }]);
  });
  afterAll(() => api.close());

  it('Given the log, Then the report\'s head is the last position and the hash that commits to the history up to it', async () => {
    const r = await api.call('GET', '/audit/integrity', { token: api.token('auditor') });
    expect(r.status).toBe(200);
    expect(r.body.head).toEqual({ position: String(await api.logLength()), hash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown });
    const one = await api.call('GET', '/audit/integrity?stream=household-e2e-head', { token: api.token('auditor') });
    expect(one.body).toMatchObject({ ok: true, scope: 'household-e2e-head', eventsChecked: 1, head: r.body.head });
  });

  it('Given a stream with no events, When an auditor asks for its integrity or starts a check of it, Then 404 STREAM.NOT_FOUND and no check is started', async () => {
    const auditor = api.token('auditor');
    const before = await metricOf(api, 'huji_integrity_checks_started_total');
    const answers = await Promise.all([
      api.call('GET', '/audit/integrity?stream=person-110105194912310033', { token: auditor }),
      api.call('POST', '/audit/integrity-checks?stream=household-nobody', { token: auditor }),
    ]);
    expect(answers.map((a) => [a.status, a.body.code])).toEqual([[404, 'STREAM.NOT_FOUND'], [404, 'STREAM.NOT_FOUND']]);
    expect(answers[1].body.detail).toBe('no stream household-nobody in the log: nothing to check');
    expect(await metricOf(api, 'huji_integrity_checks_started_total')).toBe(before);
  });
});
