import { type Api, fillLog, startApi } from './harness';

describe('shutdown with event streams open', () => {
  let api: Api;
  beforeAll(async () => { api = await startApi(); });
  afterAll(() => api.close());

  it('Given two subscribers on the live stream, When the application closes, Then their streams are ended and the close completes promptly', async () => {
    const token = api.token('subscriber');
    const responses = await Promise.all([1, 2].map(() => fetch(`${api.url}/events`, { headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` } })));
    const ended = responses.map(async (r) => {
      const reader = r.body!.getReader();
      while (!(await reader.read()).done);
      return true;
    });
    const started = Date.now();
    await api.app.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await Promise.all(ended)).toEqual([true, true]);
  });
});

describe('shutdown with integrity checks under way', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi({ projectInProcess: false }); // the log is what this is about, not the views
    await fillLog(api);
  }, 120_000);
  afterAll(() => api.close());

  it('Given GET /audit/integrity waiting on a whole-log check and another waiting on a check queued behind it, When the application closes, Then both are answered 503 INTEGRITY.FAILED and the close does not wait for the checks', async () => {
    const auditor = api.token('auditor');
    const whole = api.call('GET', '/audit/integrity', { token: auditor });
    const queued = api.call('GET', '/audit/integrity?stream=household-load-7', { token: auditor });
    const status = async (stream?: string) => (await api.call('POST', `/audit/integrity-checks${stream ? `?stream=${stream}` : ''}`, { token: auditor })).body as { status: string; eventsChecked: number };
    let [running, waiting] = [await status(), await status('household-load-7')];
    while (running.status === 'queued') [running, waiting] = [await status(), await status('household-load-7')];
    expect([running.status, waiting.status]).toEqual(['running', 'queued']); // asking joined both checks, started none
    await api.app.close();
    const answers = await Promise.all([whole, queued]);
    expect(answers.map((a) => [a.status, a.body.code, a.body.detail])).toEqual(Array(2).fill([503, 'INTEGRITY.FAILED', 'the integrity check could not run: the registry is shutting down: ask again once it has restarted']));
  });
});
