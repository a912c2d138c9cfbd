/**
 * What the HTTP benches share: a data dir with a city in it, and the API as `npm start` runs it (a child
 * process on a free loopback port).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { generateCity } from '../libs/domain/src/synthetic';
import { openSqliteEventStore } from '../libs/event-store/src';
import { RecordImporter } from '../libs/registry/src';

export const freePort = (): Promise<number> => new Promise((resolve, reject) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  }).on('error', reject);
});

/** A synthetic city of `persons`, imported into `dir`/events.sqlite (the API projects it when it starts). */
export const importGeneratedCity = async (dir: string, persons: number, seed: number): Promise<void> => {
  const store = openSqliteEventStore(join(dir, 'events.sqlite'));
  const importer = new RecordImporter(store);
  const city = generateCity({ persons, seed });
  for (let step = city.next(); !step.done; step = city.next()) for (const r of step.value) await importer.add(r);
  await importer.finish();
  await store.close();
};

/**
 * The data dir: a copy of `cityDir` (a projected city, events.sqlite + read.sqlite; the API writes, so the
 * original stays reusable), or, without one, a generated city; and how many persons it holds.
 */
export const prepareCity = async (dir: string, city: { cityDir: string | undefined; persons: number; seed: number }): Promise<{ persons: number; source: string }> => {
  if (city.cityDir) {
    execFileSync('cp', ['-a', '--reflink=auto', `${city.cityDir}/.`, dir]);
    const read = new Database(join(dir, 'read.sqlite'), { readonly: true });
    const persons = Number((read.prepare('SELECT count(*) AS n FROM view_persons').get() as { n: number }).n);
    read.close();
    return { persons, source: city.cityDir };
  }
  await importGeneratedCity(dir, city.persons, city.seed);
  return { persons: city.persons, source: 'generated' };
};

/** The API (dist/apps/api/src/main.js) on `dir` and `port`: no log, no rate limit, embedded read store. */
export const startApiChild = (dir: string, port: number, secret: string, extraEnv: NodeJS.ProcessEnv = {}): ChildProcess => spawn(process.execPath, [join(__dirname, '..', 'apps', 'api', 'src', 'main.js')], {
  env: { ...process.env, HUJI_DATA_DIR: dir, PORT: String(port), HUJI_HOST: '127.0.0.1', HUJI_LOG: 'off', HUJI_JWT_SECRET: secret, HUJI_READ_STORE: '', HUJI_RATE_LIMIT: '0', ...extraEnv },
  stdio: ['ignore', 'ignore', 'inherit'],
});

/** Sends `signal` unless the child has already exited; resolves once it has. */
export const stopApiChild = (child: ChildProcess, signal: NodeJS.Signals): Promise<void> => new Promise((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) return resolve();
  child.once('exit', () => resolve());
  child.kill(signal);
});
