import { randomUUID } from 'node:crypto';
import { string } from '../../../../events/schema';
import {
  embeddedLogFile, type EventStore, type ExpectedHead, formatHead, formatPosition, hasStream, type IntegrityReport, parseHead, verify, verifyInThread,
} from '../../../../libs/event-store/src';
import { type ParameterSpec } from '../http/operation';
import { ApiError } from '../http/problem';
import { errorFields, logLine } from '../ops/log';

/** What one check covers: the whole log or some streams, and optionally a head recorded earlier to find again. */
export interface IntegrityJob {
  readonly streams?: readonly string[];
  readonly expectHead?: ExpectedHead;
}

/** How checks run on this store, and how to tell that a stream exists before starting one. */
export interface IntegrityRunner {
  /** Runs one check, reporting progress; aborting `signal` stops it. */
  run(job: IntegrityJob, onProgress: (eventsChecked: number, position: string) => void, signal: AbortSignal): Promise<IntegrityReport>;
  /** The log holds the stream (an event of it, or a head recorded for it). */
  hasStream(stream: string): Promise<boolean>;
}

/** The `expectHead` query parameter of the integrity routes: a head a check printed earlier (`report.head`). */
export const EXPECT_HEAD: Readonly<Record<'expectHead', ParameterSpec>> = {
  expectHead: {
    schema: string({ maxLength: 104, pattern: '^(?:[0-9]{1,19}(?:/[0-9]{1,19})?:)?[0-9a-fA-F]{64}$' }),
    description: 'a head recorded from an earlier report, POSITION:HASH (or HASH): the report says whether the history up to it is intact (ok: false when it was rewritten or is missing)',
  },
};

/** A check as its route shows it: where it stands, then its report. */
export interface IntegrityCheckView {
  readonly id: string;
  /** `all`, or the one stream checked. */
  readonly scope: string;
  /** The head the check looks for (POSITION:HASH as asked), or null. */
  readonly expectHead: string | null;
  readonly status: 'queued' | 'running' | 'done' | 'failed';
  /** Events of the scope checked so far. */
  readonly eventsChecked: number;
  /** How far along the log the check has come; against `logHead` (the head when it was asked for), its progress. */
  readonly position: string | null;
  readonly logHead: string | null;
  readonly requestedAt: string;
  readonly finishedAt: string | null;
  /** Once done: `ok`, every problem, and the `head` (position and hash) to record; with `expectHead`, whether it was found intact. */
  readonly report: (IntegrityReport & { readonly scope: string }) | null;
  readonly error: string | null;
}

interface Check {
  view: IntegrityCheckView;
  readonly finished: Promise<IntegrityCheckView>;
  readonly finish: (view: IntegrityCheckView) => void;
}

/** Checks waiting behind the running one; more → 503 INTEGRITY.BUSY. */
const MAX_WAITING = 8;
/** Finished checks kept for their routes (the oldest go first). */
const KEPT = 32;
/** Why a check that was stopped by shutdown failed: its callers are answered 503 INTEGRITY.FAILED with this. */
const SHUTTING_DOWN = 'the registry is shutting down: ask again once it has restarted';

/**
 * 完整性校验 as a job: a check of the whole log re-derives every hash (seconds of CPU for millions of events),
 * so it never runs inside a request. One check runs at a time, off the event loop (`integrityRunnerFor`);
 * asking for a scope already queued or running joins that check, so eight auditors asking at once start one.
 * Checks live in this process's memory: after a restart, ask again.
 */
export class IntegrityChecks {
  private readonly checks = new Map<string, Check>();
  private readonly waiting: Check[] = [];
  private running: { check: Check; run: Promise<void> } | undefined;
  private readonly stop = new AbortController();
  /** Checks started since the process started (metrics). */
  started = 0;

  constructor(private readonly runner: IntegrityRunner, private readonly head: () => Promise<string | undefined>) {}

  /**
   * Asks for a check of the whole log or of one stream (with `expectHead`, looking for that head): the one queued
   * or running for the same question, else a new one. A malformed head is 400, an unknown stream 404 STREAM.NOT_FOUND,
   * both before anything starts.
   */
  async start(stream: string | undefined, expectHead?: string): Promise<IntegrityCheckView> {
    const scope = stream ?? 'all';
    this.refuseWhenClosed();
    const expected = expectedHeadOf(expectHead);
    if (stream !== undefined && !(await this.runner.hasStream(stream))) throw new ApiError(404, 'STREAM.NOT_FOUND', `no stream ${stream} in the log: nothing to check`);
    const asked = expected ? (expected.position === undefined ? expected.hash : formatHead({ position: expected.position, hash: expected.hash })) : null;
    const logHead = (await this.head()) ?? null;
    this.refuseWhenClosed();
    const same = [this.running?.check, ...this.waiting].find((c) => c?.view.scope === scope && c.view.expectHead === asked);
    if (same) return same.view;
    if (this.waiting.length >= MAX_WAITING) throw new ApiError(503, 'INTEGRITY.BUSY', `${MAX_WAITING} integrity checks are waiting already: retry later`, [], { retryAfter: 30 });
    let finish: (view: IntegrityCheckView) => void = () => undefined;
    const finished = new Promise<IntegrityCheckView>((resolve) => { finish = resolve; });
    const check: Check = {
      view: { id: randomUUID(), scope, expectHead: asked, status: 'queued', eventsChecked: 0, position: null, logHead, requestedAt: new Date().toISOString(), finishedAt: null, report: null, error: null },
      finished, finish,
    };
    this.checks.set(check.view.id, check);
    this.started++;
    this.forgetOld();
    this.waiting.push(check);
    this.next();
    return check.view;
  }

  /** Checks queued or running (metrics). */
  get pending(): number {
    return this.waiting.length + (this.running ? 1 : 0);
  }

  get(id: string): IntegrityCheckView {
    const check = this.checks.get(id);
    if (!check) throw new ApiError(404, 'INTEGRITY.CHECK_NOT_FOUND', `no integrity check ${id} (checks are kept in memory: after a restart, ask again)`);
    return check.view;
  }

  /** The report of a check of the scope (joining one under way), once it is done: the answer of GET /audit/integrity. */
  async report(stream: string | undefined, expectHead?: string): Promise<IntegrityReport & { readonly scope: string }> {
    const done = await this.checks.get((await this.start(stream, expectHead)).id)!.finished;
    if (!done.report) throw new ApiError(503, 'INTEGRITY.FAILED', `the integrity check could not run: ${done.error ?? 'unknown'}`);
    return done.report;
  }

  private next(): void {
    if (this.running || this.stop.signal.aborted) return;
    const check = this.waiting.shift();
    if (!check) return;
    const update = (fields: Partial<IntegrityCheckView>): void => { check.view = { ...check.view, ...fields }; };
    update({ status: 'running' });
    const expectHead = check.view.expectHead === null ? undefined : expectedHeadOf(check.view.expectHead);
    const job = { ...(check.view.scope === 'all' ? {} : { streams: [check.view.scope] }), ...(expectHead ? { expectHead } : {}) };
    const run = this.runner.run(job, (eventsChecked, position) => update({ eventsChecked, position }), this.stop.signal).then(
      (report) => update({ status: 'done', eventsChecked: report.eventsChecked, position: report.head?.position ?? null, report: { scope: check.view.scope, ...report } }),
      (error: unknown) => {
        if (!this.stop.signal.aborted) logLine('error', 'integrity check failed', { check: check.view.id, ...errorFields(error) });
        update({ status: 'failed', error: this.stop.signal.aborted ? SHUTTING_DOWN : error instanceof Error ? error.message : String(error) });
      },
    ).finally(() => {
      update({ finishedAt: new Date().toISOString() });
      check.finish(check.view);
      this.running = undefined;
      this.next();
    });
    this.running = { check, run };
  }

  private refuseWhenClosed(): void {
    if (this.stop.signal.aborted) throw new ApiError(503, 'INTEGRITY.FAILED', `no integrity check can start: ${SHUTTING_DOWN}`, [], { retryAfter: 30 });
  }

  private forgetOld(): void {
    for (const [id, check] of this.checks) {
      if (this.checks.size <= KEPT) return;
      if (check.view.finishedAt !== null) this.checks.delete(id);
    }
  }

  /**
   * Shutdown: the running check is aborted and every waiting one fails without starting, so each request
   * waiting for a report is answered (503 INTEGRITY.FAILED) before the HTTP server waits for requests to end.
   */
  async close(): Promise<void> {
    this.stop.abort();
    for (const check of this.waiting.splice(0)) {
      check.view = { ...check.view, status: 'failed', error: SHUTTING_DOWN, finishedAt: new Date().toISOString() };
      check.finish(check.view);
    }
    await this.running?.run;
  }

  /** Nest calls this before the HTTP server closes (which waits for requests in flight, such as GET /audit/integrity). */
  beforeApplicationShutdown(): Promise<void> {
    return this.close();
  }
}

/** The expected head from its text, `POSITION:HASH` or `HASH`; a malformed one is 400. */
const expectedHeadOf = (text: string | undefined): ExpectedHead | undefined => {
  if (text === undefined) return undefined;
  const parsed = parseHead(text);
  if (parsed) return parsed.position === undefined ? { hash: parsed.hash } : parsed;
  const message = 'query parameter expectHead must be POSITION:HASH or HASH (64 hex digits), as a report\'s head gives them';
  throw new ApiError(400, 'REQUEST.INVALID_FIELD', message, [{ code: 'REQUEST.INVALID_FIELD', message, path: 'query.expectHead' }]);
};

/** One turn of the event loop, then on — unless the check was stopped. */
const nextTurn = (signal: AbortSignal): Promise<void> => new Promise((resolve, reject) => setImmediate(() => (signal.aborted ? reject(new Error('the integrity check was stopped')) : resolve())));

/**
 * How checks run: on the embedded log, in a worker thread with its own read-only connection to the file;
 * on any other store (EventStoreDB), here, in pages of 500 with a turn of the event loop between pages.
 */
export const integrityRunnerFor = (store: EventStore, dataDir: string): IntegrityRunner => ({
  run: store.kind === 'sqlite'
    ? (job, onProgress, signal) => verifyInThread(embeddedLogFile(dataDir), { ...job, onProgress, signal })
    : (job, onProgress, signal) => verify(store, { ...job, pageSize: 500, onProgress: (n, p) => onProgress(n, formatPosition(p)), pause: () => nextTurn(signal) }),
  hasStream: (stream) => hasStream(store, stream),
});
