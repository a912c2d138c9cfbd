import { type Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { type Operation, OPERATION, type ParameterSpec } from './operation';

const PROBLEM = {
  type: 'object', required: ['type', 'title', 'status', 'code', 'detail', 'problems'],
  properties: {
    type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, code: { type: 'string', description: 'stable: clients switch on it' },
    detail: { type: 'string' }, instance: { type: 'string' },
    problems: { type: 'array', items: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, path: { type: 'string' } } } },
  },
};

const COMMON_ERRORS: Record<number, string> = {
  400: 'invalid request: every problem listed', 401: 'no or invalid bearer token', 403: 'role or region scope does not allow it', 404: 'not found',
  409: 'conflicts with what exists', 412: 'If-Match is stale: read again', 413: 'body too large', 415: 'not JSON', 422: 'refused by the rules',
  429: 'over the rate limit of the token (HUJI_RATE_LIMIT a minute), or its event streams at their cap: wait Retry-After seconds',
};

const openApiPath = (prefix: string, path: string): string =>
  `/${[prefix, path].filter(Boolean).join('/')}`.replace(/\/+/g, '/').replace(/\/$/, '').replace(/:([A-Za-z]+)/g, '{$1}') || '/';

const parameters = (where: 'path' | 'query', specs: Readonly<Record<string, ParameterSpec>> | undefined) =>
  Object.entries(specs ?? {}).map(([name, p]) => ({ name, in: where, required: where === 'path' || p.required === true, description: p.description, schema: p.schema.json }));

/** Every operation declared on the controllers, with its full path. */
export const operationsOf = (controllers: readonly Type[]): (Operation & { readonly fullPath: string })[] =>
  controllers.flatMap((controller) => {
    const prefix = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    return Object.getOwnPropertyNames(controller.prototype).flatMap((name) => {
      const handler = (controller.prototype as Record<string, unknown>)[name];
      const op = typeof handler === 'function' ? (Reflect.getMetadata(OPERATION, handler) as Operation | undefined) : undefined;
      return op ? [{ ...op, fullPath: openApiPath(prefix, op.path) }] : [];
    });
  });

/** The OpenAPI 3.1 document, built from the same specs the guard enforces. */
export const openApiDocument = (controllers: readonly Type[], version: string): Record<string, unknown> => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operationsOf(controllers)) {
    const headers = [
      ...Object.entries(op.headers ?? {}).map(([name, h]) => ({ name, in: 'header', required: h.required === true, description: h.description, schema: h.json })),
      ...(op.idempotent ? [{ name: 'Idempotency-Key', in: 'header', required: false, description: 'a retried command returns the first result and appends nothing', schema: { type: 'string', maxLength: 128 } }] : []),
      ...(op.ifMatch ? [{ name: 'If-Match', in: 'header', required: false, description: 'the ETag (stream revision) last read; stale → 412', schema: { type: 'string' } }] : []),
    ];
    const success = Object.fromEntries(Object.entries(op.responses).map(([status, description]) => [status, {
      description, content: { [op.produces ?? 'application/json']: { schema: {} } },
    }]));
    const errors = Object.fromEntries(Object.entries(COMMON_ERRORS)
      .filter(([s]) => (op.roles.length > 0 || !['401', '403', '429'].includes(s)) && (op.body || !['413', '415'].includes(s)))
      .map(([s, description]) => [s, { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }]));
    (paths[op.fullPath] ??= {})[op.method.toLowerCase()] = {
      summary: op.summary, ...(op.description ? { description: op.description } : {}), tags: [op.tag],
      ...(op.roles.length > 0 ? { security: [{ bearer: [] }], 'x-roles': op.roles } : { security: [] }),
      parameters: [...parameters('path', op.params), ...parameters('query', op.query), ...headers],
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: op.body.json } } } } : {}),
      responses: { ...success, ...errors },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Huji (户籍) population registry', version, description: 'Commands, queries, audit and event subscriptions of an event-sourced household registration. Errors are RFC 9457 problem+json with a stable `code`.' },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }, schemas: { Problem: PROBLEM } },
    paths,
  };
};
