import { createLocalJWKSet, createRemoteJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { ConfigError } from '../config-error';
import { type JwksSource, type TokenPolicy } from './policy';

/** The shared-key algorithm: the registry's own tokens (`huji token`), for local use. */
export const LOCAL_ALGORITHM = 'HS256';
/** The public-key algorithms an identity provider's tokens may use, each tied to its key type. */
export const PROVIDER_ALGORITHMS = ['EdDSA', 'RS256', 'ES256'] as const;

/** The keys and algorithms a token may be verified with: nothing in a token's header widens them. */
export interface VerificationKeys {
  readonly algorithms: readonly string[];
  readonly key: JWTVerifyGetKey;
}

/** The identity provider's keys could not be fetched: a 503 for the caller, not a verdict on the token. */
export class KeysUnavailable extends Error {
  override readonly name = 'KeysUnavailable';
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const KEY_TYPES = ['RSA', 'OKP', 'EC'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON Web Key Set of public signing keys (RSA, OKP, EC), or what is wrong with it. */
export const publicKeySet = (value: unknown): { keys: JSONWebKeySet; problem?: undefined } | { keys?: undefined; problem: string } => {
  if (!isRecord(value) || !Array.isArray(value.keys) || value.keys.length === 0) return { problem: 'is not a JSON Web Key Set ({"keys": [ … ]} with at least one key)' };
  for (const [i, key] of (value.keys as unknown[]).entries()) {
    if (!isRecord(key) || typeof key.kty !== 'string' || !KEY_TYPES.includes(key.kty)) return { problem: `key ${i} is not an RSA, OKP or EC key` };
    const secret = PRIVATE_MEMBERS.filter((member) => member in key);
    if (secret.length > 0) return { problem: `key ${i} holds private key material (${secret.join(', ')}): publish the public keys only` };
    if (key.use !== undefined && key.use !== 'sig') return { problem: `key ${i} is not a signing key (use: ${JSON.stringify(key.use)})` };
  }
  return { keys: value as unknown as JSONWebKeySet };
};

/** An identity provider's keys as a jose key set; a failure to fetch them becomes KeysUnavailable. */
const providerKeys = (source: JwksSource): JWTVerifyGetKey => {
  if ('keys' in source) return createLocalJWKSet(source.keys);
  const remote = createRemoteJWKSet(new URL(source.url), { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys || error instanceof errors.JOSENotSupported) throw error;
      throw new KeysUnavailable(`the identity provider's keys at ${source.url} could not be fetched: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };
};

/**
 * The registry's own key as HMAC key bytes. Never an empty one, in any mode: HS256 with an empty key is a
 * signature anyone can compute. (Weak keys are refused at start, auth/secret.ts; development mode allows them.)
 */
export const hmacKey = (secret: string): Uint8Array => {
  if (secret.length === 0) throw new ConfigError('the registry\'s signing key is empty: refusing to sign or verify tokens with it');
  return new TextEncoder().encode(secret);
};

/**
 * The keys tokens are verified with. HS256 always means the registry's own key and nothing else; EdDSA,
 * RS256 and ES256 mean a key of the provider's set of the type the algorithm needs (jose matches `kty`,
 * `crv`, `kid` and `alg`), so a public key is never taken for an HMAC secret, and `none` is never accepted.
 */
export const verificationKeys = (policy: Pick<TokenPolicy, 'jwks'>, secret: string): VerificationKeys => {
  const hmac = hmacKey(secret);
  const provider = policy.jwks && providerKeys(policy.jwks);
  return {
    algorithms: [LOCAL_ALGORITHM, ...(provider ? PROVIDER_ALGORITHMS : [])],
    key: (header, token) => {
      if (header.alg === LOCAL_ALGORITHM) return hmac;
      if (provider && (PROVIDER_ALGORITHMS as readonly string[]).includes(header.alg)) return provider(header, token);
      throw new errors.JOSEAlgNotAllowed(`"alg" ${header.alg} is not accepted`);
    },
  };
};
