import { get } from 'node:http';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { issueToken, type Role } from '../apps/api/src/auth/jwt';
import { freePort, importGeneratedCity, startApiChild } from './api-child';
import { type Figure, seconds, tempDir } from './harness';

const SEED_PERSONS = Number(process.env.HUJI_BENCH_API_PERSONS ?? 30_000);
const DURATION = Number(process.env.HUJI_BENCH_API_SECONDS ?? 10);
const CONNECTIONS = 50;
const SUBSCRIBERS = 20;
/** A strong key: the API refuses a weak HUJI_JWT_SECRET. */
const SECRET = 'Bn8Vc2Xz5Lk9Mj3Hg7Fd1Sa4Qw6Er0TyUiOpPlKm';
const COUNTY_VILLAGES = ['410102001002', '410105001003', '410122001001', '410103001001'];
/** 查询留痕: every read of personal data states its purpose (README "Reads are recorded"). */
const PURPOSE = { 'huji-purpose': 'bench: registry query load' };
/** Persons the person-read figures rotate over (each read one whose answer is 200 for the bench's registrar). */
const READ_SAMPLE = 500;

const token = (role: Role): Promise<string> => issueToken({ subject: `bench-${role}`, role, regions: role === 'registrar' ? ['41'] : [], grants: [] }, SECRET, new Date(), 3600);

const run = (options: autocannon.Options): Promise<autocannon.Result> => new Promise((resolve, reject) => {
  autocannon({ connections: CONNECTIONS, duration: DURATION, ...options }, (error: unknown, result) => (error ? reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error })) : resolve(result)));
});

/** Citizen ids of the seeded city, from the log itself (the bench's own file: no API involved). */
const seededIds = (dir: string, limit: number): string[] => {
  const db = new Database(join(dir, 'events.sqlite'), { readonly: true });
  const ids = db.prepare("SELECT json_extract(data, '$.citizenId') FROM events WHERE type IN ('BirthRegistered', 'PersonRegistered') LIMIT ?").pluck().all(limit) as string[];
  db.close();
  return ids;
};

/** The ids among `ids` the registrar may read now (alive or deceased, within its regions), at most READ_SAMPLE. */
const readable = async (url: string, auth: string, ids: readonly string[]): Promise<string[]> => {
  const ok: string[] = [];
  for (const id of ids) {
    if (ok.length >= READ_SAMPLE) break;
    const r = await fetch(`${url}/persons/${id}`, { headers: { authorization: `Bearer ${auth}`, ...PURPOSE } });
    await r.arrayBuffer();
    if (r.status === 200) ok.push(id);
  }
  return ok;
};

const dateOf = (i: number): string => new Date(Date.UTC(2010, 0, 1) + (i % 4_000) * 86_400_000).toISOString().slice(0, 10);

const MARK = Buffer.from('\nid: ');

/**
 * Counts SSE events from the start of the log to `until` on one connection (node:http and Buffer scans: a
 * lean client, so the figure is the server's); events per second.
 */
const catchUp = (url: string, auth: string, until: number): Promise<number> => new Promise((resolve, reject) => {
  const started = process.hrtime.bigint();
  const request = get(`${url}/events`, { headers: { accept: 'text/event-stream', authorization: `Bearer ${auth}` } }, (response) => {
    let count = 0;
    let carry: Buffer = Buffer.alloc(0);
    response.on('data', (chunk: Buffer) => {
      const buffer = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      for (let at = buffer.indexOf(MARK); at >= 0; at = buffer.indexOf(MARK, at + MARK.length)) count++;
      carry = buffer.subarray(Math.max(0, buffer.length - MARK.length + 1));
      if (count >= until) {
        resolve(count / seconds(started));
        request.destroy();
      }
    });
    response.on('error', () => undefined);
  });
  request.on('error', (error) => (error.message.includes('aborted') || error.message.includes('socket hang up') ? undefined : reject(error)));
});

/**
 * The registry's HTTP API as `npm start` runs it (a child process: embedded log and SQLite views, projector
 * in-process), loaded over loopback by autocannon with 50 connections: births per second with p99, a
 * household and an as-of statistic p99, and Server-Sent Events catch-up per subscriber with 20 at once.
 * The ceiling in the same run: GET /health through the same stack (token-free, one log read).
 */
export const apiBench = async (): Promise<Figure[]> => {
  const { dir, remove } = tempDir('api');
  await importGeneratedCity(dir, SEED_PERSONS, 7);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = startApiChild(dir, port, SECRET, { HUJI_SSE_PER_TOKEN: '0' });
  try {
    const started = process.hrtime.bigint();
    for (;;) {
      const health = await fetch(`${url}/health`).then((r) => r.json() as Promise<{ projectorLag: number }>, () => undefined);
      if (health && health.projectorLag === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const startup = seconds(started);
    const [registrar, auditor, subscriber] = await Promise.all([token('registrar'), token('auditor'), token('subscriber')]);
    const json = { 'content-type': 'application/json', authorization: `Bearer ${registrar}` };
    for (const [i, regionCode] of COUNTY_VILLAGES.entries())
      await fetch(`${url}/households`, { method: 'POST', headers: json, body: JSON.stringify({ householdId: `bench-${i}`, kind: 'collective', regionCode, address: 'bench' }) });

    const ceiling = await run({ url: `${url}/health` });
    let n = 0;
    const births = await run({
      url, method: 'POST', headers: json,
      requests: [{ setupRequest: (req) => ({ ...req, path: '/persons/births', body: JSON.stringify({ name: '测试', sex: n % 2 ? 'female' : 'male', dateOfBirth: dateOf(n), placeOfBirth: COUNTY_VILLAGES[n % 4]!, householdId: `bench-${n++ % 4}`, relationToHead: 'collective-member' }) }) }],
    });
    // A family household of the synthetic city (the bench's own collective ones hold thousands of newborns).
    const established = (await fetch(`${url}/events?types=HouseholdEstablished&limit=200`, { headers: { authorization: `Bearer ${subscriber}` } }).then((r) => r.json())) as { events: { data: { householdId: string; kind: string } }[] };
    const family = established.events.find((e) => e.data.kind === 'family')!.data.householdId;
    const household = await run({ url: `${url}/households/${encodeURIComponent(family)}`, headers: { authorization: `Bearer ${auditor}`, ...PURPOSE } });
    // The hottest read: a registrar's GET /persons/{id}, rotating over persons of the city (each one recorded: 查询留痕).
    const ids = await readable(url, registrar, seededIds(dir, READ_SAMPLE * 4));
    let r = 0;
    const personRead = { url, headers: { authorization: `Bearer ${registrar}`, ...PURPOSE }, requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, path: `/persons/${ids[r++ % ids.length]!}` }) }] };
    const person = await run(personRead);
    const personAlone = await run({ ...personRead, connections: 1 });
    // Fifty auditors, one per connection: a subject may have four statistics scans pending (more → 429 RATE.TOO_MANY_SCANS).
    const auditors = await Promise.all(Array.from({ length: 50 }, (_, i) => issueToken({ subject: `bench-auditor-${i}`, role: 'auditor', regions: [], grants: [] }, SECRET, new Date(), 3600)));
    let a = 0;
    const statistic = await run({
      url: `${url}/statistics/population?region=4101&asOf=2020-12-31`,
      requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, headers: { ...req.headers, authorization: `Bearer ${auditors[a++ % auditors.length]!}` } }) }],
    });
    // One connection: the service time without the queueing 50 connections add on two cores.
    const householdAlone = await run({ url: `${url}/households/${encodeURIComponent(family)}`, headers: { authorization: `Bearer ${auditor}`, ...PURPOSE }, connections: 1 });
    const statisticAlone = await run({ url: `${url}/statistics/population?region=4101&asOf=2020-12-31`, headers: { authorization: `Bearer ${auditor}` }, connections: 1 });
    const head = Number(((await fetch(`${url}/health`).then((r) => r.json())) as { head: string }).head);
    const alone = await catchUp(url, subscriber, head);
    const together = await Promise.all(Array.from({ length: SUBSCRIBERS }, () => catchUp(url, subscriber, head)));
    together.sort((a, b) => a - b);
    const errors = (r: autocannon.Result) => (r.non2xx + r.errors + r.timeouts > 0 ? ` (${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts)` : '');
    return [
      { name: `start-up: project the seeded log (${SEED_PERSONS.toLocaleString('en')} persons, ${head.toLocaleString('en')} events at the end)`, value: startup, unit: 's' },
      { name: 'ceiling: GET /health, requests/s (same stack, 50 connections)', value: ceiling.requests.average, unit: 'req/s', note: `p99 ${ceiling.latency.p99} ms` },
      { name: 'births: POST /persons/births, registered/s', value: births['2xx'] / DURATION, unit: 'births/s', target: 3_000, note: `${errors(births)}` },
      { name: 'births: p99 latency', value: births.latency.p99, unit: 'ms', target: 50, lowerIsBetter: true },
      { name: `person query: GET /persons/{id}, requests/s (a registrar, ${ids.length} persons in turn)`, value: person.requests.average, unit: 'req/s', note: `p99 ${person.latency.p99} ms${errors(person)}` },
      { name: 'person query, one connection, requests/s', value: personAlone.requests.average, unit: 'req/s', note: `p99 ${personAlone.latency.p99} ms${errors(personAlone)}` },
      { name: 'household query p99 (GET /households/{id}, a family of the city)', value: household.latency.p99, unit: 'ms', target: 5, lowerIsBetter: true, note: `${Math.round(household.requests.average)} req/s${errors(household)}` },
      { name: 'household query p99, one connection', value: householdAlone.latency.p99, unit: 'ms', target: 5, lowerIsBetter: true, note: `${Math.round(householdAlone.requests.average)} req/s` },
      { name: 'as-of statistic p99 (GET /statistics/population?region=4101&asOf=2020-12-31)', value: statistic.latency.p99, unit: 'ms', note: `${Math.round(statistic.requests.average)} req/s${errors(statistic)}` },
      { name: 'as-of statistic p99, one connection', value: statisticAlone.latency.p99, unit: 'ms', note: `${Math.round(statisticAlone.requests.average)} req/s` },
      { name: 'SSE catch-up, one subscriber alone (ceiling)', value: alone, unit: 'events/s' },
      { name: `SSE catch-up per subscriber, ${SUBSCRIBERS} at once (slowest)`, value: together[0]!, unit: 'events/s', target: 50_000, note: `median ${Math.round(together[SUBSCRIBERS / 2]!).toLocaleString('en')}` },
    ];
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    remove();
  }
};
