import { createHash } from 'node:crypto';
import { type FastifyRequest } from 'fastify';
import { type Callers } from '../auth/authenticate';

/** Whom a limit counts against: the holder of a bearer token, or the client's address for a call without one. */
export interface CallerKey {
  readonly kind: 'token' | 'address';
  readonly key: string;
}

/**
 * The caller a request counts against, before any work: a token that verifies counts against its subject —
 * every spelling of its signature, and every token of the subject, share one allowance, and nobody can spend a
 * holder's allowance by sending its payload with a junk signature. No token, or one that does not verify,
 * counts against the client's address. A token is verified once here (the guard then finds it in the cache).
 */
export const callerKeyOf = async (request: FastifyRequest, callers: Callers): Promise<CallerKey> => {
  const principal = await callers.principalOf(request.headers.authorization);
  if (principal === undefined) return { kind: 'address', key: `ip:${request.ip}` };
  return { kind: 'token', key: `sub:${createHash('sha256').update(principal.subject).digest('base64url').slice(0, 32)}` };
};
