import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type DisclosureHead } from './disclosure-db';
import { type DisclosureRecord } from './disclosure-record';

/** What the writer thread is asked: append a batch (one transaction), or finish and close its connection. */
export type WriterRequest = { readonly kind: 'append'; readonly id: number; readonly records: readonly DisclosureRecord[] } | { readonly kind: 'close' };
/** What it answers: a batch on disk (with the new head), a batch that could not be written, or closed. */
export type WriterReply =
  | { readonly kind: 'appended'; readonly id: number; readonly head: DisclosureHead }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string }
  | { readonly kind: 'closed' };

/**
 * From the TypeScript sources (jest runs them through @swc/jest, which a worker does not inherit) the worker's
 * modules are compiled on require with @swc/core, as libs/event-store/src/local/verify-thread.ts does; dist/
 * holds the compiled worker.
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

const startWorker = (file: string): Worker => {
  const built = join(__dirname, 'disclosure-writer.js');
  if (existsSync(built)) return new Worker(built, { workerData: { file } });
  return new Worker(FROM_SOURCES, { eval: true, workerData: { file, entry: join(__dirname, 'disclosure-writer.ts'), swc: require.resolve('@swc/core') } });
};

interface Waiting { readonly resolve: (head: DisclosureHead) => void; readonly reject: (error: Error) => void }

/**
 * The disclosure log's one writer, in a worker thread: its commit waits for the disk (fsync) while the event
 * loop goes on answering requests, whose records gather into the next batch. A worker that dies fails the
 * batches it held; the next batch starts a new one.
 */
export class WriterThread {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private next = 0;

  constructor(private readonly file: string) {
    this.worker = this.start();
  }

  /** Appends `records` in one transaction: resolves with the new head once it is on disk. */
  append(records: readonly DisclosureRecord[]): Promise<DisclosureHead> {
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      (this.worker ??= this.start()).postMessage({ kind: 'append', id, records } satisfies WriterRequest);
    });
  }

  /** Lets the worker finish what it was given, then ends it. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.postMessage({ kind: 'close' } satisfies WriterRequest);
    });
  }

  private start(): Worker {
    const worker = startWorker(this.file);
    worker.on('message', (reply: WriterReply) => {
      if (reply.kind === 'closed') return;
      const waiting = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.kind === 'appended') waiting?.resolve(reply.head);
      else waiting?.reject(new Error(reply.message));
    });
    const fail = (error: Error): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const w of this.waiting.values()) w.reject(error);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the disclosure writer exited (${code})`)));
    return worker;
  }
}
