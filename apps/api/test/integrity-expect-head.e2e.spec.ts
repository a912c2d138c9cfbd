import { embeddedLogFile } from '../../../libs/event-store/src';
import { alterData, recomputeChains, withFile } from '../../../libs/event-store/test/attacker';
import { type Api, startApi } from './harness';

describe('GET /audit/integrity?expectHead and POST /audit/integrity-checks?expectHead', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi({ projectInProcess: false });
    await api.runtime.store.appendToStream('person-e2e-expect', [{ type: 'BirthRegistered', data: { name: '王五' } }, { type: 'DeathRegistered', data: { dateOfDeath: '2020-03-01' } }]);
  });
  afterAll(() => api.close());

  it('Given the head a report gave, When the dateOfDeath is rewritten with every hash recomputed, Then a check expecting that head answers ok: false saying the history was rewritten; a malformed head is 400', async () => {
    const auditor = api.token('auditor');
    const { head } = (await api.call('GET', '/audit/integrity', { token: auditor })).body as { head: { position: string; hash: string } };
    const recorded = `${head.position}:${head.hash}`;
    expect((await api.call('GET', `/audit/integrity?expectHead=${recorded}`, { token: auditor })).body).toMatchObject({ ok: true, expectedHead: { intact: true } });
    withFile(embeddedLogFile(api.config.eventStore.dataDir), (db) => {
      alterData(db, 'person-e2e-expect', 1, (data) => ({ ...data, dateOfDeath: '2023-09-30' }));
      recomputeChains(db, { heads: true });
    });
    expect((await api.call('GET', '/audit/integrity', { token: auditor })).body).toMatchObject({ ok: true, problems: [] });
    const rewritten = await api.call('GET', `/audit/integrity?expectHead=${recorded}`, { token: auditor });
    expect(rewritten.body).toMatchObject({ ok: false, expectedHead: { intact: false, foundAt: null, message: expect.stringContaining('was rewritten or is missing') as unknown } });
    const started = await api.call('POST', `/audit/integrity-checks?expectHead=${head.hash}`, { token: auditor });
    expect([started.status, started.body.expectHead]).toEqual([202, head.hash]);
    const malformed = await api.call('GET', '/audit/integrity?expectHead=12:abc', { token: auditor });
    expect([malformed.status, malformed.body.problems[0].path]).toEqual([400, 'query.expectHead']);
  });
});
