import { connect } from 'node:net';
import { type NewEvent } from '../../../libs/event-store/src';
import { type Limits, limitsFromEnv } from '../src/ops/limits';
import { type Api, birthRequest, householdRequest, OTHER_VILLAGE, startApi } from './harness';
import { readEvents } from './sse';

/**
 * Issue 12, "one request can stall the server": each finding reproduced against the real API, and the safe
 * answer. No timed assertions: what is shown is an order of events (a /health answer arriving while a check
 * is still running), a status, or a socket closed by the server — never a latency on a shared machine.
 */

const META = { schemaVersion: 1, effectiveDate: '2020-01-01', actor: { id: 'bulk', role: 'import', office: '4101' }, correlationId: '00000000-0000-4000-8000-000000000000' };
const bulkEvent = (batch: number, i: number): NewEvent => (i === 0
  ? { type: 'HouseholdEstablished', data: { householdId: `load-${batch}`, kind: 'family', regionCode: OTHER_VILLAGE, address: 'x'.repeat(150) }, metadata: META }
  : { type: 'HouseholdAddressChanged', data: { householdId: `load-${batch}`, previousAddress: 'x'.repeat(150), address: `${'y'.repeat(150)}${i}`, previousRegionCode: OTHER_VILLAGE, regionCode: OTHER_VILLAGE }, metadata: META });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends `text` on a raw socket and never more; resolves with what the server answered once it closed the socket. */
const stalled = (url: string, text: string): Promise<string> => new Promise((resolve) => {
  const socket = connect(Number(new URL(url).port), '127.0.0.1', () => socket.write(text));
  let answer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => { answer += chunk; });
  socket.on('error', () => undefined);
  socket.on('close', () => resolve(answer));
});

const problemIn = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));

describe('security under load: heavy work off the request path', () => {
  let api: Api;
  let total = 0;

  beforeAll(async () => {
    api = await startApi({ projectInProcess: false }); // the views are not what this is about: the log is
    for (let batch = 0; batch < 120; batch++)
      await api.runtime.store.appendToStream(`household-load-${batch}`, Array.from({ length: 500 }, (_, i) => bulkEvent(batch, i)), { expectedRevision: 'no_stream' });
    total = await api.logLength();
  }, 120_000);
  afterAll(() => api.close());

  it(`Given a log of 60,000+ events, When GET /audit/integrity checks all of it, Then /health is answered while the check runs, and the report is the whole log's`, async () => {
    const auditor = api.token('auditor', { sub: 'auditor-integrity' });
    let reported = false;
    const integrity = api.call('GET', '/audit/integrity', { token: auditor }).finally(() => { reported = true; });
    let healthBeforeReport = 0;
    while (!reported) {
      const health = await api.call('GET', '/health');
      expect(health.status).toBe(200);
      if (!reported) healthBeforeReport++;
    }
    const report = await integrity;
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ scope: 'all', ok: true, eventsChecked: total, head: String(total), problems: [] });
    // The old in-process check held the event loop until it was done: at most the one /health call already sent got in before the report.
    expect(healthBeforeReport).toBeGreaterThan(1);
  });

  it('Given POST /audit/integrity-checks, Then 202 with a job: asking again joins it, /health answers while it runs, its progress shows, and it ends with the report and the head', async () => {
    const auditor = api.token('auditor', { sub: 'auditor-job' });
    const started = await api.call('POST', '/audit/integrity-checks', { token: auditor });
    expect([started.status, started.body.scope, started.body.logHead]).toEqual([202, 'all', String(total)]);
    const again = await api.call('POST', '/audit/integrity-checks', { token: api.token('admin') });
    expect(again.body.id).toBe(started.body.id);
    const seen: { status: string; eventsChecked: number; position: string | null }[] = [];
    for (;;) {
      expect((await api.call('GET', '/health')).status).toBe(200);
      const check = await api.call('GET', `/audit/integrity-checks/${started.body.id}`, { token: auditor });
      expect(check.status).toBe(200);
      seen.push(check.body);
      if (check.body.status === 'done' || check.body.status === 'failed') break;
    }
    const running = seen.filter((c) => c.status === 'running');
    expect(running.length).toBeGreaterThan(0); // a /health answer came before this poll, and the check was still running
    expect(running.some((c) => c.eventsChecked > 0 && c.eventsChecked < total && c.position !== null)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ status: 'done', eventsChecked: total, position: String(total), report: { scope: 'all', ok: true, eventsChecked: total, head: String(total) } });
    const unknown = await api.call('GET', '/audit/integrity-checks/00000000-0000-4000-8000-000000000000', { token: auditor });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'INTEGRITY.CHECK_NOT_FOUND']);
  });

  it('Given eight auditors asking for the whole-log check at once, Then one check runs and all eight get its report', async () => {
    const metric = async (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec((await api.call('GET', '/metrics')).body)![1]);
    const before = await metric('huji_integrity_checks_started_total');
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => api.call('GET', '/audit/integrity', { token: api.token('auditor', { sub: `auditor-${i}` }) })));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect([await metric('huji_integrity_checks_started_total') - before, await metric('huji_integrity_checks_pending')]).toEqual([1, 0]);
  });
});

describe('security under load: rate limit, event stream caps and time-outs', () => {
  let api: Api;
  let registrar: string;
  const LIMITS: Limits = { ...limitsFromEnv({}), ratePerMinute: 20, ssePerToken: 2, requestTimeoutMs: 1_000, headersTimeoutMs: 1_000, idleTimeoutMs: 1_000 };

  beforeAll(async () => {
    api = await startApi({ limits: LIMITS });
    registrar = api.token('registrar', { sub: 'registrar-load' });
  });
  afterAll(() => api.close());

  it('Given 20 requests a minute per token, Then the 21st is 429 RATE.LIMITED as problem+json with Retry-After; another token, /health and /metrics go on', async () => {
    const token = api.token('auditor', { sub: 'auditor-rate' });
    const allowed = [];
    for (let i = 0; i < 20; i++) allowed.push(await api.call('GET', '/policies', { token }));
    expect(allowed.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(allowed.map((r) => Number(r.headers.get('x-ratelimit-remaining')))).toEqual(Array.from({ length: 20 }, (_, i) => 19 - i));
    const over = await api.call('GET', '/policies', { token });
    expect([over.status, over.headers.get('content-type'), over.body.code, over.body.status]).toEqual([429, 'application/problem+json; charset=utf-8', 'RATE.LIMITED', 429]);
    const retryAfter = Number(over.headers.get('retry-after'));
    expect([retryAfter >= 1 && retryAfter <= 60, over.body.retryAfter]).toEqual([true, retryAfter]);
    expect((await api.call('GET', '/policies', { token: api.token('auditor', { sub: 'auditor-other' }) })).status).toBe(200);
    for (let i = 0; i < 25; i++) expect([(await api.call('GET', '/health')).status, (await api.call('GET', '/metrics')).status]).toEqual([200, 200]);
  });

  it('Given calls without a token, Then they count against the client address', async () => {
    const answers = [];
    for (let i = 0; i < 21; i++) answers.push((await api.call('GET', '/docs/openapi.json')).status);
    expect(answers).toEqual([...Array(20).fill(200), 429]);
  });

  it('Given a cap of 2 event streams per token, Then a third is 429 RATE.TOO_MANY_STREAMS before the stream opens; closing one frees its slot; other tokens are not affected', async () => {
    const token = api.token('subscriber', { sub: 'subscriber-cap' });
    const open = (t = token, signal?: AbortSignal) => fetch(`${api.url}/events`, { headers: { accept: 'text/event-stream', authorization: `Bearer ${t}` }, ...(signal ? { signal } : {}) });
    const first = new AbortController();
    const streams = [await open(token, first.signal), await open()];
    expect(streams.map((s) => [s.status, s.headers.get('content-type')])).toEqual(Array(2).fill([200, 'text/event-stream; charset=utf-8']));
    const third = await open();
    const body = await third.json() as Record<string, unknown>;
    expect([third.status, third.headers.get('content-type'), body.code, third.headers.get('retry-after')]).toEqual([429, 'application/problem+json; charset=utf-8', 'RATE.TOO_MANY_STREAMS', '30']);
    const other = await open(api.token('subscriber', { sub: 'subscriber-other' }));
    expect(other.status).toBe(200);
    await other.body!.cancel();
    first.abort();
    let again = await open();
    for (let i = 0; i < 50 && again.status === 429; i++) {
      await sleep(100); // the server notices the closed socket, then the stream's loop ends and frees the slot
      again = await open();
    }
    expect(again.status).toBe(200);
    await Promise.all([again.body!.cancel(), streams[1]!.body!.cancel()]);
  });

  it('Given a request time-out of 1 s, Then an event stream lives past it (the time-out is for receiving the request) and still delivers', async () => {
    const subscriber = api.token('subscriber', { sub: 'subscriber-long' });
    const delivered = readEvents(`${api.url}/events?types=HouseholdEstablished`, { authorization: `Bearer ${subscriber}` }, (frames) => frames.some((f) => f.data.includes('late-home')), 20_000);
    await sleep(3_000);
    expect((await api.call('POST', '/households', { token: registrar, body: householdRequest('late-home') })).status).toBe(201);
    expect((await delivered).some((f) => f.data.includes('late-home'))).toBe(true);
  });

  it('Given a body that stalls after its first bytes, Then the server answers 408 REQUEST.TIMEOUT as problem+json and closes the socket', async () => {
    const head = `POST /households HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${registrar}\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n`;
    const answer = await stalled(api.url, `${head}{"householdId":`);
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
    expect(answer).toContain('Content-Type: application/problem+json');
    expect(problemIn(answer)).toMatchObject({ status: 408, code: 'REQUEST.TIMEOUT' });
  });

  it('Given headers that never end, Then 408 and the socket is closed', async () => {
    const answer = await stalled(api.url, 'GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1');
    expect(problemIn(answer)).toMatchObject({ status: 408, code: 'REQUEST.TIMEOUT' });
  });

  it('Given a kept-alive connection left idle past the idle time-out, Then the server closes it', async () => {
    const answer = await stalled(api.url, 'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
  });

  it('Given eight structure queries at once, Then each gives the answer one query alone gives, and /health answers alongside', async () => {
    await api.call('POST', '/households', { token: registrar, body: householdRequest('s-home') });
    let position = '';
    for (let i = 0; i < 6; i++) position = (await api.call('POST', '/persons/births', { token: registrar, body: birthRequest('s-home', { name: `孙${i}`, dateOfBirth: `2019-0${1 + i}-11`, sex: i % 2 ? 'female' : 'male' }) })).body.position;
    const url = `/statistics/structure?region=4101&after=${position}`;
    const alone = await api.call('GET', url, { token: api.token('auditor', { sub: 'auditor-alone' }) });
    expect(alone.body.cells.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(6);
    const together = await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => api.call('GET', url, { token: api.token('auditor', { sub: `auditor-scan-${i}` }) })),
      api.call('GET', '/health'),
    ]);
    expect(together.map((r) => r.status)).toEqual(Array(9).fill(200));
    expect(together.slice(0, 8).filter((r) => JSON.stringify(r.body) !== JSON.stringify(alone.body))).toEqual([]);
  });
});
