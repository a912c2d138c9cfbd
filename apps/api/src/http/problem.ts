import { isDomainError } from '../../../../libs/domain/src/shared/errors';
import { isEventStoreError, WrongExpectedRevisionError } from '../../../../libs/event-store/src';

/** One field problem inside a problem document: a stable code, a message, and where. */
export interface FieldProblem {
  readonly code: string;
  readonly message: string;
  readonly path?: string;
  /** The recorded fact a refusal conflicts with (TIME.ORDER and the like): stream, event, revision, effective date. */
  readonly fact?: { readonly stream: string; readonly event: string; readonly revision: number; readonly effectiveDate: string };
}

/**
 * An RFC 9457 problem document (`application/problem+json`). `code` is stable (clients switch on it);
 * `problems` lists every field problem found, not just the first.
 */
export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly instance?: string;
  readonly problems: readonly FieldProblem[];
  readonly [extension: string]: unknown;
}

/** An error the HTTP layer raises itself (auth, body, route parameters, idempotency). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: readonly FieldProblem[] = [],
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
  408: 'Request Timeout', 409: 'Conflict', 412: 'Precondition Failed', 413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content',
  428: 'Precondition Required', 429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

/** Codes of illegal states that are conflicts with what exists (409); every other illegal state is 422. */
const CONFLICT = /ALREADY_(REGISTERED|EXISTS|DECLARED)|VERSION_CONFLICT|IDEMPOTENCY\.IN_PROGRESS/;

const document = (status: number, code: string, detail: string, problems: readonly FieldProblem[], extensions: Readonly<Record<string, unknown>> = {}): ProblemDocument => ({
  type: `https://huji.example/problems/${code.toLowerCase().replaceAll('.', '/').replaceAll('_', '-')}`,
  title: TITLES[status] ?? 'Error', status, code, detail,
  problems: problems.length > 0 ? problems : [{ code, message: detail }],
  ...extensions,
});

/** Does the status a transport error carries (Fastify's own, e.g. FST_ERR_CTP_BODY_TOO_LARGE) say what went wrong? */
const transportStatus = (error: unknown): number | undefined => {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
};

const TRANSPORT_CODES: Readonly<Record<string, string>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST.BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST.BODY_REQUIRED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'REQUEST.MALFORMED_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST.INVALID_CONTENT_LENGTH',
};

/** Every error as a problem document; anything unexpected is a 500 that says nothing about internals. */
export const problemOf = (error: unknown): ProblemDocument => {
  if (error instanceof ApiError) return document(error.status, error.code, error.message, error.problems, error.extensions);
  if (isDomainError(error)) {
    const status = error.kind === 'invalid' ? 400 : error.kind === 'not-found' ? 404 : CONFLICT.test(error.code) ? 409 : 422;
    const problems = error.problems.map(({ code, message, path, fact }) => ({
      code, message, ...(path !== undefined ? { path } : {}), ...(fact ? { fact: { stream: fact.stream, event: fact.event, revision: fact.revision, effectiveDate: fact.effectiveDate } } : {}),
    }));
    return document(status, error.code, error.message, problems);
  }
  if (error instanceof WrongExpectedRevisionError)
    return document(412, error.code, `${error.message}: read the resource again and retry with its current ETag`, [], { expected: error.expected, actual: error.actual });
  if (isEventStoreError(error)) {
    const status = error.code === 'STORE.UNAVAILABLE' || error.code === 'STORE.CLOSED' ? 503 : error.code === 'APPEND.TOO_LARGE' ? 413 : error.code === 'STORE.CORRUPT' ? 500 : 400;
    return document(status, error.code, error.message, error.problems.map((p) => ({ code: error.code, message: p.message, path: p.path })));
  }
  const status = transportStatus(error);
  if (status !== undefined) {
    const raw = (error as { code?: unknown }).code;
    const fastifyCode = typeof raw === 'string' ? raw : '';
    const code = TRANSPORT_CODES[fastifyCode] ?? (status === 404 ? 'ROUTE.NOT_FOUND' : status === 413 ? 'REQUEST.BODY_TOO_LARGE' : 'REQUEST.INVALID');
    return document(status, code, error instanceof Error ? error.message : 'the request is invalid', []);
  }
  return document(500, 'INTERNAL', 'an unexpected error occurred; it has been logged', []);
};
