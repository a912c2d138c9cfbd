import { randomUUID } from 'node:crypto';
import { type Observable } from 'rxjs';
import { eventHash, GENESIS_HASH, logHash } from '../chain';
import {
  type AppendOptions, type AppendResult, type EventStore, type ExpectedRevision, type LogRecordPage, type NewEvent,
  type ReadAllOptions, type ReadAllPage, type ReadStreamOptions, type StoredEvent, type SubscribeOptions,
} from '../event-store';
import { EventStoreError, WrongExpectedRevisionError } from '../errors';
import { follow, observe } from '../follow';
import { type Position, positionOf } from '../position';
import { assertAppend, MAX_EVENT_BYTES, toJsonText } from '../validation';
import { type LocalLog, type StoredRow, type StreamHead } from './local-log';
import { AppendNotifier } from './notifier';

interface PreparedEvent {
  readonly id: string;
  readonly type: string;
  readonly dataJson: string;
  readonly metadataJson: string;
}

interface PendingAppend {
  readonly stream: string;
  readonly events: readonly PreparedEvent[];
  readonly expected: ExpectedRevision;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

export interface LocalEventStoreOptions {
  /** System clock for recorded-at; injectable for tests. */
  readonly clock?: () => Date;
  /** How often an idle subscription looks for appends made by another process (ms). */
  readonly pollMs?: number;
  /** Most events committed in one group transaction. */
  readonly maxEventsPerCommit?: number;
}

const DEFAULT_PAGE = 1_000;

/** The expected-revision rule, shared by every local adapter. Returns the error, or undefined when the append may go on. */
export const checkExpectedRevision = (stream: string, expected: ExpectedRevision, head: StreamHead | undefined): WrongExpectedRevisionError | undefined => {
  const actual = head?.revision ?? 'no_stream';
  if (expected === 'any') return undefined;
  if (expected === 'no_stream') return head === undefined ? undefined : new WrongExpectedRevisionError(stream, expected, actual);
  if (expected === 'stream_exists') return head !== undefined ? undefined : new WrongExpectedRevisionError(stream, expected, actual);
  return head?.revision === expected ? undefined : new WrongExpectedRevisionError(stream, String(expected), actual);
};

export const toStoredEvent = (row: StoredRow): StoredEvent => ({
  id: row.id,
  type: row.type,
  stream: row.stream,
  revision: row.revision,
  position: positionOf(row.sequence),
  data: JSON.parse(row.dataJson) as StoredEvent['data'],
  metadata: JSON.parse(row.metadataJson) as StoredEvent['metadata'],
  recordedAt: new Date(row.recordedAt),
  hash: row.hash,
});

const rejected = <T>(error: unknown): Promise<T> => Promise.reject(error instanceof Error ? error : new Error(String(error)));

const sequenceOf = (p: Position | undefined): number => (p === undefined ? 0 : Number(p.commit));

/**
 * The event store over a single-writer local log (SQLite file or memory). Appends queue up and are
 * group-committed: every append that arrives while the previous commit is on its way to disk goes into
 * the next transaction, so many concurrent writers share one fsync without giving up durability.
 */
export class LocalEventStore implements EventStore {
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly notifier = new AppendNotifier();
  private readonly clock: () => Date;
  private readonly pollMs: number;
  private readonly maxEventsPerCommit: number;

  constructor(private readonly log: LocalLog, options: LocalEventStoreOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
    this.pollMs = options.pollMs ?? 250;
    this.maxEventsPerCommit = options.maxEventsPerCommit ?? 10_000;
  }

  get kind(): string {
    return this.log.kind;
  }

  /** One queue, committed in call order (see `flush`). */
  readonly preservesAppendOrder = true;

  appendToStream(stream: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    try {
      this.assertOpen();
      assertAppend(stream, events, options);
      const prepared = events.map(prepare);
      return new Promise((resolve, reject) => {
        this.queue.push({ stream, events: prepared, expected: options?.expectedRevision ?? 'any', resolve, reject });
        this.scheduleFlush();
      });
    } catch (error) {
      return rejected(error);
    }
  }

  readStream(stream: string, options: ReadStreamOptions = {}): Promise<readonly StoredEvent[]> {
    return this.run(() => {
      const rows = this.log.readStream(stream, options.direction ?? 'forwards', options.fromRevision, options.maxCount ?? Number.MAX_SAFE_INTEGER);
      return rows.map(toStoredEvent);
    });
  }

  readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    return this.run(() => {
      const page = this.log.readAll(sequenceOf(options.after), options.maxCount ?? DEFAULT_PAGE, options.filter);
      return { events: page.rows.map(toStoredEvent), next: page.scannedTo > 0 ? positionOf(page.scannedTo) : options.after, isEnd: page.isEnd };
    });
  }

  headPosition(): Promise<Position | undefined> {
    const { sequence } = this.log.logHead();
    return Promise.resolve(sequence > 0 ? positionOf(sequence) : undefined);
  }

  readRecords(options: { readonly after?: Position; readonly maxCount?: number } = {}): Promise<LogRecordPage> {
    return this.run(() => {
      const page = this.log.readRecords(sequenceOf(options.after), options.maxCount ?? DEFAULT_PAGE);
      const records = page.rows.map((r) => ({ ...r, position: positionOf(r.sequence) }));
      const heads = page.heads.map((h) => ({ stream: h.stream, revision: h.revision, position: positionOf(h.sequence) }));
      return { records, heads, next: page.scannedTo > 0 ? positionOf(page.scannedTo) : options.after, isEnd: page.isEnd };
    });
  }

  subscribeToAll(options: SubscribeOptions = {}): Observable<StoredEvent> {
    const source = {
      read: (after: Position | undefined) => this.readAll({ after, filter: options.filter }),
      mark: () => this.notifier.version,
      waitSince: (mark: number, signal: AbortSignal) => this.notifier.waitSince(mark, this.pollMs, signal),
    };
    return observe((signal) => follow(source, options.after, signal));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    while (this.queue.length > 0) this.flush();
    this.closed = true;
    this.notifier.notify();
    this.log.close();
    return Promise.resolve();
  }

  private run<T>(read: () => T): Promise<T> {
    try {
      this.assertOpen();
      return Promise.resolve(read());
    } catch (error) {
      return rejected(error);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreError('STORE.CLOSED', 'the event store is closed');
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
      if (this.queue.length > 0) this.scheduleFlush();
    });
  }

  /** Commits the queued appends (up to the per-commit cap) in one transaction, then settles their promises. */
  private flush(): void {
    const batch = this.takeBatch();
    if (batch.length === 0) return;
    let outcomes: (AppendResult | WrongExpectedRevisionError)[] = [];
    try {
      outcomes = this.log.transaction(() => this.writeBatch(batch));
    } catch (cause) {
      const error = new EventStoreError('STORE.UNAVAILABLE', `append failed: ${String(cause)}`, [], { cause });
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i]!;
      if (outcome instanceof WrongExpectedRevisionError) pending.reject(outcome);
      else pending.resolve(outcome);
    });
    this.notifier.notify();
  }

  private takeBatch(): PendingAppend[] {
    let events = 0;
    let taken = 0;
    while (taken < this.queue.length && (taken === 0 || events + this.queue[taken]!.events.length <= this.maxEventsPerCommit)) {
      events += this.queue[taken]!.events.length;
      taken++;
    }
    return this.queue.splice(0, taken);
  }

  private writeBatch(batch: readonly PendingAppend[]): (AppendResult | WrongExpectedRevisionError)[] {
    const head = this.log.logHead();
    const now = this.clock().toISOString();
    const recordedAt = now > head.recordedAt ? now : head.recordedAt; // never backwards along the log
    let sequence = head.sequence;
    let previousLogHash = head.logHash;
    const heads = new Map<string, StreamHead & { readonly sequence: number }>();
    const outcomes = batch.map((pending) => {
      const current: StreamHead | undefined = heads.get(pending.stream) ?? this.log.streamHead(pending.stream);
      const refusal = checkExpectedRevision(pending.stream, pending.expected, current);
      if (refusal) return refusal;
      let revision = current?.revision ?? -1;
      let previous = current?.hash ?? GENESIS_HASH;
      for (const e of pending.events) {
        revision++;
        sequence++;
        const row = { sequence, stream: pending.stream, revision, id: e.id, type: e.type, recordedAt, dataJson: e.dataJson, metadataJson: e.metadataJson, hash: '', logHash: '' };
        row.hash = previous = eventHash(previous, row);
        row.logHash = previousLogHash = logHash(previousLogHash, sequence, previous);
        this.log.insert(row);
      }
      heads.set(pending.stream, { revision, hash: previous, sequence });
      return { nextExpectedRevision: revision, position: positionOf(sequence) };
    });
    for (const [stream, { revision, sequence }] of heads) this.log.putStreamHead({ stream, revision, sequence }); // once per stream and commit, in the events' transaction
    return outcomes;
  }
}

const prepare = (e: NewEvent, i: number): PreparedEvent => {
  const dataJson = toJsonText(e.data, `events[${i}].data`);
  const metadataJson = toJsonText(e.metadata ?? {}, `events[${i}].metadata`);
  if (dataJson.length + metadataJson.length > MAX_EVENT_BYTES)
    throw new EventStoreError('APPEND.TOO_LARGE', `events[${i}] is larger than ${MAX_EVENT_BYTES} bytes of JSON`, [{ path: `events[${i}]`, message: 'too large' }]);
  return { id: e.id ?? randomUUID(), type: e.type, dataJson, metadataJson };
};
