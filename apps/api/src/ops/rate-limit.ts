import rateLimit from '@fastify/rate-limit';
import { type FastifyInstance } from 'fastify';
import { ApiError } from '../http/problem';
import { type Callers } from '../auth/authenticate';
import { type CallerKey, callerKeyOf } from './caller-key';

/** Probes and scrapers poll these: never limited (they do no work worth limiting). */
const EXEMPT = new Set(['/health', '/metrics']);

/**
 * 限流: at most `perMinute` requests a minute per bearer token (per client address without one: ops/caller-key.ts), counted
 * when a request arrives, before any work; one more is 429 RATE.LIMITED as problem+json, with Retry-After
 * (seconds until the minute's window ends). Unknown routes are not counted (they do nothing). 0: no limit.
 */
export const registerRateLimit = async (fastify: FastifyInstance, perMinute: number, callers: Callers): Promise<void> => {
  const counted = new WeakMap<object, CallerKey['kind']>();
  if (perMinute === 0) return;
  await fastify.register(rateLimit, {
    global: true,
    max: perMinute,
    timeWindow: 60_000,
    cache: 20_000, // callers tracked at once (least recently seen forgotten first)
    keyGenerator: async (request) => {
      const caller = await callerKeyOf(request, callers);
      counted.set(request, caller.kind);
      return caller.key;
    },
    allowList: (request) => EXEMPT.has(request.routeOptions.url ?? ''),
    errorResponseBuilder: (request, context) => new ApiError(429, 'RATE.LIMITED', `more than ${context.max} requests a minute ${counted.get(request) === 'token' ? 'with this token\'s subject' : 'from this address without a token that verifies'}: retry in ${context.after}`, [], { retryAfter: Math.ceil(context.ttl / 1000) }),
  });
};
