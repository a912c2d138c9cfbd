import Database from 'better-sqlite3';
import { eventHash, GENESIS_HASH, logHash } from '../src/chain';

/**
 * What somebody with write access to the embedded log's file can do, with better-sqlite3 and the hash
 * rules the README publishes. The specs use these to show which alterations `verify` catches, and how.
 */

interface Row {
  position: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  recorded_at: string;
  data: string;
  metadata: string;
  hash: string;
  log_hash: string;
}

export const withFile = <T>(file: string, change: (db: Database.Database) => T): T => {
  const db = new Database(file);
  try {
    return change(db);
  } finally {
    db.close();
  }
};

/** Every row in log order. */
export const rowsOf = (db: Database.Database): Row[] => db.prepare('SELECT * FROM events ORDER BY position').all() as Row[];

/** Replaces one event's data JSON (nothing else): the stored hashes no longer follow. */
export const alterData = (db: Database.Database, stream: string, revision: number, alter: (data: Record<string, unknown>) => Record<string, unknown>): void => {
  const data = db.prepare('SELECT data FROM events WHERE stream = ? AND revision = ?').pluck().get(stream, revision) as string;
  db.prepare('UPDATE events SET data = ? WHERE stream = ? AND revision = ?').run(JSON.stringify(alter(JSON.parse(data) as Record<string, unknown>)), stream, revision);
};

/** Deletes the last `count` events of a stream. */
export const deleteTail = (db: Database.Database, stream: string, count: number): void => {
  db.prepare('DELETE FROM events WHERE position IN (SELECT position FROM events WHERE stream = ? ORDER BY revision DESC LIMIT ?)').run(stream, count);
};

/** Closes the gaps left by deleted rows: positions dense from 1 again, in the same order. */
export const renumber = (db: Database.Database): void => {
  db.transaction(() => {
    db.exec(`CREATE TEMP TABLE renumbered AS SELECT position AS old, row_number() OVER (ORDER BY position) AS new FROM events;
      UPDATE events SET position = -(SELECT new FROM renumbered WHERE old = events.position);
      UPDATE events SET position = -position;
      DROP TABLE renumbered;`);
  })();
};

/**
 * Re-computes every stream hash and every log hash from the content as it now is, so that a plain `verify`
 * finds every chain intact; with `heads`, the recorded stream heads are replaced by each stream's last event.
 */
export const recomputeChains = (db: Database.Database, options: { readonly heads: boolean }): void => {
  const update = db.prepare('UPDATE events SET hash = ?, log_hash = ? WHERE position = ?');
  db.transaction(() => {
    const last = new Map<string, Row>();
    let previousLog = GENESIS_HASH;
    for (const row of rowsOf(db)) {
      const hash = eventHash(last.get(row.stream)?.hash ?? GENESIS_HASH, { ...row, recordedAt: row.recorded_at, dataJson: row.data, metadataJson: row.metadata });
      previousLog = logHash(previousLog, row.position, hash);
      update.run(hash, previousLog, row.position);
      last.set(row.stream, { ...row, hash });
    }
    if (!options.heads) return;
    db.prepare('DELETE FROM stream_heads').run();
    const put = db.prepare('INSERT INTO stream_heads (position, stream, revision) VALUES (?, ?, ?)');
    for (const row of last.values()) put.run(row.position, row.stream, row.revision);
  })();
};
