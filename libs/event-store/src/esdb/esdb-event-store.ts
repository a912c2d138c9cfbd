import {
  BACKWARDS, END, EventStoreDBClient, FORWARDS, MaxAppendSizeExceededError, NO_STREAM, START, StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamRecordedEvent, type AllStreamResolvedEvent, type AppendResult as EsdbAppendResult, type EventData,
  type ReadStreamOptions as EsdbReadStreamOptions, type ResolvedEvent,
} from '@eventstore/db-client';
import { type Observable } from 'rxjs';
import {
  type AppendOptions, type AppendResult, type EventStore, type LogRecordPage, type NewEvent, type ReadAllOptions,
  type ReadAllPage, type ReadStreamOptions, type StoredEvent, type SubscribeOptions,
} from '../event-store';
import { EventStoreError, WrongExpectedRevisionError } from '../errors';
import { observe } from '../follow';
import { checkExpectedRevision } from '../local/local-event-store';
import { type StreamHead } from '../local/local-log';
import { isAfter, type Position } from '../position';
import { assertAppend, streamNameProblems } from '../validation';
import {
  chainEvents, drain, headOf, matches, messageOf, positionOfRecord, prepareEvent, serverFilter, toLogRecord, toStoredEvent,
  type PreparedEvent,
} from './esdb-mapping';

export interface EsdbEventStoreOptions {
  /** System clock for recorded-at; injectable for tests. */
  readonly clock?: () => Date;
}

/** Someone else appended between our read of the head and our append. */
interface Conflict {
  readonly actual: number | 'no_stream';
}

interface ScanPage<T> {
  readonly items: T[];
  readonly next: Position | undefined;
  readonly isEnd: boolean;
}

const DEFAULT_PAGE = 1_000;
/** Retries of an `any` / `stream_exists` append that lost a race: each retry re-reads the head and re-chains. */
const MAX_APPEND_ATTEMPTS = 20;
/** Bounds of one `$all` read: enough to skip system events quickly, few enough to bound memory with big events. */
const MIN_BATCH = 32;
const MAX_BATCH = 1_024;

const ignore = (): void => undefined;

/**
 * The event store over EventStoreDB. Each event carries its per-stream hash in its metadata (`$huji`);
 * there is no global chain, since EventStoreDB has many writers. Appends read the stream's head to chain
 * onto it and then append at exactly that revision, so a concurrent writer surfaces as a conflict.
 */
export class EsdbEventStore implements EventStore {
  readonly kind = 'esdb';
  /** Concurrent appends travel as separate calls to a cluster: no order between them is promised. */
  readonly preservesAppendOrder = false;
  private closed = false;
  private readonly clock: () => Date;

  constructor(private readonly client: EventStoreDBClient, options: EsdbEventStoreOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** Connects and reads the end of `$all` once, so a wrong URL, certificate or credential fails at start-up. */
  static async connect(connectionString: string, options?: EsdbEventStoreOptions): Promise<EsdbEventStore> {
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(connectionString);
    } catch (cause) {
      throw new EventStoreError('STORE.UNAVAILABLE', 'invalid EventStoreDB connection string', [], { cause });
    }
    try {
      await drain(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    } catch (cause) {
      await client.dispose();
      throw new EventStoreError('STORE.UNAVAILABLE', `cannot read from EventStoreDB: ${messageOf(cause)}`, [], { cause });
    }
    return new EsdbEventStore(client, options);
  }

  async appendToStream(stream: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    assertAppend(stream, events, options);
    const prepared = events.map(prepareEvent);
    const expected = options?.expectedRevision ?? 'any';
    for (let attempt = 1; ; attempt++) {
      const head = await this.head(stream);
      const refusal = checkExpectedRevision(stream, expected, head);
      if (refusal) throw refusal;
      const outcome = await this.write(stream, prepared, head);
      if (!('actual' in outcome)) return outcome;
      // An exact expectation was true when read, then overtaken: that is the caller's conflict to handle.
      if (typeof expected === 'number' || expected === 'no_stream' || attempt >= MAX_APPEND_ATTEMPTS)
        throw new WrongExpectedRevisionError(stream, String(expected), outcome.actual);
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<readonly StoredEvent[]> {
    this.assertOpen();
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    // No append can create a stream with an invalid name, so it reads as empty (as in the local store).
    if (maxCount <= 0 || streamNameProblems(stream).length > 0) return [];
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision);
    const read = await this.readStreamEvents(stream, { direction: backwards ? BACKWARDS : FORWARDS, fromRevision: from, maxCount });
    return read.flatMap((r) => {
      const event = r.event && toStoredEvent(r.event);
      return event ? [event] : [];
    });
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    const filter = options.filter;
    const page = await this.scanAll(options.after, options.maxCount ?? DEFAULT_PAGE, (e) => {
      const event = toStoredEvent(e);
      return event && matches(event, filter) ? event : undefined;
    });
    return { events: page.items, next: page.next, isEnd: page.isEnd };
  }

  async headPosition(): Promise<Position | undefined> {
    this.assertOpen();
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) {
      const position = resolved.event?.position ?? resolved.commitPosition;
      if (position !== undefined) return typeof position === 'bigint' ? { commit: position, prepare: position } : { commit: position.commit, prepare: position.prepare };
    }
    return undefined;
  }

  async readRecords(options: { readonly after?: Position; readonly maxCount?: number } = {}): Promise<LogRecordPage> {
    const page = await this.scanAll(options.after, options.maxCount ?? DEFAULT_PAGE, toLogRecord);
    return { records: page.items, next: page.next, isEnd: page.isEnd };
  }

  subscribeToAll(options: SubscribeOptions = {}): Observable<StoredEvent> {
    return observe((signal) => this.follow(options, signal));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.dispose();
  }

  /** The stream's last event (read on the leader, so it is never stale), or undefined for no stream. */
  private async head(stream: string): Promise<StreamHead | undefined> {
    const [last] = await this.readStreamEvents(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1, requiresLeader: true });
    return last?.event && headOf(last.event);
  }

  /** Appends at exactly the head that was read; a lost race comes back as a `Conflict`, not an error. */
  private async write(stream: string, prepared: readonly PreparedEvent[], head: StreamHead | undefined): Promise<AppendResult | Conflict> {
    const events: EventData[] = chainEvents(stream, head, prepared, this.clock().toISOString());
    let result: EsdbAppendResult;
    try {
      result = await this.client.appendToStream(stream, events, { expectedRevision: head ? BigInt(head.revision) : NO_STREAM });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError)
        return { actual: error.actualVersion === NO_STREAM ? NO_STREAM : Number(error.actualVersion) };
      if (error instanceof MaxAppendSizeExceededError)
        throw new EventStoreError('APPEND.TOO_LARGE', `append to ${stream} exceeds the server's maximum append size`, [{ path: 'events', message: 'too large' }], { cause: error });
      throw this.failure(`append to ${stream} failed`, error);
    }
    // `throwOnAppendFailure=false` in the connection string turns the conflict into a result without the actual revision.
    if (!result.success) return { actual: (await this.head(stream))?.revision ?? NO_STREAM };
    const nextExpectedRevision = Number(result.nextExpectedRevision);
    const position = result.position ?? (await this.positionAt(stream, nextExpectedRevision));
    return { nextExpectedRevision, position: { commit: position.commit, prepare: position.prepare } };
  }

  /** The `$all` position of one event, for servers that do not return it with the append. */
  private async positionAt(stream: string, revision: number): Promise<Position> {
    const [read] = await this.readStreamEvents(stream, { fromRevision: BigInt(revision), maxCount: 1, requiresLeader: true });
    if (!read?.event) throw new EventStoreError('STORE.UNAVAILABLE', `${stream}@${revision} was appended but cannot be read back`);
    return positionOfRecord(read.event);
  }

  /** A stream read; an unknown stream reads as empty. */
  private async readStreamEvents(stream: string, options: EsdbReadStreamOptions): Promise<ResolvedEvent[]> {
    try {
      return await this.drainOpen(this.client.readStream(stream, options));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw this.failure(`reading ${stream} failed`, error);
    }
  }

  /**
   * Reads `$all` forwards after `after` until `maxCount` events are picked or the end is reached. The client's
   * `fromPosition` is inclusive, so the event at `after` comes back first and is skipped. `next` is the last
   * event looked at (picked or not): the next page starts right after it.
   */
  private async scanAll<T>(after: Position | undefined, maxCount: number, pick: (e: AllStreamRecordedEvent) => T | undefined): Promise<ScanPage<T>> {
    this.assertOpen();
    const items: T[] = [];
    let cursor = after;
    for (;;) {
      const requested = Math.min(Math.max(maxCount - items.length + 1, MIN_BATCH), MAX_BATCH);
      const batch = await this.readAllBatch(cursor, requested);
      const from = cursor;
      const fresh = batch.flatMap((r) => (r.event && isAfter(r.event.position, from) ? [r.event] : []));
      let taken = 0;
      for (const event of fresh) {
        if (items.length >= maxCount) break;
        taken++;
        cursor = { commit: event.position.commit, prepare: event.position.prepare };
        const item = pick(event);
        if (item !== undefined) items.push(item);
      }
      const isEnd = batch.length < requested && taken === fresh.length;
      if (isEnd || items.length >= maxCount) return { items, next: cursor, isEnd };
    }
  }

  private async readAllBatch(from: Position | undefined, maxCount: number): Promise<AllStreamResolvedEvent[]> {
    try {
      return await this.drainOpen(this.client.readAll({ direction: FORWARDS, fromPosition: from ?? START, maxCount }));
    } catch (error) {
      throw this.failure('reading $all failed', error);
    }
  }

  /**
   * Catch-up then live, from the client's subscription (exclusive of `after`). Anything not after the last
   * event seen is dropped, so a redelivery can never repeat an event. Ends on abort; fails on close or error.
   */
  private async *follow(options: SubscribeOptions, signal: AbortSignal): AsyncGenerator<StoredEvent> {
    this.assertOpen();
    const subscription = this.client.subscribeToAll({ fromPosition: options.after ?? START, filter: serverFilter(options.filter) });
    subscription.on('error', ignore); // an error after we stopped reading must not go unhandled
    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> =>
      (stopping ??= subscription.unsubscribe().then(ignore, ignore).then(() => { subscription.destroy(); }));
    const onAbort = (): void => { void stop(); };
    signal.addEventListener('abort', onAbort, { once: true });
    let last = options.after;
    try {
      for await (const resolved of subscription) {
        const event = resolved.event;
        if (!event || !isAfter(event.position, last)) continue;
        last = { commit: event.position.commit, prepare: event.position.prepare };
        const stored = toStoredEvent(event);
        if (stored && matches(stored, options.filter)) yield stored;
      }
    } catch (error) {
      if (signal.aborted) return;
      throw this.failure('the $all subscription failed', error);
    } finally {
      signal.removeEventListener('abort', onAbort);
      await stop();
    }
    // A subscription to $all never ends by itself: it was cancelled (by close) or dropped by the server.
    if (!signal.aborted) throw this.failure('the $all subscription ended', new Error('the server closed it'));
  }

  /** Drains a client read, then checks the store is still open: closing cancels reads, which then just end early. */
  private async drainOpen<T>(read: AsyncIterable<T>): Promise<T[]> {
    const out = await drain(read);
    this.assertOpen();
    return out;
  }

  private failure(what: string, cause: unknown): EventStoreError {
    if (cause instanceof EventStoreError) return cause;
    if (this.closed) return new EventStoreError('STORE.CLOSED', 'the event store is closed', [], { cause });
    return new EventStoreError('STORE.UNAVAILABLE', `${what}: ${messageOf(cause)}`, [], { cause });
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreError('STORE.CLOSED', 'the event store is closed');
  }
}
