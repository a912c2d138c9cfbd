import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EventStoreError } from '../errors';
import { type ExpectedHead, type IntegrityReport } from '../verify';

/** What the worker checks: the embedded log's file, and optionally only some streams. */
export interface VerifyJob {
  readonly file: string;
  readonly streams?: readonly string[];
  readonly maxProblems?: number;
  readonly expectHead?: ExpectedHead;
}

/** What the worker says: progress (about ten times a second at most), then its report or why it failed. */
export type VerifyMessage =
  | { readonly kind: 'progress'; readonly eventsChecked: number; readonly position: string }
  | { readonly kind: 'done'; readonly report: IntegrityReport }
  | { readonly kind: 'failed'; readonly message: string };

export interface VerifyThreadOptions extends Omit<VerifyJob, 'file'> {
  readonly onProgress?: (eventsChecked: number, position: string) => void;
  /** Aborting terminates the worker (shutdown). */
  readonly signal?: AbortSignal;
}

/**
 * From the TypeScript sources (jest runs them through @swc/jest, and a worker does not inherit that), the
 * worker's modules are compiled on require with @swc/core, a dev dependency; dist/ holds the compiled worker.
 */
const FROM_SOURCES = `
const { readFileSync } = require('node:fs');
const { workerData } = require('node:worker_threads');
const swc = require(workerData.swc);
require.extensions['.ts'] = (module, filename) => {
  const options = { filename, swcrc: false, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } };
  module._compile(swc.transformSync(readFileSync(filename, 'utf8'), options).code, filename);
};
require(workerData.entry);`;

const startWorker = (job: VerifyJob): Worker => {
  const built = join(__dirname, 'verify-worker.js');
  if (existsSync(built)) return new Worker(built, { workerData: job });
  return new Worker(FROM_SOURCES, { eval: true, workerData: { ...job, entry: join(__dirname, 'verify-worker.ts'), swc: require.resolve('@swc/core') } });
};

/**
 * The integrity check (`verify`) of the embedded log in a worker thread with its own read-only connection to
 * the file: re-deriving every hash of millions of events takes seconds of CPU, and none of it runs on the
 * caller's event loop. The report is the one `verify` gives on the same log.
 */
export const verifyInThread = (file: string, options: VerifyThreadOptions = {}): Promise<IntegrityReport> => new Promise((resolve, reject) => {
  const { onProgress, signal, ...rest } = options;
  if (signal?.aborted) return reject(new EventStoreError('STORE.CLOSED', 'the integrity check was stopped'));
  const worker = startWorker({ file, ...rest });
  let settled = false;
  const settle = (outcome: () => void): void => {
    if (settled) return;
    settled = true;
    signal?.removeEventListener('abort', stop);
    outcome();
  };
  const stop = (): void => {
    void worker.terminate();
    settle(() => reject(new EventStoreError('STORE.CLOSED', 'the integrity check was stopped')));
  };
  signal?.addEventListener('abort', stop, { once: true });
  worker.on('message', (m: VerifyMessage) => {
    if (m.kind === 'progress') onProgress?.(m.eventsChecked, m.position);
    else if (m.kind === 'done') settle(() => resolve(m.report));
    else settle(() => reject(new EventStoreError('STORE.UNAVAILABLE', `the integrity check failed: ${m.message}`)));
  });
  worker.on('error', (cause) => settle(() => reject(new EventStoreError('STORE.UNAVAILABLE', `the integrity check failed: ${cause.message}`, [], { cause }))));
  worker.on('exit', (code) => settle(() => reject(new EventStoreError('STORE.UNAVAILABLE', `the integrity worker exited (${code}) without a report`))));
});
