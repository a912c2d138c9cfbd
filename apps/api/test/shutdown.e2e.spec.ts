import { type Api, startApi } from './harness';

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
