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
  readStream(stream: string, direction: 'forwards' | 'backwards', fromRevision: number | undefined, maxCount: number): StoredRow[];
  readAll(afterSequence: number, maxCount: number, filter: EventFilter | undefined): RowPage;
  close(): void;
}
