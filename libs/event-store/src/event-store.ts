import { type Observable } from 'rxjs';
import { type Position } from './position';

/** A JSON value as stored: events are data, never class instances (STYLE.md §1). */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

/**
 * What the writer expects of the stream before the append:
 * - `no_stream`: the stream must not exist yet;
 * - `stream_exists`: it must have at least one event;
 * - `any`: no check;
 * - a number: the revision of the stream's last event (0-based).
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

/** An event to append. `id` (a UUID) is generated when absent. */
export interface NewEvent<T extends string = string, D extends JsonObject = JsonObject> {
  readonly id?: string;
  readonly type: T;
  readonly data: D;
  readonly metadata?: JsonObject;
}

/** An event as the log holds it. `hash` chains it to the previous event of its stream (tamper evidence). */
export interface StoredEvent<T extends string = string, D extends JsonObject = JsonObject> {
  readonly id: string;
  readonly type: T;
  readonly stream: string;
  /** 0-based position of the event inside its stream. */
  readonly revision: number;
  /** Position in the global log (`$all`). */
  readonly position: Position;
  readonly data: D;
  readonly metadata: JsonObject;
  /** When the store accepted the event (system time; the legal "effective date" lives in the metadata). */
  readonly recordedAt: Date;
  readonly hash: string;
}

export interface AppendResult {
  /** Revision of the last appended event: pass it back as the expected revision of the next append. */
  readonly nextExpectedRevision: number;
  /** Global position of the last appended event. */
  readonly position: Position;
}

export interface AppendOptions {
  readonly expectedRevision?: ExpectedRevision;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive. Default: the first event (forwards) or the last (backwards). */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

/** Server-side filter for `$all`. Both lists, when given, must match (AND); inside a list any entry matches (OR). */
export interface EventFilter {
  readonly eventTypes?: readonly string[];
  /** Stream categories: the part of the stream name before the first `-` (`person`, `household`, ...). */
  readonly streamCategories?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: read the events after this position. Default: from the beginning of the log. */
  readonly after?: Position;
  /** At most this many events in the page (default 1,000). */
  readonly maxCount?: number;
  readonly filter?: EventFilter;
}

export interface ReadAllPage {
  readonly events: readonly StoredEvent[];
  /** Where the next page starts (pass as `after`); with a filter it may be past the last returned event. */
  readonly next: Position | undefined;
  /** True when the page reached the current end of the log. */
  readonly isEnd: boolean;
}

export interface SubscribeOptions {
  /** Exclusive: the subscription delivers the events after this position. Default: everything. */
  readonly after?: Position;
  readonly filter?: EventFilter;
}

/**
 * One record of the log as the integrity check sees it: the exact JSON texts that were hashed.
 * `logHash` is present on stores with a single writer, which also chain the global order.
 */
export interface LogRecord {
  readonly id: string;
  readonly type: string;
  readonly stream: string;
  readonly revision: number;
  readonly position: Position;
  readonly recordedAt: string;
  readonly dataJson: string;
  readonly metadataJson: string;
  readonly hash: string;
  readonly logHash?: string;
}

/**
 * A stream's head as the store recorded it when it appended: the stream and revision of the append's last
 * event, at that event's position. `verify` checks each stream's last event against the last head recorded
 * for it, so events cut off the end of a stream are reported under that stream.
 */
export interface RecordedStreamHead {
  readonly stream: string;
  readonly revision: number;
  readonly position: Position;
}

export interface LogRecordPage {
  readonly records: readonly LogRecord[];
  /**
   * The heads recorded at the page's positions, in position order, read with the records (on the page that
   * reaches the end, every head after `after`: one past the last record points at removed events). Absent on
   * stores that record none (EventStoreDB, where a stream's tail cannot be removed without deleting it).
   */
  readonly heads?: readonly RecordedStreamHead[];
  readonly next: Position | undefined;
  readonly isEnd: boolean;
}

/**
 * The event store port (DESIGN.md "Event store port"). Every command appends to exactly one stream;
 * the global log (`$all`) orders all streams; subscriptions catch up and then go live.
 */
export interface EventStore {
  /** Which adapter this is, for logs and health: `sqlite`, `memory`, `esdb`. */
  readonly kind: string;
  /**
   * True when appends are committed in the order they were called (a single writer with one queue): an
   * append to a stream may then be issued before the previous one to that stream has settled.
   */
  readonly preservesAppendOrder: boolean;
  appendToStream(stream: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** The events of one stream; an unknown stream reads as empty. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<readonly StoredEvent[]>;
  readAll(options?: ReadAllOptions): Promise<ReadAllPage>;
  /** The position of the last event in the log (undefined when empty): how far a reader has to go (progress, ETA). */
  headPosition(): Promise<Position | undefined>;
  /** Catch up from `after`, then go live, with no gap and no duplicate. Unsubscribe to stop. */
  subscribeToAll(options?: SubscribeOptions): Observable<StoredEvent>;
  /** The raw records, in global order, for the integrity check (`verify`). */
  readRecords(options?: { readonly after?: Position; readonly maxCount?: number }): Promise<LogRecordPage>;
  close(): Promise<void>;
}
