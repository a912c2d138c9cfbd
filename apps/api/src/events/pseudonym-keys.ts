import { createHmac } from 'node:crypto';
import { isCalendarDate } from '../../../../events/common';
import { type Principal } from '../auth/principal';
import { ConfigError } from '../config-error';
import { type FieldProblem } from '../http/problem';

/**
 * 假名范围 (pseudonym scope): whose pseudonyms these are — the token's data-sharing agreement (数据共享协议),
 * else its subject. Each scope has keys of its own, so two subscribers' pseudonyms of one person cannot be joined.
 */
export const scopeOf = (principal: Principal): string =>
  (principal.agreement !== undefined ? `agreement:${principal.agreement}` : `subject:${principal.subject}`);

/** A scope as a path parameter names it: `agreement:<name>` or `subject:<sub>`. */
export const SCOPE_PATTERN = '^(?:agreement|subject):.{1,200}$';

/**
 * 假名密钥: a scope's key in an epoch (0 before any rotation), derived from the pseudonym secret alone — never
 * from the token key, so neither a token key nor a rotation of it gives or changes a pseudonym. The epoch is
 * the last field and a number, so no scope's text can be made to spell another scope's input.
 */
export const pseudonymKeyOf = (pseudonymSecret: string, scope: string, epoch: number): Buffer =>
  createHmac('sha256', pseudonymSecret).update(`huji-pseudonym|${scope}|${epoch}`).digest();

/** A short, public name of a key (`k<epoch>.<8 characters>`): a one-way digest, so it tells nothing of the key. */
export const keyIdOf = (key: Buffer, epoch: number): string =>
  `k${epoch}.${createHmac('sha256', key).update('huji-pseudonym-key-id').digest('base64url').slice(0, 8)}`;

/** The pseudonym of a citizen id under a key: `p-` and 22 base64url characters (132 bits of an HMAC). */
export const pseudonymUnder = (key: Buffer, citizenId: string): string =>
  `p-${createHmac('sha256', key).update(citizenId).digest('base64url').slice(0, 22)}`;

/** A scheduled change of a scope's key (假名密钥轮换), as stored. */
export interface Rotation {
  readonly scope: string;
  /** The key it brings in: epochs count rotations of the scope from 1. */
  readonly epoch: number;
  /** When the key takes over (ISO 8601, UTC): pages delivered from then on use it. */
  readonly effectiveAt: string;
  /** Brought in at once, without notice (a compromised key). */
  readonly immediate: boolean;
  readonly reason?: string;
  readonly scheduledBy: string;
  readonly scheduledAt: string;
}

/**
 * The rotation in force at `now`: of those whose effectiveAt has come, the latest (the later epoch on a tie);
 * undefined while the scope's first key (epoch 0) is in force.
 */
export const rotationAt = (rotations: readonly Rotation[], now: Date): Rotation | undefined => {
  const at = now.toISOString();
  let inForce: Rotation | undefined;
  for (const r of rotations) {
    if (r.effectiveAt > at) continue;
    if (!inForce || r.effectiveAt > inForce.effectiveAt || (r.effectiveAt === inForce.effectiveAt && r.epoch > inForce.epoch)) inForce = r;
  }
  return inForce;
};

/** Rotations announced and not yet in force, soonest first. */
export const pendingAt = (rotations: readonly Rotation[], now: Date): Rotation[] => {
  const at = now.toISOString();
  return rotations.filter((r) => r.effectiveAt > at).sort((a, b) => a.effectiveAt.localeCompare(b.effectiveAt) || a.epoch - b.epoch);
};

/** What an admin asks for: a rotation at `effectiveAt` (at least the notice period ahead), or `immediate: true` with a reason. */
export interface RotationRequest {
  readonly effectiveAt?: string;
  readonly immediate?: boolean;
  readonly reason?: string;
}

const problem = (code: string, message: string, path: string): FieldProblem => ({ code, message, path });

/**
 * Every problem with a rotation request at `now` under a notice period of `noticeHours`: exactly one of
 * `effectiveAt` and `immediate: true`; a date-time that exists; far enough ahead; a reason for an immediate one.
 */
export const rotationProblems = (request: RotationRequest, now: Date, noticeHours: number): FieldProblem[] => {
  const { effectiveAt, immediate = false, reason } = request;
  return [
    ...(immediate && effectiveAt !== undefined ? [problem('PSEUDONYM.ROTATION_WHEN', 'give effectiveAt or immediate: true, not both', 'body.immediate')] : []),
    ...(!immediate && effectiveAt === undefined ? [problem('PSEUDONYM.ROTATION_WHEN', `give effectiveAt (at least ${noticeHours} hours ahead) or, for a compromised key, immediate: true`, 'body.effectiveAt')] : []),
    ...(immediate && !reason?.trim() ? [problem('PSEUDONYM.REASON_REQUIRED', 'an immediate rotation (a compromised key) needs a reason', 'body.reason')] : []),
    ...(effectiveAt !== undefined ? noticeProblems(effectiveAt, now, noticeHours) : []),
  ];
};

const noticeProblems = (effectiveAt: string, now: Date, noticeHours: number): FieldProblem[] => {
  const at = Date.parse(effectiveAt);
  // Date.parse rolls 2030-02-30 over to March: the day written must exist.
  if (!Number.isFinite(at) || !isCalendarDate(effectiveAt.slice(0, 10))) return [problem('REQUEST.INVALID_FIELD', `effectiveAt ${effectiveAt} is not a date-time`, 'body.effectiveAt')];
  const earliest = new Date(now.getTime() + noticeHours * 3_600_000);
  return at < earliest.getTime()
    ? [problem('PSEUDONYM.NOTICE_TOO_SHORT', `effectiveAt must be announced at least ${noticeHours} hours ahead (HUJI_PSEUDONYM_NOTICE_HOURS): on or after ${earliest.toISOString()}; for a compromised key send immediate: true with a reason`, 'body.effectiveAt')]
    : [];
};

/** `HUJI_PSEUDONYM_NOTICE_HOURS`: how far ahead a rotation must be announced (default 168 = a week; hours, fractions allowed). */
export const pseudonymNoticeHours = (env: NodeJS.ProcessEnv = process.env): number => {
  const value = env.HUJI_PSEUDONYM_NOTICE_HOURS?.trim();
  if (value === undefined || value === '') return 168;
  const hours = Number(value);
  if (!Number.isFinite(hours) || hours < 0 || hours > 8_760) throw new ConfigError(`HUJI_PSEUDONYM_NOTICE_HOURS must be a number of hours from 0 to 8760, got "${value}"`);
  return hours;
};
