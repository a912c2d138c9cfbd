import { createHash } from 'node:crypto';
import { type DataSource } from 'typeorm';

import { TABLE_SPECS } from './tables';

const TABLES = Object.values(TABLE_SPECS).map((t) => t.table);

/**
 * A deterministic digest of every view table (rows in key order, every column): two read stores with the
 * same digest hold the same views. Used to prove that a projector that crashed and resumed ends where a
 * clean rebuild ends.
 */
export const viewDigest = async (db: DataSource): Promise<Record<string, string>> => {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const rows: Record<string, unknown>[] = await db.query(`SELECT * FROM ${table}`);
    const lines = rows.map((r) => JSON.stringify(Object.keys(r).sort().map((k) => [k, r[k]]))).sort();
    out[table] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex')}`;
  }
  return out;
};
