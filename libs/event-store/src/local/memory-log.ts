import { type EventFilter } from '../event-store';
import { GENESIS_HASH } from '../chain';
import { categoryOf } from '../validation';
import { type LocalLog, type LogHead, type RecordRowPage, type RowPage, type StoredRow, type StreamHead } from './local-log';

/** Matches a row against a filter: any listed type AND any listed category. */
export const rowMatches = (row: Pick<StoredRow, 'type' | 'stream'>, filter: EventFilter | undefined): boolean =>
  (!filter?.eventTypes || filter.eventTypes.includes(row.type)) &&
  (!filter?.streamCategories || filter.streamCategories.includes(categoryOf(row.stream)));

/** The log in memory, for pure tests: same semantics as the SQLite log, nothing on disk. */
export class MemoryLog implements LocalLog {
  readonly kind = 'memory';
  private rows: StoredRow[] = [];
  private streams = new Map<string, StoredRow[]>();

  transaction<T>(fn: () => T): T {
    const mark = this.rows.length;
    try {
      return fn();
    } catch (error) {
      for (const row of this.rows.splice(mark)) this.streams.get(row.stream)?.pop();
      throw error;
    }
  }

  logHead(): LogHead {
    const last = this.rows.at(-1);
    return last ? { sequence: last.sequence, logHash: last.logHash, recordedAt: last.recordedAt } : { sequence: 0, logHash: GENESIS_HASH, recordedAt: '' };
  }

  streamHead(stream: string): StreamHead | undefined {
    const last = this.streams.get(stream)?.at(-1);
    return last && { revision: last.revision, hash: last.hash };
  }

  insert(row: StoredRow): void {
    this.rows.push(row);
    const stream = this.streams.get(row.stream);
    if (stream) stream.push(row);
    else this.streams.set(row.stream, [row]);
  }

  /** The heads are the streams' last rows: nothing in memory can cut a tail off behind the store's back. */
  putStreamHead(): void {
    // nothing to record
  }

  readRecords(afterSequence: number, maxCount: number): RecordRowPage {
    const page = this.readAll(afterSequence, maxCount, undefined);
    const heads = page.rows.filter((r) => this.streams.get(r.stream)?.at(-1) === r).map((r) => ({ stream: r.stream, revision: r.revision, sequence: r.sequence }));
    return { ...page, heads };
  }

  readStream(stream: string, direction: 'forwards' | 'backwards', fromRevision: number | undefined, maxCount: number): StoredRow[] {
    const rows = this.streams.get(stream) ?? [];
    if (direction === 'forwards') return rows.slice(fromRevision ?? 0, (fromRevision ?? 0) + maxCount);
    const from = Math.min(fromRevision ?? rows.length - 1, rows.length - 1);
    return rows.slice(Math.max(0, from - maxCount + 1), from + 1).reverse();
  }

  readAll(afterSequence: number, maxCount: number, filter: EventFilter | undefined): RowPage {
    const out: StoredRow[] = [];
    let index = afterSequence; // sequence n sits at index n - 1
    while (index < this.rows.length && out.length < maxCount) {
      const row = this.rows[index++]!;
      if (rowMatches(row, filter)) out.push(row);
    }
    return { rows: out, scannedTo: index, isEnd: index >= this.rows.length };
  }

  close(): void {
    this.rows = [];
    this.streams = new Map();
  }
}
