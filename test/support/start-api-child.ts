/**
 * Starts test/support/api-child.ts (compiled into dist/ by the jest global setup) on `dir` and resolves once
 * it prints `ready <port>`. The crash tests kill it with SIGKILL and start it again on the same data dir.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** Resolved from the source tree: the specs import this file through @swc/jest, not from dist/. */
const CHILD = resolve(__dirname, '../../dist/test/support/api-child.js');

export interface ApiChild { readonly child: ChildProcess; readonly url: string }

/** `env` is laid over the parent's environment and HUJI_DATA_DIR (the secret, the read store, limits). */
export const startApiChild = (dir: string, env: NodeJS.ProcessEnv): Promise<ApiChild> => new Promise((done, fail) => {
  const child = spawn(process.execPath, [CHILD], { env: { ...process.env, HUJI_DATA_DIR: dir, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const m = /ready (\d+)/.exec(chunk);
    if (m) done({ child, url: `http://127.0.0.1:${m[1]!}` });
  });
  child.on('error', fail);
  child.on('exit', (code, signal) => { if (code !== 0 && signal === null) fail(new Error(`api child exited ${String(code)}`)); });
});

/** Stops the child with `signal` (SIGKILL for a crash) and resolves once it has exited. */
export const stopApiChild = (s: ApiChild, signal: NodeJS.Signals): Promise<void> => new Promise((done) => {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return done();
  s.child.once('exit', () => done());
  s.child.kill(signal);
});

/** A small seeded generator of fractions in [0, 1) (mulberry32): a failing crash run can be replayed with its seed. */
export const seededFraction = (seed: number) => (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
