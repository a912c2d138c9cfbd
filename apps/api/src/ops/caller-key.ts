import { createHash } from 'node:crypto';
import { type FastifyRequest } from 'fastify';

const BEARER = /^Bearer +([A-Za-z0-9_.-]+)$/;

/**
 * Whom a limit counts against: the bearer token, by a hash of it (a key may be kept or logged, the token
 * never), or — for a call without one — the client's address. A token that does not verify gets its own
 * key too, but it is refused with 401 before any work is done.
 */
export const callerKeyOf = (request: FastifyRequest): string => {
  const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
  return token ? `token:${createHash('sha256').update(token).digest('base64url').slice(0, 32)}` : `ip:${request.ip}`;
};
