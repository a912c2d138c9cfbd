import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions, SignJWT } from 'jose';
import { hmacKey, KeysUnavailable, LOCAL_ALGORITHM, type VerificationKeys, verificationKeys } from './keys';
import { CLOCK_TOLERANCE_SECONDS, DEFAULT_ISSUER, type TokenPolicy } from './policy';
import { type Principal, principalOf, type RegistryClaims } from './principal';

export { inScope, type Principal, type Role, ROLES } from './principal';

/** Why a token was refused (401 AUTH.* codes, stable: clients switch on them). */
export type TokenRefusal =
  | 'AUTH.TOKEN_MALFORMED' | 'AUTH.TOKEN_SIGNATURE' | 'AUTH.TOKEN_EXPIRED' | 'AUTH.TOKEN_NOT_YET_VALID' | 'AUTH.TOKEN_LIFETIME' | 'AUTH.TOKEN_CLAIMS';

/** What each refusal means, for the problem document's detail. */
export const REFUSALS: Readonly<Record<TokenRefusal, string>> = {
  'AUTH.TOKEN_MALFORMED': 'it is not a signed JWT (three base64url parts) whose claims are a JSON object',
  'AUTH.TOKEN_SIGNATURE': 'its signature does not verify with an algorithm and key this registry accepts',
  'AUTH.TOKEN_EXPIRED': 'it has expired',
  'AUTH.TOKEN_NOT_YET_VALID': 'it is not valid yet (nbf or iat in the future)',
  'AUTH.TOKEN_LIFETIME': 'it has no finite exp, or lives longer than the maximum token lifetime',
  'AUTH.TOKEN_CLAIMS': 'its claims (iss, aud, sub, role, regions, grants, iat) do not name a principal of this registry',
};

/** Verifies a bearer token at a moment: the principal, or why it was refused. KeysUnavailable when the provider's keys cannot be fetched. */
export type TokenVerifier = (token: string, now: Date) => Promise<Principal | TokenRefusal>;

/** How long `huji token` tokens live unless asked otherwise. */
export const DEFAULT_TTL_SECONDS = 8 * 3600;

/** Issues an HS256 JWT (RFC 7519) for a principal, signed with the registry's key, valid `ttlSeconds` from `now`. */
export const issueToken = async (
  principal: Omit<Principal, 'office' | 'expiresAt'> & { office?: string }, secret: string, now: Date, ttlSeconds = DEFAULT_TTL_SECONDS,
  policy: Pick<TokenPolicy, 'issuer' | 'audience'> = { issuer: DEFAULT_ISSUER },
): Promise<string> => {
  const key = hmacKey(secret);
  const iat = Math.floor(now.getTime() / 1000);
  const claims: RegistryClaims = {
    role: principal.role, ...(principal.regions.length ? { regions: principal.regions } : {}), ...(principal.grants.length ? { grants: principal.grants } : {}),
    ...(principal.office ? { office: principal.office } : {}), ...(principal.agreement ? { agreement: principal.agreement } : {}),
  };
  const jwt = new SignJWT({ ...claims }).setProtectedHeader({ alg: LOCAL_ALGORITHM, typ: 'JWT' })
    .setSubject(principal.subject).setIssuer(policy.issuer).setIssuedAt(iat).setExpirationTime(iat + ttlSeconds);
  if (policy.audience) jwt.setAudience(policy.audience);
  return jwt.sign(key);
};

/** jose's verdicts in the registry's codes: nothing about the claims is reported before the signature verified. */
const refusalOf = (error: unknown): TokenRefusal => {
  if (error instanceof errors.JWTExpired) return 'AUTH.TOKEN_EXPIRED';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf' && error.reason === 'check_failed') return 'AUTH.TOKEN_NOT_YET_VALID';
    return error.claim === 'exp' ? 'AUTH.TOKEN_LIFETIME' : 'AUTH.TOKEN_CLAIMS';
  }
  if (error instanceof errors.JWTInvalid) return 'AUTH.TOKEN_MALFORMED'; // verified, but the claims set is not a JSON object
  // An unreadable header, an algorithm not allowed, no key of that type or id, a bad signature: unverifiable.
  return 'AUTH.TOKEN_SIGNATURE';
};

/** Bounds the lifetime (exp − now and exp − iat) and refuses an iat in the future; jose has checked exp and nbf. */
const timeRefusal = (claims: JWTPayload, now: Date, maxLifetime: number): TokenRefusal | undefined => {
  const { exp, iat } = claims;
  const at = now.getTime() / 1000;
  if (typeof exp !== 'number' || !Number.isFinite(exp) || exp - at > maxLifetime + CLOCK_TOLERANCE_SECONDS) return 'AUTH.TOKEN_LIFETIME';
  if (iat === undefined) return undefined;
  if (iat > at + CLOCK_TOLERANCE_SECONDS) return 'AUTH.TOKEN_NOT_YET_VALID';
  if (!Number.isFinite(iat)) return 'AUTH.TOKEN_CLAIMS';
  return exp - iat > maxLifetime ? 'AUTH.TOKEN_LIFETIME' : undefined;
};

/** jwtVerify, trying each candidate when a key set holds several keys that fit the header (no `kid`). */
const verifiedClaims = async (token: string, key: JWTVerifyGetKey, options: JWTVerifyOptions): Promise<JWTPayload> => {
  try {
    return (await jwtVerify(token, key, options)).payload;
  } catch (error) {
    if (!(error instanceof errors.JWKSMultipleMatchingKeys)) throw error;
    for await (const candidate of error) {
      try {
        return (await jwtVerify(token, candidate, options)).payload;
      } catch (inner) {
        if (!(inner instanceof errors.JWSSignatureVerificationFailed)) throw inner;
      }
    }
    throw new errors.JWSSignatureVerificationFailed();
  }
};

/**
 * Verifies a compact JWS token: the algorithm from the allow-list and the key by its type, then issuer,
 * audience, exp (required), nbf, iat and the maximum lifetime with a small clock tolerance, then the claims.
 * Every malformed or hostile token is a refusal, never an exception.
 */
export const verifyToken = async (token: string, keys: VerificationKeys, policy: TokenPolicy, now: Date): Promise<Principal | TokenRefusal> => {
  if (token.split('.').length !== 3) return 'AUTH.TOKEN_MALFORMED';
  const options: JWTVerifyOptions = {
    algorithms: [...keys.algorithms], issuer: policy.issuer, ...(policy.audience ? { audience: policy.audience } : {}),
    requiredClaims: ['exp'], clockTolerance: CLOCK_TOLERANCE_SECONDS, currentDate: now,
  };
  let claims: JWTPayload;
  try {
    claims = await verifiedClaims(token, keys.key, options);
  } catch (error) {
    if (error instanceof KeysUnavailable) throw error;
    return refusalOf(error);
  }
  return timeRefusal(claims, now, policy.maxLifetimeSeconds) ?? principalOf(claims) ?? 'AUTH.TOKEN_CLAIMS';
};

/** The verifier the API uses: the registry's key and the identity provider's keys, resolved once. */
export const tokenVerifier = (policy: TokenPolicy, secret: string): TokenVerifier => {
  const keys = verificationKeys(policy, secret);
  return (token, now) => verifyToken(token, keys, policy, now);
};
