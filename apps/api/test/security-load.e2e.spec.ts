import { connect } from 'node:net';
import { EventFeed } from '../src/events/feed';
import { type Limits, limitsFromEnv } from '../src/ops/limits';
import { SlicedWork } from '../src/ops/sliced-work';
import { type Api, birthRequest, fillLog, householdRequest, startApi } from './harness';
import { readEvents } from './sse';

/**
 * Issue 12, "one request can stall the server": each finding reproduced against the real API, and the safe
 * answer. No timed assertions: what is shown is an order of events (a /health answer arriving while a check
 * is still running), a status, or a socket closed by the server — never a latency on a shared machine.
 */

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

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/**
 * Every spelling of a token that verifies: its signature's last base64url character carries spare low bits
 * (2 for the 43 characters of an HS256 signature) that decoders ignore, so 4 texts name the same signature.
 */
const spellings = (token: string): string[] => {
  const spare = token.split('.')[2]!.length % 4 === 3 ? 2 : 4;
  const high = BASE64URL.indexOf(token.at(-1)!) & ~((1 << spare) - 1);
  return Array.from({ length: 1 << spare }, (_, bits) => `${token.slice(0, -1)}${BASE64URL[high | bits]!}`);
};

/** A gauge or counter of /metrics (an error when there is none of that name). */
const metricOf = async (api: Api, name: string): Promise<number> => {
  const found = new RegExp(`^${name} (\\d+)$`, 'm').exec((await api.call('GET', '/metrics')).body);
  if (!found) throw new Error(`/metrics has no ${name}`);
  return Number(found[1]);
};

/** A scan that never ends by itself: it stands for a long whole-country one. */
function* endless(): Generator<void, never, undefined> {
  for (;;) yield;
}

describe('security under load: heavy work off the request path', () => {
  let api: Api;
  let total = 0;

  beforeAll(async () => {
    api = await startApi({ projectInProcess: false }); // the views are not what this is about: the log is
    await fillLog(api);
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
    expect(report.body).toMatchObject({ scope: 'all', ok: true, eventsChecked: total, head: { position: String(total) }, problems: [] });
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
    expect(seen.at(-1)).toMatchObject({ status: 'done', eventsChecked: total, position: String(total), report: { scope: 'all', ok: true, eventsChecked: total, head: { position: String(total) } } });
    const unknown = await api.call('GET', '/audit/integrity-checks/00000000-0000-4000-8000-000000000000', { token: auditor });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'INTEGRITY.CHECK_NOT_FOUND']);
  });

  it('Given eight auditors asking for the whole-log check at once, Then one check runs and all eight get its report', async () => {
    const metric = (name: string) => metricOf(api, name);
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
    expect(over.body.detail).toMatch(/^more than 20 requests a minute with this token's subject: retry in /);
    const retryAfter = Number(over.headers.get('retry-after'));
    expect([retryAfter >= 1 && retryAfter <= 60, over.body.retryAfter]).toEqual([true, retryAfter]);
    expect((await api.call('GET', '/policies', { token: api.token('auditor', { sub: 'auditor-other' }) })).status).toBe(200);
    for (let i = 0; i < 25; i++) expect([(await api.call('GET', '/health')).status, (await api.call('GET', '/metrics')).status]).toEqual([200, 200]);
  });

  it('Given calls without a token, Then they count against the client address, and the 429 says so', async () => {
    const answers = [];
    for (let i = 0; i < 21; i++) answers.push(await api.call('GET', '/docs/openapi.json'));
    expect(answers.map((a) => a.status)).toEqual([...Array(20).fill(200), 429]);
    expect(answers[20]!.body.detail).toMatch(/^more than 20 requests a minute from this address without a token that verifies: retry in /);
  });

  it('Given a holder\'s token, When someone sends its payload with junk signatures, Then they are refused and spend the address\'s allowance, never the holder\'s', async () => {
    const token = api.token('auditor', { sub: 'auditor-victim' });
    const [header, payload] = token.split('.');
    const junk = [];
    for (let i = 0; i < 5; i++) junk.push((await api.call('GET', '/policies', { token: `${header!}.${payload!}.${'A'.repeat(42 + i)}` })).status);
    expect(junk.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    const own = [];
    for (let i = 0; i < 20; i++) own.push((await api.call('GET', '/policies', { token })).status);
    expect(own).toEqual(Array(20).fill(200));
  });

  it('Given one token in its four spellings (the spare bits of its signature) and its scheme in any case, Then every form verifies and all count as one caller: the 21st request is 429', async () => {
    const forms = spellings(api.token('auditor', { sub: 'auditor-spellings' }));
    const schemes = ['Bearer', 'bearer', 'BEARER', 'bEaReR'];
    expect(new Set(forms).size).toBe(4);
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push((await api.call('GET', '/policies', { headers: { authorization: `${schemes[i % 4]!} ${forms[Math.floor(i / 5)]!}` } })).status);
    expect(answers).toEqual(Array(20).fill(200));
    const over = await api.call('GET', '/policies', { headers: { authorization: `bearer ${forms[3]!}` } });
    expect([over.status, over.body.code, over.body.detail]).toEqual([429, 'RATE.LIMITED', expect.stringContaining('with this token')]);
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

  it('Given a subscriber with its cap of 2 streams open, When it opens a third with another spelling of its token, or with another token of the same subject, Then 429 RATE.TOO_MANY_STREAMS', async () => {
    const open = (authorization: string) => fetch(`${api.url}/events`, { headers: { accept: 'text/event-stream', authorization } });
    const forms = spellings(api.token('subscriber', { sub: 'subscriber-one' }));
    const streams = [await open(`Bearer ${forms[0]!}`), await open(`bearer ${forms[1]!}`)];
    expect(streams.map((s) => s.status)).toEqual([200, 200]);
    const refused = [await open(`Bearer ${forms[2]!}`), await open(`Bearer ${api.token('subscriber', { sub: 'subscriber-one', ttlSeconds: 3600 })}`)];
    expect(await Promise.all(refused.map(async (r) => [r.status, ((await r.json()) as { code: string }).code]))).toEqual(Array(2).fill([429, 'RATE.TOO_MANY_STREAMS']));
    await Promise.all(streams.map((s) => s.body!.cancel()));
  });

  it('Given streams that fail as they open (before their first byte), Then each gives its slot back: the holder still opens its full cap', async () => {
    const feed = api.app.get(EventFeed);
    const failures = [];
    for (let i = 0; i < 3; i++) failures.push(await feed.inSlot('subscriber-unlucky', () => Promise.reject(new Error('the response could not be written'))).catch((e: unknown) => e));
    expect(failures).toEqual(Array(3).fill(new Error('the response could not be written')));
    const token = api.token('subscriber', { sub: 'subscriber-unlucky' });
    const streams = await Promise.all([1, 2].map(() => fetch(`${api.url}/events`, { headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` } })));
    expect(streams.map((s) => s.status)).toEqual([200, 200]);
    await Promise.all(streams.map((s) => s.body!.cancel()));
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

  it('Given a statistician with four scans running, When it asks for a fifth, Then 429 RATE.TOO_MANY_SCANS as problem+json with Retry-After; another statistician is answered; once its scans end, it is answered again', async () => {
    const work = api.app.get(SlicedWork);
    const stops = Array.from({ length: 4 }, () => new AbortController());
    const running = stops.map((stop) => work.run(endless(), stop.signal, 'statistician-busy').catch(() => undefined));
    const busy = api.token('statistician', { sub: 'statistician-busy' });
    const fifth = await api.call('GET', '/statistics/population', { token: busy });
    expect([fifth.status, fifth.headers.get('content-type'), fifth.body.code, fifth.headers.get('retry-after')]).toEqual([429, 'application/problem+json; charset=utf-8', 'RATE.TOO_MANY_SCANS', '5']);
    expect((await api.call('GET', '/statistics/population', { token: api.token('statistician', { sub: 'statistician-idle' }) })).status).toBe(200);
    for (const stop of stops) stop.abort();
    await Promise.all(running);
    expect((await api.call('GET', '/statistics/population', { token: busy })).status).toBe(200);
  });

  it('Given a statistics query waiting for the views to reach a position, When its client leaves before the answer, Then its scan never runs: it is dropped (huji_statistics_scans_dropped_total)', async () => {
    const before = await metricOf(api, 'huji_statistics_scans_dropped_total');
    const client = new AbortController();
    const url = `${api.url}/statistics/structure?after=${await api.logLength() + 1}`;
    const asked = fetch(url, { headers: { authorization: `Bearer ${api.token('auditor', { sub: 'auditor-leaves' })}` }, signal: client.signal }).catch((e: unknown) => (e as Error).name);
    await sleep(300); // the query is in, waiting for a position the log has not reached
    client.abort();
    expect(await asked).toBe('AbortError');
    expect((await api.call('POST', '/households', { token: registrar, body: householdRequest('left-home') })).status).toBe(201); // the position is reached
    let dropped = before;
    for (let i = 0; i < 100 && dropped === before; i++) {
      await sleep(100);
      dropped = await metricOf(api, 'huji_statistics_scans_dropped_total');
    }
    expect(dropped).toBe(before + 1);
  });
});
