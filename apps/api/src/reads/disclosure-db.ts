import Database from 'better-sqlite3';
import { privateDatabaseFile } from '../../../../libs/event-store/src/local/private-files';
import { type DisclosureRecord, disclosureHash, GENESIS_HASH, type DisclosedKind, indexEntriesOf } from './disclosure-record';

const SCHEMA_VERSION = 1;

/** Migrations by version; each runs once, in order, in a transaction. Literal DDL: a past migration is history. */
const MIGRATIONS: Record<number, string> = {
  1: `
    CREATE TABLE disclosures (
      sequence INTEGER PRIMARY KEY,  -- dense from 1: the order records were written in
      record   TEXT    NOT NULL,     -- the record's JSON text, as hashed
      hash     TEXT    NOT NULL      -- chains the record onto the previous one
    );
    -- Whose data each record disclosed: listing a person's or a household's reads is a lookup.
    CREATE TABLE disclosed (
      kind     TEXT    NOT NULL,     -- 'person' | 'household'
      id       TEXT    NOT NULL,     -- citizen id | household id
      sequence INTEGER NOT NULL,
      PRIMARY KEY (kind, id, sequence)
    ) WITHOUT ROWID;
    CREATE INDEX disclosed_sequence ON disclosed (sequence);
    -- Append-only: the registry never changes or removes a record (the hash chain shows it if anyone does).
    CREATE TRIGGER disclosures_no_update BEFORE UPDATE ON disclosures BEGIN SELECT RAISE(ABORT, 'disclosures are append-only'); END;
    CREATE TRIGGER disclosures_no_delete BEFORE DELETE ON disclosures BEGIN SELECT RAISE(ABORT, 'disclosures are append-only'); END;
    CREATE TRIGGER disclosed_no_update BEFORE UPDATE ON disclosed BEGIN SELECT RAISE(ABORT, 'disclosures are append-only'); END;
    CREATE TRIGGER disclosed_no_delete BEFORE DELETE ON disclosed BEGIN SELECT RAISE(ABORT, 'disclosures are append-only'); END;`,
};

/** As the event log's (libs/event-store/src/local/sqlite-log.ts): WAL, and `synchronous = FULL` so a commit is on disk before it returns. */
const PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', 'busy_timeout = 5000'] as const;

/** One stored record: its sequence, JSON text and hash. */
export type StoredRecord = readonly [sequence: number, text: string, hash: string];
/** One index row: kind, id, sequence. */
export type IndexRow = readonly [kind: string, id: string, sequence: number];

export interface DisclosureHead { readonly sequence: number; readonly hash: string }

/**
 * The disclosure log's SQLite file (`$HUJI_DATA_DIR/disclosures.db`, 0600): the chained records and the index
 * of whose data each disclosed, written in one transaction. One writer at a time (`BEGIN IMMEDIATE`): the
 * head is read inside the transaction, so a second process on the same file extends the same chain.
 */
export class DisclosureDb {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(readonly file: string, options: { readonly readonly?: boolean } = {}) {
    if (!options.readonly) privateDatabaseFile(file);
    this.db = new Database(file, { readonly: options.readonly === true, fileMustExist: options.readonly === true });
    for (const pragma of options.readonly ? ['busy_timeout = 5000'] : PRAGMAS) this.db.pragma(pragma);
    if (!options.readonly) this.migrate();
    const raw = (sql: string) => this.db.prepare(sql).raw(true);
    this.statements = {
      head: raw('SELECT sequence, hash FROM disclosures ORDER BY sequence DESC LIMIT 1'),
      insert: this.db.prepare('INSERT INTO disclosures (sequence, record, hash) VALUES (?, ?, ?)'),
      index: this.db.prepare('INSERT INTO disclosed (kind, id, sequence) VALUES (?, ?, ?)'),
      reads: raw(`SELECT d.sequence, d.record, d.hash FROM disclosed x JOIN disclosures d ON d.sequence = x.sequence
        WHERE x.kind = ? AND x.id = ? AND x.sequence < ? ORDER BY x.sequence DESC LIMIT ?`),
      page: raw('SELECT sequence, record, hash FROM disclosures WHERE sequence > ? ORDER BY sequence LIMIT ?'),
      indexRange: raw('SELECT kind, id, sequence FROM disclosed WHERE sequence > ? AND sequence <= ? ORDER BY sequence'),
      pastEnd: this.db.prepare('SELECT count(*) FROM disclosed WHERE sequence > (SELECT coalesce(max(sequence), 0) FROM disclosures)').pluck(),
    };
  }

  head(): DisclosureHead {
    const r = this.statements.head.get() as [number, string] | undefined;
    return r ? { sequence: r[0], hash: r[1] } : { sequence: 0, hash: GENESIS_HASH };
  }

  /** Appends the records in order, chained onto the head, with their index rows: one transaction, one fsync. */
  append(records: readonly DisclosureRecord[]): DisclosureHead {
    return this.db.transaction(() => {
      let { sequence, hash } = this.head();
      for (const record of records) {
        const text = JSON.stringify(record);
        sequence++;
        hash = disclosureHash(hash, sequence, text);
        this.statements.insert.run(sequence, text, hash);
        for (const [kind, id] of indexEntriesOf(record)) this.statements.index.run(kind, id, sequence);
      }
      return { sequence, hash };
    }).immediate();
  }

  /** The records that disclosed `id` before `before`, newest first. */
  reads(kind: DisclosedKind, id: string, before: number, limit: number): StoredRecord[] {
    return this.statements.reads.all(kind, id, before, limit) as StoredRecord[];
  }

  /** Records after `after` in order (verify's pages), and the index rows of the same range (gaps included). */
  page(after: number, limit: number): { readonly records: StoredRecord[]; readonly index: IndexRow[] } {
    return this.db.transaction(() => {
      const records = this.statements.page.all(after, limit) as StoredRecord[];
      const last = records.at(-1)?.[0] ?? after;
      return { records, index: this.statements.indexRange.all(after, last) as IndexRow[] };
    }).deferred();
  }

  /** Index rows pointing past the last record (rows with no record). */
  indexRowsPastEnd(): number {
    return this.statements.pastEnd.get() as number;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private migrate(): void {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    if (current > SCHEMA_VERSION) throw new Error(`${this.file} was written by a newer Huji (schema ${current} > ${SCHEMA_VERSION})`);
    for (let v = current + 1; v <= SCHEMA_VERSION; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v}`);
      }).immediate();
    }
  }
}
