import { createHmac, timingSafeEqual } from 'node:crypto';

/** The roles of the registry (DESIGN.md "Who uses it"). */
export const ROLES = ['registrar', 'auditor', 'statistician', 'subscriber', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as a verified token says. */
export interface Principal {
  readonly subject: string;
  readonly role: Role;
  /** 辖区: region code prefixes a registrar may act in (empty for other roles: they are not scoped). */
  readonly regions: readonly string[];
  /** Extra grants, e.g. `personal-data` for a subscriber allowed to receive names and id numbers. */
  readonly grants: readonly string[];
  /** The acting office, recorded in every event's metadata. */
  readonly office: string;
  /** When the token expires (ms since the epoch): a long-lived event stream closes then. */
  readonly expiresAt: number;
}

export interface TokenClaims {
  readonly sub: string;
  readonly role: Role;
  readonly regions?: readonly string[];
  readonly grants?: readonly string[];
  readonly office?: string;
  readonly iat: number;
  readonly exp: number;
  readonly iss: string;
}

export const ISSUER = 'huji';
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

const sign = (input: string, secret: string): string => createHmac('sha256', secret).update(input).digest('base64url');

/** Issues an HS256 JWT (RFC 7519) for a principal, valid `ttlSeconds` from `now`. */
export const issueToken = (principal: Omit<Principal, 'office' | 'expiresAt'> & { office?: string }, secret: string, now: Date, ttlSeconds = 8 * 3600): string => {
  const iat = Math.floor(now.getTime() / 1000);
  const claims: TokenClaims = {
    sub: principal.subject, role: principal.role, iat, exp: iat + ttlSeconds, iss: ISSUER,
    ...(principal.regions.length ? { regions: principal.regions } : {}), ...(principal.grants.length ? { grants: principal.grants } : {}),
    ...(principal.office ? { office: principal.office } : {}),
  };
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${sign(body, secret)}`;
};

/** Why a token was refused (401 AUTH.* codes). */
export type TokenRefusal = 'AUTH.TOKEN_MALFORMED' | 'AUTH.TOKEN_SIGNATURE' | 'AUTH.TOKEN_EXPIRED' | 'AUTH.TOKEN_CLAIMS';

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const REGION_PREFIX = /^(?:\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/;

/** Verifies signature, algorithm, issuer, expiry and claims; returns the principal or the reason for refusal. */
export const verifyToken = (token: string, secret: string, now: Date): Principal | TokenRefusal => {
  const parts = token.split('.');
  if (parts.length !== 3) return 'AUTH.TOKEN_MALFORMED';
  const [header, body, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(`${header}.${body}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'AUTH.TOKEN_SIGNATURE';
  let claims: Partial<TokenClaims>;
  try {
    const head = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: unknown };
    if (head.alg !== 'HS256') return 'AUTH.TOKEN_MALFORMED';
    claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Partial<TokenClaims>;
  } catch {
    return 'AUTH.TOKEN_MALFORMED';
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now.getTime()) return 'AUTH.TOKEN_EXPIRED';
  const regions = claims.regions ?? [];
  const grants = claims.grants ?? [];
  if (claims.iss !== ISSUER || typeof claims.sub !== 'string' || claims.sub === '' || !ROLES.includes(claims.role as Role)
    || !isStringArray(regions) || !regions.every((r) => REGION_PREFIX.test(r)) || !isStringArray(grants)
    || (claims.role === 'registrar' && regions.length === 0)) return 'AUTH.TOKEN_CLAIMS';
  return { subject: claims.sub, role: claims.role!, regions, grants, office: typeof claims.office === 'string' && claims.office ? claims.office : (regions[0] ?? claims.role!), expiresAt: claims.exp * 1000 };
};

/** A registrar acts only inside its regions; every other role that may call a command acts anywhere. */
export const inScope = (principal: Principal, regionCode: string): boolean =>
  principal.role !== 'registrar' || principal.regions.some((prefix) => regionCode.startsWith(prefix));
