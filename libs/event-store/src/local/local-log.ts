import { type ChainedFields } from '../chain';
import { type EventFilter } from '../event-store';

/** One row of a single-writer log: what is stored, byte for byte, and what is hashed. */
export interface StoredRow extends ChainedFields {
  readonly sequence: number;
  readonly hash: string;
  readonly logHash: string;
}

export interface StreamHead {
  readonly revision: number;
  readonly hash: string;
}

/** A stream's head as the log records it with every append, in the same transaction (one row per stream and commit). */
export interface StreamHeadRow {
  readonly stream: string;
  readonly revision: number;
  readonly sequence: number;
}

export interface LogHead {
  readonly sequence: number;
  readonly logHash: string;
  readonly recordedAt: string;
}

export interface RowPage {
  readonly rows: readonly StoredRow[];
  /** The last sequence the read looked at (past the last row when a filter skipped the tail). */
  readonly scannedTo: number;
  readonly isEnd: boolean;
}

/** A page of `readAll` without a filter, and the heads recorded in its range (to the end of the log on the last page), in one snapshot. */
export interface RecordRowPage extends RowPage {
  readonly heads: readonly StreamHeadRow[];
}

/**
 * Synchronous storage under the embedded and in-memory stores. One writer; positions are a dense
 * sequence from 1. `transaction` is all-or-nothing and, for a durable log, on disk when it returns.
 */
export interface LocalLog {
  readonly kind: string;
  transaction<T>(fn: () => T): T;
  logHead(): LogHead;
  streamHead(stream: string): StreamHead | undefined;
  insert(row: StoredRow): void;
  /** Records a stream's new head; called inside the append's transaction, once per stream and commit. */
  putStreamHead(head: StreamHeadRow): void;
  readStream(stream: string, direction: 'forwards' | 'backwards', fromRevision: number | undefined, maxCount: number): StoredRow[];
  readAll(afterSequence: number, maxCount: number, filter: EventFilter | undefined): RowPage;
  /** The raw records for `verify`, with the heads recorded among them. */
  readRecords(afterSequence: number, maxCount: number): RecordRowPage;
  close(): void;
}
