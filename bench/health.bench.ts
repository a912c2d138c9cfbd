import { type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { issueToken, type Role } from '../apps/api/src/auth/jwt';
import { freePort, prepareCity, startApiChild, stopApiChild } from './api-child';
import { type Figure, seconds, tempDir } from './harness';

/** A projected city (events.sqlite + read.sqlite), copied first; without it a small city is generated. */
const CITY_DIR = process.env.HUJI_BENCH_CITY_DIR?.trim();
const SEED_PERSONS = Number(process.env.HUJI_BENCH_API_PERSONS ?? 30_000);
const WINDOW = Number(process.env.HUJI_BENCH_HEALTH_SECONDS ?? 15);
const STATISTICIANS = 8;
const SECRET = 'hB7qZ2xK9mW4vN8cR3tY6uP1sL5dF0gJaEoQ';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const run = (options: autocannon.Options): Promise<autocannon.Result> => new Promise((resolve, reject) => {
  autocannon({ timeout: 300, ...options }, (error: unknown, result) => (error ? reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error })) : resolve(result)));
});

/** /health polled by one connection (a monitoring probe) for `duration` seconds. */
const probe = (url: string, duration: number) => run({ url: `${url}/health`, connections: 1, duration });

const errors = (r: autocannon.Result): string => (r.non2xx + r.errors + r.timeouts > 0 ? `, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts` : '');

interface CheckView { id: string; status: string; eventsChecked: number; position: string | null }

/**
 * Integrity checks of the whole log, one after another, for as long as the load lasts (POST, then polls;
 * a new one when the last is done). `running()` counts the polls that found a check running.
 */
const keepChecking = (url: string, auditor: string) => {
  const headers = { authorization: `Bearer ${auditor}` };
  const tally = { checks: 0, polls: 0, running: 0, checked: 0 };
  let stopped = false;
  const start = async (): Promise<CheckView> => {
    tally.checks++;
    return fetch(`${url}/audit/integrity-checks`, { method: 'POST', headers }).then((r) => r.json() as Promise<CheckView>);
  };
  const loop = (async () => {
    let check = await start();
    while (!stopped) {
      await sleep(250);
      check = await fetch(`${url}/audit/integrity-checks/${check.id}`, { headers }).then((r) => r.json() as Promise<CheckView>);
      tally.polls++;
      if (check.status === 'running') tally.running++;
      if (check.status === 'done' || check.status === 'failed') {
        tally.checked += check.eventsChecked;
        check = await start();
      }
    }
    tally.checked += check.eventsChecked;
  })();
  return { tally, stop: async () => { stopped = true; await loop; return tally; } };
};

/**
 * /health while the heaviest reads run (issue 12): the API as `npm start` runs it (a child process) on a big
 * city, with a whole-log integrity check running and eight statisticians scanning the population structure
 * back to back; /health's p99 as a monitoring probe sees it (one connection), next to its p99 on the idle
 * server in the same run (the ceiling). Also: how long the first statistics query takes (it loads the cube)
 * and what /health does meanwhile.
 */
export const healthBench = async (): Promise<Figure[]> => {
  const { dir, remove } = tempDir('health');
  let server: ChildProcess | undefined;
  try {
    const { persons, source } = await prepareCity(dir, { cityDir: CITY_DIR, persons: SEED_PERSONS, seed: 7 });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    server = startApiChild(dir, port, SECRET);
    const started = process.hrtime.bigint();
    for (;;) {
      const health = await fetch(`${url}/health`).then((r) => r.json() as Promise<{ projectorLag: number; head: string }>, () => undefined);
      if (health && health.projectorLag === 0) break;
      await sleep(250);
    }
    const startup = seconds(started);
    const token = (role: Role) => issueToken({ subject: `bench-${role}`, role, regions: [], grants: [] }, SECRET, new Date(), 3600);
    const [statistician, auditor] = [await token('statistician'), await token('auditor')];
    const structure = { url: `${url}/statistics/structure`, headers: { authorization: `Bearer ${statistician}` } };
    const head = Number(((await fetch(`${url}/health`).then((r) => r.json())) as { head: string }).head);

    let t = process.hrtime.bigint();
    const first = await fetch(structure.url, { headers: structure.headers });
    if (first.status !== 200) throw new Error(`structure answered ${first.status}: ${await first.text()}`);
    const cells = ((await first.json()) as { cells: unknown[] }).cells.length;
    const firstQuery = seconds(t);
    t = process.hrtime.bigint();
    await fetch(structure.url, { headers: structure.headers }).then((r) => r.text());
    const scanAlone = seconds(t) * 1000;

    const ceiling = await probe(url, WINDOW);
    const checks = keepChecking(url, auditor);
    // Eight statisticians, each with a token of their own (a subject may have only a few scans pending at once).
    const statisticians = await Promise.all(Array.from({ length: STATISTICIANS }, (_, i) => issueToken({ subject: `bench-statistician-${i}`, role: 'statistician', regions: [], grants: [] }, SECRET, new Date(), 3600)));
    const scans = Promise.all(statisticians.map((own) => run({ url: structure.url, headers: { authorization: `Bearer ${own}` }, connections: 1, duration: WINDOW + 4 })));
    await sleep(2_000); // the check and the scans under way
    const loaded = await probe(url, WINDOW);
    const tally = await checks.stop();
    const each = await scans;
    const scanned = { ok: each.reduce((n, r) => n + r['2xx'], 0), p50: each.map((r) => r.latency.p50).sort((a, b) => a - b)[Math.floor(each.length / 2)]!, problems: each.map(errors).filter((e) => e !== '').join('') };
    return [
      { name: `city: ${persons.toLocaleString('en')} persons, ${head.toLocaleString('en')} events (${source}); start-up until /health says caught up`, value: startup, unit: 's', note: 'the statistics cube loads meanwhile' },
      { name: `first structure query after start (${cells.toLocaleString('en')} cells)`, value: firstQuery, unit: 's' },
      { name: 'one structure scan alone (whole country)', value: scanAlone, unit: 'ms' },
      { name: 'ceiling: GET /health p99, idle server (one connection)', value: ceiling.latency.p99, unit: 'ms', note: `p50 ${ceiling.latency.p50} ms, max ${ceiling.latency.max} ms, ${Math.round(ceiling.requests.average)} req/s${errors(ceiling)}` },
      {
        name: `GET /health p99 during a whole-log integrity check and ${STATISTICIANS} structure scans`, value: loaded.latency.p99, unit: 'ms', target: 50, lowerIsBetter: true,
        note: `p50 ${loaded.latency.p50} ms, max ${loaded.latency.max} ms, ${Math.round(loaded.requests.average)} req/s${errors(loaded)}`,
      },
      { name: `structure scans answered meanwhile (${STATISTICIANS} statisticians, one connection each)`, value: scanned.ok / (WINDOW + 4), unit: 'scans/s', note: `p50 ${scanned.p50} ms${scanned.problems}` },
      { name: 'integrity check meanwhile: polls that found it running', value: tally.polls === 0 ? 0 : (100 * tally.running) / tally.polls, unit: '%', note: `${tally.checks} check(s) started, ${tally.checked.toLocaleString('en')} events checked` },
    ];
  } finally {
    if (server) await stopApiChild(server, 'SIGTERM');
    remove();
  }
};
