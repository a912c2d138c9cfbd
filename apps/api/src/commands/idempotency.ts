import { createHash } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { isUniqueViolation } from '../../../../projections/projector';
import { placeholder } from '../../../../projections/store/bulk';
import { ApiError } from '../http/problem';
import { type CommandHeaders } from '../http/request';

/** The record's key: length-prefixed (no separator a subject could forge), hashed (bounded length). */
const recordId = (subject: string, key: string): string => createHash('sha256').update(`${subject.length}:${subject}:${key}`).digest('hex');

/** The headers once the key is bound to a stream the registry chose: the command loop need not bind it again. */
export const alreadyBound = (headers: CommandHeaders): CommandHeaders => {
  const { fingerprint: _bound, ...rest } = headers;
  return rest;
};

/** A digest of what a request asks for: the same key with another request is refused. */
export const fingerprintOf = (route: string, body: unknown): string => createHash('sha256').update(route).update('\n').update(JSON.stringify(body ?? null)).digest('hex');

/**
 * 幂等键: for commands whose stream the registry chooses (a birth's allocated citizen id, a household id it
 * allocates), the first attempt records which stream the key went to. A retry is sent to that stream, where
 * the command loop finds the events carrying the key and returns them without appending. Keys are scoped
 * to the caller (token subject).
 */
export class IdempotencyRecords {
  constructor(private readonly db: DataSource) {}

  /**
   * The stream this key is bound to: an earlier attempt's, or `proposed` (now bound). A key already used
   * for another request is refused (422 IDEMPOTENCY.KEY_REUSED).
   */
  async bind(subject: string, key: string, fingerprint: string, proposed: string, now: Date): Promise<string> {
    const id = recordId(subject, key);
    for (let attempt = 0; attempt < 3; attempt++) {
      const rows = await this.db.query<{ fingerprint: string; stream: string }[]>(
        `SELECT fingerprint, stream FROM api_idempotency_keys WHERE idempotency_key = ${placeholder(this.db, 1)}`, [id]);
      const found = rows[0];
      if (found) {
        if (found.fingerprint !== fingerprint)
          throw new ApiError(422, 'IDEMPOTENCY.KEY_REUSED', 'this Idempotency-Key was already used for a different request: use a new key for a new request');
        return found.stream;
      }
      try {
        await this.db.query(`INSERT INTO api_idempotency_keys (idempotency_key, fingerprint, stream, created_at) VALUES (${placeholder(this.db, 1)}, ${placeholder(this.db, 2)}, ${placeholder(this.db, 3)}, ${placeholder(this.db, 4)})`,
          [id, fingerprint, proposed, now.toISOString()]);
        return proposed;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error; // a concurrent attempt with the same key bound it first: read it
      }
    }
    throw new ApiError(409, 'IDEMPOTENCY.IN_PROGRESS', 'a request with this Idempotency-Key is being processed; retry shortly');
  }

  /** Forgets a binding whose stream turned out to be taken before anything was appended for the key. */
  async unbind(subject: string, key: string): Promise<void> {
    await this.db.query(`DELETE FROM api_idempotency_keys WHERE idempotency_key = ${placeholder(this.db, 1)}`, [recordId(subject, key)]);
  }
}
