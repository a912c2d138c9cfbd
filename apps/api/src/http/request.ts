import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { type Principal } from '../auth/jwt';
import { fingerprintOf } from '../commands/idempotency';
import { ApiError } from './problem';

/** A request once the guard has let it through: who calls, and the command options from the headers. */
export type HujiRequest = FastifyRequest & { principal?: Principal };

/** The verified caller (only on routes with roles). */
export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<HujiRequest>().principal;
  if (!principal) throw new ApiError(401, 'AUTH.REQUIRED', 'this route needs a bearer token');
  return principal;
});

/** What a command takes from its headers. */
export interface CommandHeaders {
  /** `Idempotency-Key`: a retried command returns its first result and appends nothing. */
  readonly idempotencyKey?: string;
  /** `If-Match`: the stream revision (ETag) the client last saw; a stale one gives 412. */
  readonly expectedRevision?: number;
  readonly correlationId?: string;
  /** With an Idempotency-Key: a digest of the request (method, path, body); the same key for another request is refused. */
  readonly fingerprint?: string;
  /** The key is already bound to the stream the registry chose for it (a birth's number): the runner need not bind it. */
  readonly keyBound?: boolean;
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

const KEY = /^[\x21-\x7e]{1,128}$/;
const ETAG = /^(?:W\/)?"?(\d{1,15})"?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const commandHeadersOf = (request: FastifyRequest): CommandHeaders => {
  const key = header(request, 'idempotency-key');
  const ifMatch = header(request, 'if-match');
  const correlation = header(request, 'x-correlation-id');
  const problems = [
    ...(key !== undefined && !KEY.test(key) ? [{ code: 'REQUEST.INVALID_IDEMPOTENCY_KEY', message: 'Idempotency-Key must be 1 to 128 printable ASCII characters', path: 'headers.idempotency-key' }] : []),
    ...(ifMatch !== undefined && !ETAG.test(ifMatch.trim()) ? [{ code: 'REQUEST.INVALID_IF_MATCH', message: 'If-Match must be the ETag a read returned, e.g. "3"', path: 'headers.if-match' }] : []),
    ...(correlation !== undefined && !UUID.test(correlation) ? [{ code: 'REQUEST.INVALID_CORRELATION_ID', message: 'X-Correlation-Id must be a lower-case UUID', path: 'headers.x-correlation-id' }] : []),
  ];
  if (problems.length > 0) throw new ApiError(400, problems.length === 1 ? problems[0]!.code : 'REQUEST.INVALID', problems.map((p) => p.message).join('; '), problems);
  const revision = ifMatch === undefined ? undefined : Number(ETAG.exec(ifMatch.trim())![1]);
  return { ...(key ? { idempotencyKey: key, fingerprint: fingerprintOf(`${request.method} ${request.url.split('?')[0]}`, request.body) } : {}), ...(revision !== undefined ? { expectedRevision: revision } : {}), ...(correlation ? { correlationId: correlation } : {}) };
};

/** The command options from the headers (Idempotency-Key, If-Match, X-Correlation-Id). */
export const Headers = createParamDecorator((_: unknown, context: ExecutionContext): CommandHeaders =>
  commandHeadersOf(context.switchToHttp().getRequest<FastifyRequest>()));
