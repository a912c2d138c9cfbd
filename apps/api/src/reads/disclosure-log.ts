import { join } from 'node:path';
import { ApiError } from '../http/problem';
import { errorFields, logLine } from '../ops/log';
import { DisclosureDb, type StoredRecord } from './disclosure-db';
import { type DisclosedKind, type Disclosure, type DisclosureRecord, formatHead, recordOf } from './disclosure-record';
import { personsIn } from './disclosed';
import { type Reading } from './reading';
import { type DisclosureReport, verifyDisclosures } from './verify-disclosures';
import { WriterThread } from './writer-thread';

export { type Disclosure, type DisclosureRecord, type FeedDisclosure } from './disclosure-record';
export { type DisclosureReport } from './verify-disclosures';
export { PURPOSE, PURPOSE_HEADER, purposeOf } from './purpose';

/** The disclosure log's file in the data dir (next to events.sqlite): no configuration, 0600. */
export const disclosureLogFile = (dataDir: string): string => join(dataDir, 'disclosures.db');

/** One read as an auditor lists it: who, when, why, through which route, and what else the answer held. */
export interface ReadEntry extends Omit<DisclosureRecord, 'persons'> {
  readonly sequence: number;
  /** How many persons' data the same answer held (a household's members, a list of candidates). */
  readonly personsDisclosed: number;
}

export interface ReadsPage {
  readonly reads: readonly ReadEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  readonly next: string | null;
}

interface Pending {
  readonly record: DisclosureRecord;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

const unavailable = (why: string): ApiError =>
  new ApiError(503, 'DISCLOSURE.UNAVAILABLE', `the read could not be recorded (${why}), so nothing is disclosed: retry shortly`, [], { retryAfter: 5 });

const entryOf = ([sequence, text]: StoredRecord): ReadEntry => {
  const { persons, ...rest } = JSON.parse(text) as DisclosureRecord;
  return { sequence, ...rest, personsDisclosed: persons.length };
};

/**
 * 查询留痕: every disclosure of personal data, recorded before the answer leaves. `record` resolves once the
 * record is on disk (SQLite WAL, synchronous=FULL). Group commit: one writer thread commits a batch while the
 * event loop goes on serving, and the records that arrive meanwhile form the next batch (one transaction, one
 * fsync), each caller still waiting for its own durable write. A failed write rejects with 503
 * DISCLOSURE.UNAVAILABLE. Listing and verifying read on this thread's own connection (WAL: never blocked).
 */
export class DisclosureLog {
  private queue: Pending[] = [];
  private scheduled = false;
  private writing: Promise<void> | undefined;
  private closed = false;
  private readonly checks = new Map<string, Promise<DisclosureReport>>();
  /** Records written and transactions committed since start (the batching shows as records / commits). */
  written = 0;
  commits = 0;

  private constructor(private readonly db: DisclosureDb, private readonly writer: WriterThread, private readonly now: () => Date) {}

  /** Opens (creating 0600, migrating) the log at `file` and starts its writer; `now` is the server clock. */
  static open(file: string, now: () => Date = () => new Date()): DisclosureLog {
    let db: DisclosureDb;
    try {
      db = new DisclosureDb(file);
    } catch (cause) {
      throw new Error(`cannot open the disclosure log ${file}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    return new DisclosureLog(db, new WriterThread(file), now);
  }

  /** Records a disclosure: resolves once it is durable, rejects with a 503 ApiError when it cannot be written. */
  record(d: Disclosure): Promise<void> {
    if (this.closed) return Promise.reject(unavailable('the registry is shutting down'));
    const record = recordOf(d, this.now());
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      if (this.scheduled || this.writing) return; // the batch under way takes the next one along when it is done
      this.scheduled = true;
      setImmediate(() => this.flush());
    });
  }

  /**
   * Records what `answer` discloses — every person it names in a person field (disclosed.ts), the `also` persons
   * it lists otherwise, the households whose data it shows — then hands it back to be sent.
   */
  async disclose<T>(reading: Reading, answer: T, also: { readonly persons?: readonly string[]; readonly households?: readonly string[] } = {}): Promise<T> {
    await this.record({ ...reading, persons: [...personsIn(answer), ...(also.persons ?? [])], households: also.households ?? [] });
    return answer;
  }

  /** Sends every waiting record to the writer as one batch; when it is on disk, answers their callers and sends the next. */
  private flush(): void {
    this.scheduled = false;
    if (this.writing || this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.writing = this.writer.append(batch.map((p) => p.record)).then(() => {
      this.written += batch.length;
      this.commits++;
      for (const p of batch) p.resolve();
    }, (error: unknown) => {
      logLine('error', 'recording disclosures failed: their answers are withheld (503)', { records: batch.length, ...errorFields(error) });
      for (const p of batch) p.reject(unavailable('the disclosure log cannot be written'));
    }).finally(() => {
      this.writing = undefined;
      this.flush();
    });
  }

  /** Who read a person's (or a household's) data, newest first: `limit` records before the sequence `before`. */
  reads(kind: DisclosedKind, id: string, page: { readonly before?: number; readonly limit: number }): ReadsPage {
    this.assertOpen();
    const rows = this.db.reads(kind, id, page.before ?? Number.MAX_SAFE_INTEGER, page.limit + 1);
    const reads = rows.slice(0, page.limit).map(entryOf);
    return { reads, next: rows.length > page.limit ? String(reads.at(-1)!.sequence) : null };
  }

  /** The last record's `<sequence>:<hash>` (null while empty). */
  head(): string | null {
    this.assertOpen();
    const { sequence, hash } = this.db.head();
    return sequence === 0 ? null : formatHead(sequence, hash);
  }

  /**
   * Re-derives the chain and checks the index, a page at a time between other work (verify-disclosures.ts).
   * Asking while a check with the same expected head runs joins it.
   */
  verify(options: { readonly expectHead?: string } = {}): Promise<DisclosureReport> {
    this.assertOpen();
    const key = options.expectHead ?? '';
    const running = this.checks.get(key);
    if (running) return running;
    const pause = (): Promise<void> => new Promise((resolve, reject) => setImmediate(() => (this.closed ? reject(unavailable('the registry is shutting down')) : resolve())));
    const check = verifyDisclosures(this.db, { ...options, pause }).finally(() => this.checks.delete(key));
    this.checks.set(key, check);
    return check;
  }

  /** Writes what is waiting, then closes the writer and the file; later records are refused (503). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (this.flush(); this.writing; this.flush()) await this.writing;
    await this.writer.close();
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw unavailable('the registry is shutting down');
  }
}
