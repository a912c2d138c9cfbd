import { applyDecorators, Delete, Get, HttpCode, Post, Put, SetMetadata } from '@nestjs/common';
import { type JsonSchema, type Schema } from '../../../../events/schema';
import { type Role } from '../auth/jwt';
import { type FieldProblem } from './problem';

/** A path or query parameter: its schema checks it, its description documents it. */
export interface ParameterSpec {
  readonly schema: Schema<unknown>;
  readonly description: string;
  readonly required?: boolean;
}

/** A request header a route reads (e.g. `Huji-Purpose`): checked by the guard with the other inputs, documented in OpenAPI. */
export interface HeaderSpec {
  readonly description: string;
  readonly required?: boolean;
  /** The header's schema in the OpenAPI document. */
  readonly json: JsonSchema;
  /** Every problem with the value (undefined when the header is absent), in the registry's codes. */
  readonly problems: (value: string | string[] | undefined) => readonly FieldProblem[];
}

/**
 * Everything the registry says about one route, in one place: who may call it, what it takes (checked
 * before the handler runs, every problem listed) and what it answers. The OpenAPI document is built from
 * these, so the documentation cannot drift from the routes.
 */
export interface OperationSpec {
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  /** Roles allowed; an empty list makes the route public (health, metrics, docs). */
  readonly roles: readonly Role[];
  readonly params?: Readonly<Record<string, ParameterSpec>>;
  readonly query?: Readonly<Record<string, ParameterSpec>>;
  /** Request headers besides the standard ones, by their name as documented (`Huji-Purpose`). */
  readonly headers?: Readonly<Record<string, HeaderSpec>>;
  readonly body?: Schema<unknown>;
  /** Accepts `Idempotency-Key` (commands). */
  readonly idempotent?: boolean;
  /** Accepts `If-Match` with the stream revision (commands on an existing stream). */
  readonly ifMatch?: boolean;
  /** Status → description of the answers besides the problem documents every route may give. */
  readonly responses: Readonly<Record<number, string>>;
  /** A non-JSON success body (`text/event-stream`, `text/plain`). */
  readonly produces?: string;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Operation extends OperationSpec {
  readonly method: HttpMethod;
  /** Nest's path (`:id` parameters), relative to the controller's prefix. */
  readonly path: string;
}

export const OPERATION = 'huji:operation';

const METHOD = { GET: Get, POST: Post, PUT: Put, DELETE: Delete } as const;

/** Declares a route: the HTTP method and path for Nest, and the spec for the guard, the checks and OpenAPI. */
export const Route = (method: HttpMethod, path: string, spec: OperationSpec): MethodDecorator => {
  const success = Object.keys(spec.responses).map(Number).find((s) => s >= 200 && s < 300) ?? 200;
  return applyDecorators(METHOD[method](path), HttpCode(success), SetMetadata(OPERATION, { ...spec, method, path } satisfies Operation));
};
