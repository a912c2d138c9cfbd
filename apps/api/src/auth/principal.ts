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
  /**
   * 数据共享协议: the data-sharing agreement the token is issued under (claim `agreement`). A subscriber's
   * pseudonyms are keyed per agreement (else per subject), so every system under one agreement sees the same ones.
   */
  readonly agreement?: string;
}

/** The registry's own claims in a token, besides the registered ones (iss, sub, aud, iat, nbf, exp). */
export interface RegistryClaims {
  readonly role: Role;
  readonly regions?: readonly string[];
  readonly grants?: readonly string[];
  readonly office?: string;
  readonly agreement?: string;
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);
/** An agreement's name: a letter or digit, then letters, digits, `.`, `_`, `:` or `-` (at most 100). */
export const AGREEMENT = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
/** A region code prefix: province, city, county, township or village (2, 4, 6, 9 or 12 digits). */
export const REGION_PREFIX = /^(?:\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/;

/**
 * The principal a verified claims set names, or undefined when its claims do not make one: a subject, a known
 * role, region prefixes (a registrar needs at least one), grants as string lists and, when present, an agreement name. `exp` is checked before.
 */
export const principalOf = (claims: Readonly<Record<string, unknown>>): Principal | undefined => {
  const { sub, role, office, exp, agreement } = claims;
  const regions = claims.regions ?? [];
  const grants = claims.grants ?? [];
  if (typeof sub !== 'string' || sub === '' || !isRole(role) || typeof exp !== 'number') return undefined;
  if (!isStringArray(regions) || !regions.every((r) => REGION_PREFIX.test(r)) || !isStringArray(grants)) return undefined;
  if (role === 'registrar' && regions.length === 0) return undefined;
  if (agreement !== undefined && (typeof agreement !== 'string' || !AGREEMENT.test(agreement))) return undefined;
  return {
    subject: sub, role, regions, grants, office: typeof office === 'string' && office ? office : (regions[0] ?? role), expiresAt: exp * 1000,
    ...(agreement !== undefined ? { agreement } : {}),
  };
};

/** A registrar acts only inside its regions; every other role that may call a command acts anywhere. */
export const inScope = (principal: Principal, regionCode: string): boolean =>
  principal.role !== 'registrar' || principal.regions.some((prefix) => regionCode.startsWith(prefix));
