import { ApiError } from '../http/problem';
import { bearerToken } from './bearer';
import { REFUSALS, type Principal, type TokenVerifier } from './jwt';
import { KeysUnavailable } from './keys';

/** How many verified tokens are remembered before the cache starts over. */
const CACHE_LIMIT = 10_000;

/**
 * Tokens already verified, with their expiry: a client sends the same token with every request, and a
 * signature check (an RSA one above all) costs more than the request. A token is served from here only
 * until its `exp`.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Principal>();

  get(token: string, now: Date): Principal | undefined {
    const known = this.entries.get(token);
    if (known === undefined) return undefined;
    if (known.expiresAt > now.getTime()) return known;
    this.entries.delete(token);
    return undefined;
  }

  set(token: string, principal: Principal): void {
    if (this.entries.size >= CACHE_LIMIT) this.entries.clear();
    this.entries.set(token, principal);
  }
}

/**
 * The caller an `Authorization: Bearer <token>` header names, or a 401 problem saying why not (AUTH.REQUIRED,
 * AUTH.TOKEN_*); a 503 (AUTH.KEYS_UNAVAILABLE) when the identity provider's keys cannot be fetched.
 */
export const authenticate = async (header: string | undefined, verify: TokenVerifier, verified: VerifiedTokens, now = new Date()): Promise<Principal> => {
  if (!header) throw new ApiError(401, 'AUTH.REQUIRED', 'this route needs a bearer token (Authorization: Bearer …)');
  const token = bearerToken(header);
  if (token === undefined) throw new ApiError(401, 'AUTH.TOKEN_MALFORMED', 'the Authorization header must be "Bearer <token>"');
  const known = verified.get(token, now);
  if (known) return known;
  let result: Awaited<ReturnType<TokenVerifier>>;
  try {
    result = await verify(token, now);
  } catch (error) {
    if (error instanceof KeysUnavailable) throw new ApiError(503, 'AUTH.KEYS_UNAVAILABLE', 'the identity provider\'s keys cannot be fetched just now: retry shortly');
    throw error;
  }
  if (typeof result === 'string') throw new ApiError(401, result, `the bearer token was refused (${result}): ${REFUSALS[result]}`);
  verified.set(token, result);
  return result;
};

/**
 * 调用者: who calls, for the guard and for the limits per caller alike — each bearer token verified once
 * (then served from the cache until its `exp`).
 */
export class Callers {
  private readonly verified = new VerifiedTokens();

  constructor(private readonly verify: TokenVerifier) {}

  /** The verified caller, or the 401/503 problem saying why not. */
  authenticate(header: string | undefined): Promise<Principal> {
    return authenticate(header, this.verify, this.verified);
  }

  /** The verified caller, or undefined for no token or one that does not verify (its refusal is the guard's to give). */
  principalOf(header: string | undefined): Promise<Principal | undefined> {
    return header === undefined ? Promise.resolve(undefined) : this.authenticate(header).catch(() => undefined);
  }
}
