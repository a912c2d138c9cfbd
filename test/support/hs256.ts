/**
 * TEST ONLY: a compact HS256 JWS signer written from RFC 7515 with node:crypto alone. It is an oracle
 * independent of jose (the API verifies with jose, so a token signed here and accepted there proves jose
 * reads standard tokens), it is synchronous (the e2e harness's `token()` is called in hundreds of places),
 * and it signs what a real issuer would refuse to: a null or array payload, `exp: 1e309` (raw JSON text), any
 * header (`alg: none`, HS512).
 */
import { createHmac } from 'node:crypto';

const encode = (text: string): string => Buffer.from(text).toString('base64url');

/** The HMAC for a JWS header's `alg` (HS256 by default; HS384/HS512 to test that they are refused). */
const HASHES: Readonly<Record<string, string>> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/**
 * Signs `payload` (an object, null, or raw JSON text used verbatim) under `header`. With `alg: none` the
 * signature part is empty, as an attacker would send it.
 */
export const signJws = (payload: unknown, secret: string, header: Readonly<Record<string, unknown>> = { alg: 'HS256', typ: 'JWT' }): string => {
  const body = `${encode(JSON.stringify(header))}.${encode(typeof payload === 'string' ? payload : JSON.stringify(payload))}`;
  const hash = typeof header.alg === 'string' ? HASHES[header.alg] : undefined;
  return `${body}.${hash ? createHmac(hash, secret).update(body).digest('base64url') : ''}`;
};

/** The registry's claims for a test principal, `ttlSeconds` from `now` (iss `huji` unless told). */
export const testClaims = (claims: { sub: string; role: string; regions?: readonly string[]; grants?: readonly string[]; iss?: string }, now: Date, ttlSeconds: number): Record<string, unknown> => {
  const iat = Math.floor(now.getTime() / 1000);
  return {
    sub: claims.sub, role: claims.role, iss: claims.iss ?? 'huji', iat, exp: iat + ttlSeconds,
    ...(claims.regions?.length ? { regions: claims.regions } : {}), ...(claims.grants?.length ? { grants: claims.grants } : {}),
  };
};
