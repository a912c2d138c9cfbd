import { createHash } from 'node:crypto';
import { type DataSource } from 'typeorm';

const TABLES = ['view_households', 'view_memberships', 'view_persons'] as const;

/**
 * A deterministic digest of every view table (rows in key order, every column): two read stores with the
 * same digest hold the same views. Used to prove that a projector that crashed and resumed ends where a
 * clean rebuild ends.
 */
export const viewDigest = async (db: DataSource): Promise<Record<(typeof TABLES)[number], string>> => {
  const out = {} as Record<(typeof TABLES)[number], string>;
  for (const table of TABLES) {
    const rows: Record<string, unknown>[] = await db.query(`SELECT * FROM ${table}`);
    const lines = rows.map((r) => JSON.stringify(Object.keys(r).sort().map((k) => [k, r[k]]))).sort();
    out[table] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex')}`;
  }
  return out;
};
