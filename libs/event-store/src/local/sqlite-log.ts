import Database from 'better-sqlite3';
import { GENESIS_HASH } from '../chain';
import { type EventFilter } from '../event-store';
import { EventStoreError } from '../errors';
import { type LocalLog, type LogHead, type RecordRowPage, type RowPage, type StoredRow, type StreamHead, type StreamHeadRow } from './local-log';
import { privateDatabaseFile } from './private-files';

const SCHEMA_VERSION = 2;

/** Migrations by version; each runs once, in order, inside a transaction. */
const MIGRATIONS: Record<number, string> = {
  1: `
    CREATE TABLE events (
      position    INTEGER PRIMARY KEY,  -- dense global sequence from 1: the order of $all
      stream      TEXT    NOT NULL,
      revision    INTEGER NOT NULL,
      id          TEXT    NOT NULL,
      type        TEXT    NOT NULL,
      recorded_at TEXT    NOT NULL,
      data        TEXT    NOT NULL,     -- the JSON text that was hashed
      metadata    TEXT    NOT NULL,
      hash        TEXT    NOT NULL,     -- chains the event to the previous one of its stream
      log_hash    TEXT    NOT NULL      -- chains the global order
    );
    CREATE UNIQUE INDEX events_stream_revision ON events (stream, revision);`,
  // Each append records its stream's head: a row at the position of its last event, written in the same
  // transaction (in position order, so as cheap as the append itself). A stream whose last events are removed
  // from the events table no longer reaches the last head recorded for it, and verify says so under that stream.
  // Filled from the log as it is: one row per stream, at its last event.
  2: `
    CREATE TABLE stream_heads (
      position INTEGER PRIMARY KEY,   -- the position of the append's last event
      stream   TEXT    NOT NULL,
      revision INTEGER NOT NULL       -- the revision of that event: the stream's head when it was appended
    );
    INSERT INTO stream_heads (position, stream, revision)
      SELECT position, stream, max(revision) FROM events GROUP BY stream ORDER BY position;`,
};

/**
 * The connection settings, in order (the bench's raw ceiling uses the same). `page_size` takes effect only
 * on a new file: 16 KiB pages hold ~24 events of ~650 bytes, so appends and scans touch fewer pages.
 * `synchronous = FULL` in WAL mode fsyncs the WAL at every commit: an acknowledged append is on disk.
 */
export const SQLITE_PRAGMAS = [
  'page_size = 16384',
  'journal_mode = WAL',
  'synchronous = FULL',
  'cache_size = -65536', // 64 MiB: a batch of large events does not spill pages mid-transaction
  'busy_timeout = 10000',
] as const;

type Row = [number, string, number, string, string, string, string, string, string, string];
const COLUMNS = 'position, stream, revision, id, type, recorded_at, data, metadata, hash, log_hash';

const toRow = (r: Row): StoredRow => ({
  sequence: r[0], stream: r[1], revision: r[2], id: r[3], type: r[4], recordedAt: r[5], dataJson: r[6], metadataJson: r[7], hash: r[8], logHash: r[9],
});

type HeadRow = [number, string, number];

/** `stream` is in category `c` when it starts with `c-`: a range scan, since `.` follows `-`. */
const categoryClause = (count: number): string =>
  count === 0 ? '' : ` AND (${Array.from({ length: count }, () => '(stream >= ? AND stream < ?)').join(' OR ')})`;
const typeClause = (count: number): string => (count === 0 ? '' : ` AND type IN (${Array.from({ length: count }, () => '?').join(',')})`);

/**
 * The embedded log: one SQLite file in WAL mode with `synchronous=FULL`, so a committed transaction is
 * on disk (the WAL is fsynced) before the append is acknowledged. One writer at a time (`BEGIN IMMEDIATE`);
 * other processes may read, and wait up to `busy_timeout` to write.
 */
export class SqliteLog implements LocalLog {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly statements;
  private readonly filtered = new Map<string, Database.Statement>();

  constructor(readonly file: string) {
    try {
      privateDatabaseFile(file); // 0600 in a 0700 directory before SQLite opens it: the log is personal data
      this.db = new Database(file);
      for (const pragma of SQLITE_PRAGMAS) this.db.pragma(pragma);
      this.migrate();
    } catch (cause) {
      throw new EventStoreError('STORE.UNAVAILABLE', `cannot open the event log ${file}: ${String(cause)}`, [], { cause });
    }
    const raw = (sql: string) => this.db.prepare(sql).raw(true);
    this.statements = {
      head: this.db.prepare('SELECT position, log_hash, recorded_at FROM events ORDER BY position DESC LIMIT 1').raw(true),
      lastHead: this.db.prepare('SELECT max(position) FROM stream_heads').pluck(),
      streamHead: this.db.prepare('SELECT revision, hash FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1').raw(true),
      insert: this.db.prepare(`INSERT INTO events (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      putHead: this.db.prepare('INSERT INTO stream_heads (position, stream, revision) VALUES (?, ?, ?)'),
      heads: raw('SELECT position, stream, revision FROM stream_heads WHERE position > ? AND position <= ? ORDER BY position'),
      forwards: raw(`SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`),
      backwards: raw(`SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`),
      all: raw(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
      last: this.db.prepare('SELECT max(position) FROM events').pluck(),
    };
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /**
   * The last record; its sequence is never below a recorded head's position, so a position whose events were
   * removed is not given out again (the next append leaves the gap, and verify reports it).
   */
  logHead(): LogHead {
    const r = this.statements.head.get() as [number, string, string] | undefined;
    const lastHead = (this.statements.lastHead.get() as number | null) ?? 0;
    return r ? { sequence: Math.max(r[0], lastHead), logHash: r[1], recordedAt: r[2] } : { sequence: lastHead, logHash: GENESIS_HASH, recordedAt: '' };
  }

  streamHead(stream: string): StreamHead | undefined {
    const r = this.statements.streamHead.get(stream) as [number, string] | undefined;
    return r && { revision: r[0], hash: r[1] };
  }

  insert(r: StoredRow): void {
    this.statements.insert.run(r.sequence, r.stream, r.revision, r.id, r.type, r.recordedAt, r.dataJson, r.metadataJson, r.hash, r.logHash);
  }

  putStreamHead(h: StreamHeadRow): void {
    this.statements.putHead.run(h.sequence, h.stream, h.revision);
  }

  readStream(stream: string, direction: 'forwards' | 'backwards', fromRevision: number | undefined, maxCount: number): StoredRow[] {
    const rows = direction === 'forwards'
      ? this.statements.forwards.all(stream, fromRevision ?? 0, maxCount)
      : this.statements.backwards.all(stream, fromRevision ?? Number.MAX_SAFE_INTEGER, maxCount);
    return (rows as Row[]).map(toRow);
  }

  /** One read transaction, so the page and "is this the end" agree even while another process appends. */
  readAll(afterSequence: number, maxCount: number, filter: EventFilter | undefined): RowPage {
    return this.db.transaction(() => {
      const rows = (this.filter(filter) ? this.readFiltered(afterSequence, maxCount, filter!) : this.statements.all.all(afterSequence, maxCount)) as Row[];
      const last = (this.statements.last.get() as number | null) ?? 0;
      const full = rows.length === maxCount;
      const scannedTo = full ? rows[rows.length - 1]![0] : Math.max(last, afterSequence);
      return { rows: rows.map(toRow), scannedTo, isEnd: scannedTo >= last };
    }).deferred();
  }

  /** Records and heads in one read transaction; the page that reaches the end takes every head after it too. */
  readRecords(afterSequence: number, maxCount: number): RecordRowPage {
    return this.db.transaction(() => {
      const page = this.readAll(afterSequence, maxCount, undefined);
      const heads = this.statements.heads.all(afterSequence, page.isEnd ? Number.MAX_SAFE_INTEGER : page.scannedTo) as HeadRow[];
      return { ...page, heads: heads.map((r) => ({ sequence: r[0], stream: r[1], revision: r[2] })) };
    }).deferred();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private filter(filter: EventFilter | undefined): boolean {
    return Boolean(filter?.eventTypes || filter?.streamCategories);
  }

  private readFiltered(after: number, maxCount: number, filter: EventFilter): unknown[] {
    const types = filter.eventTypes ?? [];
    const categories = filter.streamCategories ?? [];
    if ((filter.eventTypes && types.length === 0) || (filter.streamCategories && categories.length === 0)) return [];
    const key = `${types.length}:${categories.length}`;
    let statement = this.filtered.get(key);
    if (!statement) {
      statement = this.db.prepare(`SELECT ${COLUMNS} FROM events WHERE position > ?${typeClause(types.length)}${categoryClause(categories.length)} ORDER BY position LIMIT ?`).raw(true);
      this.filtered.set(key, statement);
    }
    return statement.all(after, ...types, ...categories.flatMap((c) => [`${c}-`, `${c}.`]), maxCount);
  }

  private migrate(): void {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    if (current > SCHEMA_VERSION) throw new Error(`the log was written by a newer Huji (schema ${current} > ${SCHEMA_VERSION})`);
    for (let v = current + 1; v <= SCHEMA_VERSION; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v}`);
      }).immediate();
    }
  }
}
