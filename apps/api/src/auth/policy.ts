import { readFileSync } from 'node:fs';
import { type JSONWebKeySet } from 'jose';
import { ConfigError } from '../config-error';
import { publicKeySet } from './keys';

/** Where an identity provider's public keys come from: a JWKS file read at start, or its JWKS URL (fetched, cached). */
export type JwksSource = { readonly file: string; readonly keys: JSONWebKeySet } | { readonly url: string };

/**
 * What a bearer token must satisfy besides its signature (README "Security"). Local tokens (`huji token`,
 * HS256 with the registry's key) and an organisation's identity provider's tokens (EdDSA, RS256, ES256
 * against `jwks`) are held to the same issuer, audience and lifetime.
 */
export interface TokenPolicy {
  /** `iss` every token must carry (`HUJI_JWT_ISSUER`, default `huji`); `huji token` issues with it. */
  readonly issuer: string;
  /** `aud` every token must carry when set (`HUJI_JWT_AUDIENCE`); `huji token` issues with it. */
  readonly audience?: string;
  /** The longest a token may live, in seconds (`HUJI_TOKEN_MAX_LIFETIME`, default 86400): both exp − iat and exp − now. */
  readonly maxLifetimeSeconds: number;
  /** An identity provider's public keys (`HUJI_JWKS_FILE` or `HUJI_JWKS_URL`); without them only HS256 tokens verify. */
  readonly jwks?: JwksSource;
}

export const DEFAULT_ISSUER = 'huji';
export const DEFAULT_MAX_LIFETIME_SECONDS = 24 * 3600;
/** Clocks of the registry and an identity provider differ a little: nbf, iat and exp are checked with this leeway. */
export const CLOCK_TOLERANCE_SECONDS = 30;

const maxLifetimeOf = (value: string | undefined): number => {
  if (value === undefined || value.trim() === '') return DEFAULT_MAX_LIFETIME_SECONDS;
  const seconds = Number(value);
  if (!Number.isSafeInteger(seconds) || seconds < 60) throw new ConfigError(`HUJI_TOKEN_MAX_LIFETIME must be a whole number of seconds, at least 60, got "${value}"`);
  return seconds;
};

/** Reads and checks a JWKS file: public signing keys only (a private key there would be a leak, not a configuration). */
export const readJwksFile = (file: string): JSONWebKeySet => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`HUJI_JWKS_FILE ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(`HUJI_JWKS_FILE ${file} is not JSON`);
  }
  const { keys, problem } = publicKeySet(parsed);
  if (problem !== undefined) throw new ConfigError(`HUJI_JWKS_FILE ${file} ${problem}`);
  return keys;
};

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An https URL (plain http only to this machine: keys fetched in the clear let anyone on the path forge tokens). */
const jwksUrlOf = (value: string): string => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`HUJI_JWKS_URL must be a URL, got "${value}"`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
    throw new ConfigError(`HUJI_JWKS_URL must be an https:// URL (http:// only on localhost), got "${value}"`);
  return url.href;
};

const jwksOf = (env: NodeJS.ProcessEnv): JwksSource | undefined => {
  const file = env.HUJI_JWKS_FILE?.trim();
  const url = env.HUJI_JWKS_URL?.trim();
  if (file && url) throw new ConfigError('set HUJI_JWKS_FILE or HUJI_JWKS_URL, not both');
  if (file) return { file, keys: readJwksFile(file) };
  if (url) return { url: jwksUrlOf(url) };
  return undefined;
};

export const tokenPolicyFromEnv = (env: NodeJS.ProcessEnv = process.env): TokenPolicy => {
  const audience = env.HUJI_JWT_AUDIENCE?.trim();
  const jwks = jwksOf(env);
  return {
    issuer: env.HUJI_JWT_ISSUER?.trim() || DEFAULT_ISSUER,
    ...(audience ? { audience } : {}),
    maxLifetimeSeconds: maxLifetimeOf(env.HUJI_TOKEN_MAX_LIFETIME),
    ...(jwks ? { jwks } : {}),
  };
};
