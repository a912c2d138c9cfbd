import { type DataSource } from 'typeorm';
import { placeholder } from './bulk';

/** The next digit string of the same length ('…0101' → '…0102'): the exclusive upper bound of a digit prefix. */
const successor = (digits: string): string => (BigInt(digits) + 1n).toString().padStart(digits.length, '0');

/**
 * The citizen ids the persons view holds that start with `prefix` (for the allocator: a county and a date of
 * birth, 14 digits): one range query on the primary key, `>= prefix AND < successor(prefix)`, so it reads only
 * that prefix's index entries. A digit bound rather than `prefix || '~'`: under a locale collation
 * (en_US on PostgreSQL) punctuation may be ignored and '~' would not sort after the digits.
 */
export const citizenIdsWithPrefix = async (db: DataSource, prefix: string): Promise<string[]> => {
  if (!/^\d{1,17}$/.test(prefix)) throw new RangeError(`a citizen id prefix is digits, got "${prefix}"`);
  const rows = await db.query<{ citizen_id: string }[]>(
    `SELECT citizen_id FROM view_persons WHERE citizen_id >= ${placeholder(db, 1)} AND citizen_id < ${placeholder(db, 2)}`, [prefix, successor(prefix)]);
  return rows.map((r) => r.citizen_id);
};
