import { type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { issueToken } from '../apps/api/src/auth/jwt';
import { freePort, prepareCity, startApiChild, stopApiChild } from './api-child';
import { type Figure, seconds, tempDir } from './harness';

/** A projected city to restart on (events.sqlite + read.sqlite), copied first; without it a small city is generated. */
const CITY_DIR = process.env.HUJI_BENCH_CITY_DIR?.trim();
const SEED_PERSONS = Number(process.env.HUJI_BENCH_API_PERSONS ?? 30_000);
const WINDOW = Number(process.env.HUJI_BENCH_RESTART_SECONDS ?? 30);
const WARM = Number(process.env.HUJI_BENCH_RESTART_WARM_SECONDS ?? 15);
const CONNECTIONS = 50;
/** A strong key: the API refuses a weak HUJI_JWT_SECRET. */
const SECRET = 'Zr5Pk8Wc2Mv6Tx9Lb3Qn7Hf1Dg4Js0YeRaUo';
const COUNTY_VILLAGES = ['410102001002', '410105001003', '410122001001', '410103001001'];
/** Births cycle over 400 days × 4 counties: after the warm-up every (county, day) already holds numbers. */
const dateOf = (i: number): string => new Date(Date.UTC(2015, 0, 1) + (Math.floor(i / 4) % 400) * 86_400_000).toISOString().slice(0, 10);

/** Seconds until GET /health answers (and, with `caughtUp`, until the projector has no lag). */
const waitForHealth = async (url: string, caughtUp: boolean): Promise<number> => {
  const started = process.hrtime.bigint();
  for (;;) {
    const health = await fetch(`${url}/health`).then((r) => r.json() as Promise<{ projectorLag: number }>, () => undefined);
    if (health && (!caughtUp || health.projectorLag === 0)) return seconds(started);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** One autocannon run; `perSecond` collects the answers of each second (any status), for the shape of the curve. */
const run = (options: autocannon.Options, perSecond?: number[]): Promise<autocannon.Result> => new Promise((resolve, reject) => {
  const instance: NodeJS.EventEmitter = autocannon({ connections: CONNECTIONS, ...options }, (error: unknown, result) => (error ? reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error })) : resolve(result)));
  if (perSecond) instance.on('tick', (tick: { counter: number }) => perSecond.push(tick.counter));
});

/** Per-second counts as averages over 5-second spans: "120 / 340 / 900 …". */
const spans = (perSecond: readonly number[]): string => Array.from({ length: Math.ceil(perSecond.length / 5) }, (_, i) => perSecond.slice(i * 5, i * 5 + 5))
  .map((span) => Math.round(span.reduce((a, b) => a + b, 0) / span.length)).join(' / ');

/**
 * Births right after a crash on a big log (issue 12): the API (npm start, a child process) is loaded with
 * births carrying an Idempotency-Key, killed with SIGKILL, started again on the same data dir, and loaded
 * again at once: births per second in the first WINDOW seconds after the restart, next to the rate on the
 * same server once warm (the ceiling), measured after the window. autocannon, 50 connections, loopback.
 */
export const restartBench = async (): Promise<Figure[]> => {
  const { dir, remove } = tempDir('restart');
  let server: ChildProcess | undefined;
  try {
    const copied = process.hrtime.bigint();
    const city = await prepareCity(dir, { cityDir: CITY_DIR, persons: SEED_PERSONS, seed: 7 });
    const copy = seconds(copied);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const registrar = await issueToken({ subject: 'bench-restart', role: 'registrar', regions: ['41'], grants: [] }, SECRET, new Date(), 3600);
    const json = { 'content-type': 'application/json', authorization: `Bearer ${registrar}` };
    let n = 0;
    const births = (label: string, duration: number, perSecond?: number[]) => run({
      url, method: 'POST', duration,
      requests: [{
        setupRequest: (req) => {
          const i = n++;
          return {
            ...req, path: '/persons/births', headers: { ...json, 'idempotency-key': `${label}-${i}` },
            body: JSON.stringify({ name: '测试', sex: i % 2 ? 'female' : 'male', dateOfBirth: dateOf(i), placeOfBirth: COUNTY_VILLAGES[i % 4]!, householdId: `restart-${i % 4}`, relationToHead: 'collective-member' }),
          };
        },
      }],
    }, perSecond);

    server = startApiChild(dir, port, SECRET);
    const startup = await waitForHealth(url, true);
    for (const [i, regionCode] of COUNTY_VILLAGES.entries())
      await fetch(`${url}/households`, { method: 'POST', headers: json, body: JSON.stringify({ householdId: `restart-${i}`, kind: 'collective', regionCode, address: 'bench', effectiveDate: '2000-01-01' }) });
    // Killed under load, a second before the run ends: births in flight, the projector behind, as in a real crash.
    const loaded = births('before', WARM);
    await new Promise((r) => setTimeout(r, (WARM - 1) * 1000));
    await stopApiChild(server, 'SIGKILL');
    const before = await loaded;

    const restarted = process.hrtime.bigint();
    server = startApiChild(dir, port, SECRET);
    const serving = await waitForHealth(url, false);
    const curve: number[] = [];
    const after = await births('after', WINDOW, curve);
    const sinceRestart = seconds(restarted);
    const warmed = await births('warm', WARM);
    const health = await run({ url: `${url}/health`, duration: 5 });
    const errors = (r: autocannon.Result) => (r.non2xx + r.errors + r.timeouts > 0 ? `; ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts` : '');
    const rate = (r: autocannon.Result, duration: number) => r['2xx'] / duration;
    const ceiling = rate(warmed, WARM);
    return [
      { name: `the city: ${city.persons.toLocaleString('en')} persons (${city.source}), copied in`, value: copy, unit: 's' },
      { name: 'first start: until the projector has no lag', value: startup, unit: 's' },
      { name: `births before the crash (${WARM - 1} s, Idempotency-Key; then SIGKILL under load), registered/s`, value: rate(before, WARM - 1), unit: 'births/s', note: `p99 ${before.latency.p99} ms${errors(before)} (cut off by the kill)` },
      { name: 'restart after SIGKILL: until GET /health answers', value: serving, unit: 's' },
      { name: `births in the first ${WINDOW} s after the restart, registered/s`, value: rate(after, WINDOW), unit: 'births/s', note: `${Math.round((rate(after, WINDOW) / ceiling) * 100)}% of the warm rate; per 5 s: ${spans(curve.slice(0, WINDOW))}; p99 ${after.latency.p99} ms; ${sinceRestart.toFixed(0)} s since the kill${errors(after)}` },
      { name: `ceiling: births on the same server once warm (${WARM} s), registered/s`, value: ceiling, unit: 'births/s', note: `p99 ${warmed.latency.p99} ms${errors(warmed)}` },
      { name: 'ceiling: GET /health, requests/s (same server)', value: health.requests.average, unit: 'req/s', note: `p99 ${health.latency.p99} ms` },
    ];
  } finally {
    if (server) await stopApiChild(server, 'SIGTERM');
    remove();
  }
};
