/**
 * `npm run bench`: every benchmark of the project, each printing its figures next to the ceiling or
 * target it is compared against, measured in the same run. Performance lives here, not in tests.
 */
import { cpus, totalmem } from 'node:os';
import { apiBench } from './api.bench';
import { cityBench } from './city.bench';
import { deciderBench } from './decider.bench';
import { eventStoreBench } from './event-store.bench';
import { healthBench } from './health.bench';
import { projectorBench } from './projector.bench';
import { restartBench } from './restart.bench';
import { statisticsBench } from './statistics.bench';
import { printFigures } from './harness';

/** `npm run bench -- api` runs only the named ones (event-store, decider, city, projector, statistics, api, health, restart). */
const BENCHES: readonly [string, string, () => Promise<Parameters<typeof printFigures>[1]>][] = [
  ['event-store', 'Event store (embedded SQLite, WAL, synchronous=FULL)', eventStoreBench],
  ['decider', 'Domain: the person decider through the command loop (embedded store)', deciderBench],
  ['city', 'Synthetic city: huji generate | huji import, in-process', cityBench],
  ['projector', 'Projections: rebuild of every view, and as-of statistics', projectorBench],
  ['statistics', 'Statistics cube: load with record keys, queries exact (auditors) and perturbed (statisticians)', statisticsBench],
  ['api', 'HTTP API (npm start in a child process; autocannon, 50 connections, loopback)', apiBench],
  ['health', '/health under heavy reads: a whole-log integrity check and 8 structure scans (HUJI_BENCH_CITY_DIR, else a generated city)', healthBench],
  ['restart', 'Births after a SIGKILL and restart (HUJI_BENCH_CITY_DIR, else a generated city; autocannon, 50 connections)', restartBench],
];

const main = async (): Promise<void> => {
  console.log(`Huji benchmarks — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);
  const wanted = process.argv.slice(2);
  for (const [name, title, bench] of BENCHES) if (wanted.length === 0 || wanted.includes(name)) printFigures(title, await bench());
  console.log(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
