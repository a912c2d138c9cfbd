import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { errorFields, logLine, redactedUrl } from '../ops/log';
import { ApiError, problemOf, type ProblemDocument } from './problem';

/** Nest's own HTTP exceptions (an unknown route, a method not allowed) in the registry's terms. */
const fromHttpException = (e: HttpException): unknown => {
  if (e.cause && typeof e.cause === 'object' && 'statusCode' in e.cause) return e.cause; // Fastify's own (body parsing, size)
  const status = e.getStatus();
  const code = status === 404 ? 'ROUTE.NOT_FOUND' : status === 405 ? 'ROUTE.METHOD_NOT_ALLOWED' : status === 413 ? 'REQUEST.BODY_TOO_LARGE' : 'REQUEST.INVALID';
  return new ApiError(status, code, e.message);
};

/** Writes a problem document; 5xx are logged with their cause (the client sees no internals). */
export const sendProblem = (reply: FastifyReply, request: FastifyRequest, error: unknown): void => {
  const problem: ProblemDocument = { ...problemOf(error instanceof HttpException ? fromHttpException(error) : error), instance: request.url.split('?')[0] };
  // The URL redacted, the error bounded (ops/log.ts); the request body and headers are never logged.
  if (problem.status >= 500) logLine('error', 'request failed', { method: request.method, route: request.routeOptions.url ?? 'unmatched', url: redactedUrl(request.url), reqId: request.id, ...errorFields(error) });
  if (problem.status === 401) void reply.header('WWW-Authenticate', `Bearer realm="huji", error="invalid_token"`);
  if (typeof problem.retryAfter === 'number') void reply.header('Retry-After', String(problem.retryAfter)); // 429 and 503: when to try again, in seconds
  void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
};

/** STYLE.md §6: one filter maps every error to RFC 9457 problem+json with a stable code. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    if (reply.sent) return;
    sendProblem(reply, http.getRequest<FastifyRequest>(), error);
  }
}

/** A result that names a stream revision carries it as the ETag (STYLE.md §5); a created one its Location. */
@Injectable()
export class RevisionHeaders implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(map((result: unknown) => {
      if (result && typeof result === 'object') {
        const r = result as { revision?: unknown; position?: unknown; stream?: unknown; id?: unknown; replayed?: unknown };
        if (typeof r.revision === 'number') void reply.header('ETag', `"${r.revision}"`);
        if (typeof r.position === 'string') void reply.header('X-Huji-Position', r.position);
        if (r.replayed === true) void reply.header('Idempotent-Replayed', 'true');
        if (reply.statusCode === 201 && typeof r.stream === 'string' && typeof r.id === 'string')
          void reply.header('Location', `/${r.stream.startsWith('person-') ? 'persons' : 'households'}/${encodeURIComponent(r.id)}`);
      }
      return result;
    }));
  }
}
