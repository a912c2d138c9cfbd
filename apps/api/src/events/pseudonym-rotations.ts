import { type DataSource } from 'typeorm';
import { isUniqueViolation } from '../../../../projections/projector';
import { placeholder } from '../../../../projections/store/bulk';
import { ApiError } from '../http/problem';
import {
  keyIdOf, pendingAt, pseudonymKeyOf, pseudonymNoticeHours, pseudonymUnder, type Rotation, type RotationRequest, rotationAt, rotationProblems,
} from './pseudonym-keys';

/** The key a page is delivered under: chosen by the time of delivery, so a replay after a rotation is re-keyed. */
export interface KeyInForce {
  readonly scope: string;
  readonly epoch: number;
  /** Sent on every redacted CloudEvent as `hujipseudonymkey`. */
  readonly keyId: string;
  readonly pseudonym: (citizenId: string) => string;
}

/** A rotation as an admin or a subscriber sees it: the key id it brings in, never the key. */
export interface RotationView {
  readonly scope: string;
  readonly keyId: string;
  readonly effectiveAt: string;
  readonly immediate: boolean;
  readonly reason?: string;
  readonly scheduledBy: string;
  readonly scheduledAt: string;
}

/** GET /subscriptions/me/pseudonym-key: the key id in force, since when, and every rotation announced. */
export interface KeyStatus {
  readonly scope: string;
  readonly keyId: string;
  /** When the key in force took over (null: the scope's first key). */
  readonly since: string | null;
  readonly scheduled: readonly RotationView[];
  readonly noticeHours: number;
}

interface Row {
  readonly scope: string; readonly epoch: number | string; readonly effective_at: string; readonly immediate: number | boolean;
  readonly reason: string | null; readonly scheduled_by: string; readonly scheduled_at: string;
}

const rotationOf = (r: Row): Rotation => ({
  scope: r.scope, epoch: Number(r.epoch), effectiveAt: r.effective_at, immediate: Boolean(Number(r.immediate)),
  ...(r.reason !== null ? { reason: r.reason } : {}), scheduledBy: r.scheduled_by, scheduledAt: r.scheduled_at,
});

/** Another API process on the same read store sees a new rotation within this (this process at once). */
const SCHEDULE_FRESH_MS = 30_000;
const MAX_SCOPES = 10_000;
const MAX_PSEUDONYMS = 100_000;

/**
 * 假名密钥管理: each scope's key in force and its announced rotations, stored in `api_pseudonym_rotations`
 * (the API's own record beside the views: a rebuild leaves it alone). Keys are derived, never stored.
 */
export class PseudonymKeys {
  private readonly schedules = new Map<string, { readonly rotations: readonly Rotation[]; readonly readAt: number }>();
  /** Pseudonyms computed, by key (epoch and scope) and citizen id: one map, bounded, for every scope. */
  private readonly memo = new Map<string, string>();

  constructor(private readonly db: DataSource, private readonly secret: string, readonly noticeHours = pseudonymNoticeHours()) {}

  /** The key of `scope` in force at `now`. */
  async inForce(scope: string, now: Date): Promise<KeyInForce> {
    return this.keyOf(scope, rotationAt(await this.rotations(scope), now)?.epoch ?? 0);
  }

  async status(scope: string, now: Date): Promise<KeyStatus> {
    const rotations = await this.rotations(scope);
    const current = rotationAt(rotations, now);
    return {
      scope, keyId: this.keyOf(scope, current?.epoch ?? 0).keyId, since: current?.effectiveAt ?? null,
      scheduled: pendingAt(rotations, now).map((r) => this.view(r)), noticeHours: this.noticeHours,
    };
  }

  /** Schedules the next key of `scope`: 400 listing every problem of the request, 409 when another admin took the epoch first. */
  async schedule(scope: string, request: RotationRequest, by: string, now: Date): Promise<RotationView> {
    const problems = rotationProblems(request, now, this.noticeHours);
    if (problems.length > 0) throw new ApiError(400, problems.length === 1 ? problems[0]!.code : 'REQUEST.INVALID', problems.map((p) => p.message).join('; '), problems);
    const rows = await this.db.query<{ last: number | string | null }[]>(`SELECT MAX(epoch) AS last FROM api_pseudonym_rotations WHERE scope = ${this.p(1)}`, [scope]);
    const rotation: Rotation = {
      scope, epoch: Number(rows[0]?.last ?? 0) + 1, effectiveAt: request.immediate ? now.toISOString() : new Date(request.effectiveAt!).toISOString(), immediate: request.immediate ?? false,
      ...(request.reason?.trim() ? { reason: request.reason.trim() } : {}), scheduledBy: by, scheduledAt: now.toISOString(),
    };
    try {
      await this.db.query(
        `INSERT INTO api_pseudonym_rotations (scope, epoch, effective_at, immediate, reason, scheduled_by, scheduled_at) VALUES (${[1, 2, 3, 4, 5, 6, 7].map((n) => this.p(n)).join(', ')})`,
        [scope, rotation.epoch, rotation.effectiveAt, rotation.immediate ? 1 : 0, rotation.reason ?? null, by, rotation.scheduledAt]);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new ApiError(409, 'PSEUDONYM.ROTATION_CONFLICT', `another rotation of ${scope} was scheduled at the same moment: read GET /subscriptions/me/pseudonym-key of the scope and retry`);
    }
    this.schedules.delete(scope);
    return this.view(rotation);
  }

  private view(r: Rotation): RotationView {
    return {
      scope: r.scope, keyId: this.keyOf(r.scope, r.epoch).keyId, effectiveAt: r.effectiveAt, immediate: r.immediate, ...(r.reason !== undefined ? { reason: r.reason } : {}),
      scheduledBy: r.scheduledBy, scheduledAt: r.scheduledAt,
    };
  }

  private keyOf(scope: string, epoch: number): KeyInForce {
    const key = pseudonymKeyOf(this.secret, scope, epoch);
    const memoPrefix = `${epoch}|${scope}\n`;
    return {
      scope, epoch, keyId: keyIdOf(key, epoch),
      pseudonym: (citizenId) => {
        const at = memoPrefix + citizenId;
        let known = this.memo.get(at);
        if (known === undefined) {
          if (this.memo.size >= MAX_PSEUDONYMS) this.memo.clear();
          known = pseudonymUnder(key, citizenId);
          this.memo.set(at, known);
        }
        return known;
      },
    };
  }

  private async rotations(scope: string): Promise<readonly Rotation[]> {
    const cached = this.schedules.get(scope);
    if (cached && Date.now() - cached.readAt < SCHEDULE_FRESH_MS) return cached.rotations;
    const rows = await this.db.query<Row[]>(`SELECT * FROM api_pseudonym_rotations WHERE scope = ${this.p(1)} ORDER BY epoch`, [scope]);
    const rotations = rows.map(rotationOf);
    if (this.schedules.size >= MAX_SCOPES) this.schedules.clear();
    this.schedules.set(scope, { rotations, readAt: Date.now() });
    return rotations;
  }

  private p(n: number): string {
    return placeholder(this.db, n);
  }
}
