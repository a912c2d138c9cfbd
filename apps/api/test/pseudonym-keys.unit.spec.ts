import { createHmac } from 'node:crypto';
import { issueToken, verifyToken } from '../src/auth/jwt';
import { verificationKeys } from '../src/auth/keys';
import { tokenPolicyFromEnv } from '../src/auth/policy';
import { principalOf } from '../src/auth/principal';
import {
  keyIdOf, pendingAt, pseudonymKeyOf, pseudonymNoticeHours, pseudonymUnder, type Rotation, rotationAt, rotationProblems, scopeOf,
} from '../src/events/pseudonym-keys';

const PSEUDONYM_SECRET = 'Vx4Nq8Lm2Tz7Rk5Jc9Wp3Hd6Bf1Gs0YeAuKoPiQrTw';
const JWT_SECRET = 'Qm7vT2xK9pL4wZr8Nc3Hy6Fb1Jd5Gs0UeAiOkPqRtV';
const PERSON = '410102202005011234';
const NOW = new Date('2030-01-01T00:00:00Z');

/** The derivation this replaces: one key for every subscriber, from the token secret. */
const oldPseudonym = (jwtSecret: string, id: string): string =>
  `p-${createHmac('sha256', createHmac('sha256', jwtSecret).update('huji-pseudonym').digest('hex')).update(id).digest('base64url').slice(0, 22)}`;

const rotation = (epoch: number, effectiveAt: string): Rotation => ({ scope: 'subject:s', epoch, effectiveAt, immediate: false, scheduledBy: 'admin', scheduledAt: '2029-01-01T00:00:00.000Z' });

describe('pseudonym keys (假名密钥) per scope', () => {
  it('Given two scopes, When the same person is pseudonymised, Then the pseudonyms differ and each has the format p- + 22 base64url characters', () => {
    const [a, b] = ['agreement:health-2030', 'subject:edu-bureau'].map((scope) => pseudonymUnder(pseudonymKeyOf(PSEUDONYM_SECRET, scope, 0), PERSON));
    expect(a).not.toBe(b);
    expect([a, b].filter((p) => !/^p-[A-Za-z0-9_-]{22}$/.test(p!))).toEqual([]);
  });

  it('Given the token secret, Then no pseudonym of any scope or epoch equals the old derivation, nor one keyed by the token secret in the new scheme', () => {
    const scopes = ['agreement:a', 'subject:subscriber-e2e'];
    const ours = scopes.flatMap((scope) => [0, 1, 2].map((epoch) => pseudonymUnder(pseudonymKeyOf(PSEUDONYM_SECRET, scope, epoch), PERSON)));
    const fromTokenSecret = [oldPseudonym(JWT_SECRET, PERSON), ...scopes.flatMap((scope) => [0, 1, 2].map((epoch) => pseudonymUnder(pseudonymKeyOf(JWT_SECRET, scope, epoch), PERSON)))];
    expect(ours.filter((p) => fromTokenSecret.includes(p))).toEqual([]);
    expect(new Set(ours).size).toBe(ours.length);
  });

  it('Given a key, Then its id names the epoch and is a one-way digest: no part of the key appears in it', () => {
    const key = pseudonymKeyOf(PSEUDONYM_SECRET, 'agreement:a', 3);
    const id = keyIdOf(key, 3);
    expect(id).toMatch(/^k3\.[A-Za-z0-9_-]{8}$/);
    expect([key.toString('hex'), key.toString('base64url')].filter((text) => text.includes(id.slice(3)))).toEqual([]);
    expect(keyIdOf(pseudonymKeyOf(PSEUDONYM_SECRET, 'agreement:b', 3), 3)).not.toBe(id);
  });

  it('Given a principal with an agreement, Then its scope is the agreement; without one, its subject', () => {
    const base = { subject: 's-1', role: 'subscriber' as const, regions: [], grants: [], office: 'x', expiresAt: 0 };
    expect([scopeOf({ ...base, agreement: 'dsa-7' }), scopeOf(base)]).toEqual(['agreement:dsa-7', 'subject:s-1']);
  });

  it('Given a token issued with an agreement, When it is verified, Then the principal carries it; a malformed agreement claim names no principal', async () => {
    const policy = tokenPolicyFromEnv({});
    const token = await issueToken({ subject: 'edu-1', role: 'subscriber', regions: [], grants: [], agreement: 'dsa-7' }, JWT_SECRET, NOW, 3600, policy);
    expect(await verifyToken(token, verificationKeys(policy, JWT_SECRET), policy, NOW)).toMatchObject({ subject: 'edu-1', agreement: 'dsa-7' });
    const claims = { sub: 's', role: 'subscriber', exp: 2_000_000_000 };
    expect([principalOf({ ...claims, agreement: 'a b' }), principalOf({ ...claims, agreement: 7 }), principalOf({ ...claims, agreement: '' })]).toEqual([undefined, undefined, undefined]);
  });
});

describe('rotations (假名密钥轮换)', () => {
  it('Given rotations, When asked at a moment, Then the latest one whose effectiveAt has come is in force, and later ones are pending, soonest first', () => {
    const rotations = [rotation(1, '2029-06-01T00:00:00.000Z'), rotation(3, '2030-03-01T00:00:00.000Z'), rotation(2, '2030-02-01T00:00:00.000Z')];
    expect(rotationAt([], NOW)).toBeUndefined();
    expect(rotationAt(rotations, NOW)?.epoch).toBe(1);
    expect(pendingAt(rotations, NOW).map((r) => r.epoch)).toEqual([2, 3]);
    expect(rotationAt(rotations, new Date('2030-02-01T00:00:00Z'))?.epoch).toBe(2);
    expect(rotationAt([...rotations, rotation(4, '2030-02-01T00:00:00.000Z')], new Date('2030-02-15T00:00:00Z'))?.epoch).toBe(4);
  });

  it('Given a rotation announced less than the notice period ahead, Then NOTICE_TOO_SHORT names the earliest allowed moment', () => {
    expect(rotationProblems({ effectiveAt: '2030-01-07T23:00:00Z' }, NOW, 168)).toEqual([
      expect.objectContaining({ code: 'PSEUDONYM.NOTICE_TOO_SHORT', path: 'body.effectiveAt', message: expect.stringContaining('2030-01-08T00:00:00.000Z') }),
    ]);
    expect(rotationProblems({ effectiveAt: '2030-01-08T00:00:00Z' }, NOW, 168)).toEqual([]);
    expect(rotationProblems({ effectiveAt: '2030-01-08T08:00:00+08:00' }, NOW, 168)).toEqual([]);
  });

  it('Given a request that is wrong in several ways, Then every problem is listed', () => {
    expect(rotationProblems({ effectiveAt: '2030-01-02T00:00:00Z', immediate: true }, NOW, 168).map((p) => p.code)).toEqual(['PSEUDONYM.ROTATION_WHEN', 'PSEUDONYM.REASON_REQUIRED', 'PSEUDONYM.NOTICE_TOO_SHORT']);
    expect(rotationProblems({}, NOW, 168).map((p) => p.code)).toEqual(['PSEUDONYM.ROTATION_WHEN']);
    expect(rotationProblems({ effectiveAt: '2031-02-30T00:00:00Z' }, NOW, 168).map((p) => p.code)).toEqual(['REQUEST.INVALID_FIELD']);
    expect(rotationProblems({ immediate: true, reason: '密钥泄露' }, NOW, 168)).toEqual([]);
  });

  it('Given HUJI_PSEUDONYM_NOTICE_HOURS, Then it sets the notice (default a week); a value that is not hours is refused', () => {
    expect([pseudonymNoticeHours({}), pseudonymNoticeHours({ HUJI_PSEUDONYM_NOTICE_HOURS: '24' }), pseudonymNoticeHours({ HUJI_PSEUDONYM_NOTICE_HOURS: '0.5' })]).toEqual([168, 24, 0.5]);
    expect(() => pseudonymNoticeHours({ HUJI_PSEUDONYM_NOTICE_HOURS: 'week' })).toThrow(/HUJI_PSEUDONYM_NOTICE_HOURS/);
    expect(() => pseudonymNoticeHours({ HUJI_PSEUDONYM_NOTICE_HOURS: '-1' })).toThrow(/HUJI_PSEUDONYM_NOTICE_HOURS/);
  });
});
