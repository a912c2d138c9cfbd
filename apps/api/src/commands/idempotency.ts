import { createHash } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { isUniqueViolation } from '../../../../projections/projector';
import { placeholder } from '../../../../projections/store/bulk';
import { ApiError } from '../http/problem';
import { type CommandHeaders } from '../http/request';

/** The record's key: length-prefixed (no separator a subject could forge), hashed (bounded length). */
const recordId = (subject: string, key: string): string => createHash('sha256').update(`${subject.length}:${subject}:${key}`).digest('hex');

/** The headers once the key is bound to a stream the registry chose: the command loop need not bind it again. */
export const alreadyBound = (headers: CommandHeaders): CommandHeaders => ({ ...headers, keyBound: true });

/** A digest of what a request asks for: the same key with another request is refused. */
export const fingerprintOf = (route: string, body: unknown): string => createHash('sha256').update(route).update('\n').update(JSON.stringify(body ?? null)).digest('hex');

/**
 * How long an Idempotency-Key is remembered: `HUJI_IDEMPOTENCY_TTL_HOURS`, a positive number of hours up to a year
 * (default 24). A client must finish retrying within it: a birth retried after it registers another child.
 */
export const idempotencyTtlHours = (env: NodeJS.ProcessEnv = process.env): number => {
  const value = env.HUJI_IDEMPOTENCY_TTL_HOURS?.trim();
  if (value === undefined || value === '') return 24;
  const hours = Number(value);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 8_760) throw new Error(`HUJI_IDEMPOTENCY_TTL_HOURS must be a positive number of hours, at most 8760 (a year), got "${value}"`);
  return hours;
};

/** Expired rows are deleted at most once a minute per read store, at most SWEEP_LIMIT at a time (oldest first). */
const SWEEP_EVERY_MS = 60_000;
const SWEEP_LIMIT = 500;
const lastSweep = new WeakMap<DataSource, number>();

interface KeyRow { readonly fingerprint: string; readonly stream: string; readonly created_at: string }

/**
 * 幂等键: for commands whose stream the registry chooses (a birth's allocated citizen id, a household id it
 * allocates), the first attempt records which stream the key went to. A retry is sent to that stream, where
 * the command loop finds the events carrying the key and returns them without appending. Keys are scoped
 * to the caller (token subject).
 *
 * A key lives `HUJI_IDEMPOTENCY_TTL_HOURS` (default 24) from its first use. After that its record counts as
 * absent and is deleted (a bounded sweep when keys are bound): a retry after the TTL is a new request — a
 * birth registers another child under a new number — and the key may be used for another request. Commands
 * on a stream the caller names (a death, a move) still find the key's events in that stream and replay them.
 */
export class IdempotencyRecords {
  private readonly ttlMs: number;

  constructor(private readonly db: DataSource, ttlHours = idempotencyTtlHours()) {
    this.ttlMs = ttlHours * 3_600_000;
  }

  private p(n: number): string {
    return placeholder(this.db, n);
  }

  /** Records bound before this instant have expired. */
  private expiredBefore(now: Date): string {
    return new Date(now.getTime() - this.ttlMs).toISOString();
  }

  /**
   * The stream this key is bound to: an earlier attempt's, or `proposed` (now bound). A key already used
   * for another request is refused (422 IDEMPOTENCY.KEY_REUSED). An expired record is treated as absent.
   */
  async bind(subject: string, key: string, fingerprint: string, proposed: string, now: Date): Promise<string> {
    return (await this.claim(subject, key, fingerprint, proposed, now)).stream;
  }

  /** As `bind`, and whether this call made the binding (`fresh`): only a fresh binding may be undone by its own refusal. */
  async claim(subject: string, key: string, fingerprint: string, proposed: string, now: Date): Promise<{ readonly stream: string; readonly fresh: boolean }> {
    await this.sweepIfDue(now);
    const id = recordId(subject, key);
    for (let attempt = 0; attempt < 4; attempt++) {
      const found = (await this.db.query<KeyRow[]>(`SELECT fingerprint, stream, created_at FROM api_idempotency_keys WHERE idempotency_key = ${this.p(1)}`, [id]))[0];
      if (found && found.created_at < this.expiredBefore(now)) {
        // Expired: gone, unless a concurrent attempt replaced it first (then the next read finds that one).
        await this.db.query(`DELETE FROM api_idempotency_keys WHERE idempotency_key = ${this.p(1)} AND created_at = ${this.p(2)}`, [id, found.created_at]);
        continue;
      }
      if (found) {
        if (found.fingerprint !== fingerprint)
          throw new ApiError(422, 'IDEMPOTENCY.KEY_REUSED', 'this Idempotency-Key was already used for a different request: use a new key for a new request');
        return { stream: found.stream, fresh: false };
      }
      try {
        await this.db.query(`INSERT INTO api_idempotency_keys (idempotency_key, fingerprint, stream, created_at) VALUES (${this.p(1)}, ${this.p(2)}, ${this.p(3)}, ${this.p(4)})`,
          [id, fingerprint, proposed, now.toISOString()]);
        return { stream: proposed, fresh: true };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error; // a concurrent attempt with the same key bound it first: read it
      }
    }
    throw new ApiError(409, 'IDEMPOTENCY.IN_PROGRESS', 'a request with this Idempotency-Key is being processed; retry shortly');
  }

  /**
   * Moves the key from `from` — a stream found to hold someone else's registration, so the key's command can
   * never land there — to `to`, if it is still bound to `from` (compare-and-swap: of several attempts that
   * found `from` taken, one moves the key and the others follow it). The stream the key is bound to now.
   */
  async rebind(subject: string, key: string, fingerprint: string, from: string, to: string, now: Date): Promise<string> {
    await this.db.query(`UPDATE api_idempotency_keys SET stream = ${this.p(1)} WHERE idempotency_key = ${this.p(2)} AND stream = ${this.p(3)}`, [to, recordId(subject, key), from]);
    return this.bind(subject, key, fingerprint, to, now);
  }

  /** Forgets a key after a refusal (the key is free again, as if never sent); with `stream`, only while it is still bound there. */
  async unbind(subject: string, key: string, stream?: string): Promise<void> {
    const id = recordId(subject, key);
    if (stream === undefined) await this.db.query(`DELETE FROM api_idempotency_keys WHERE idempotency_key = ${this.p(1)}`, [id]);
    else await this.db.query(`DELETE FROM api_idempotency_keys WHERE idempotency_key = ${this.p(1)} AND stream = ${this.p(2)}`, [id, stream]);
  }

  /** Deletes up to `limit` expired records, oldest first (the index on created_at finds them); how many went. */
  async sweep(now: Date, limit = SWEEP_LIMIT): Promise<number> {
    const cutoff = this.expiredBefore(now);
    const rows = await this.db.query<{ idempotency_key: string }[]>(
      `SELECT idempotency_key FROM api_idempotency_keys WHERE created_at < ${this.p(1)} ORDER BY created_at LIMIT ${Math.max(1, Math.floor(limit))}`, [cutoff]);
    if (rows.length === 0) return 0;
    const keys = rows.map((r) => r.idempotency_key);
    await this.db.query(`DELETE FROM api_idempotency_keys WHERE created_at < ${this.p(1)} AND idempotency_key IN (${keys.map((_, i) => this.p(i + 2)).join(', ')})`, [cutoff, ...keys]);
    return keys.length;
  }

  private async sweepIfDue(now: Date): Promise<void> {
    const last = lastSweep.get(this.db);
    if (last !== undefined && now.getTime() - last < SWEEP_EVERY_MS) return;
    lastSweep.set(this.db, now.getTime());
    await this.sweep(now);
  }
}
