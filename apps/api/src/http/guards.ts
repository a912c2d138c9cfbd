import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type SchemaProblem } from '../../../../events/schema';
import { type Callers } from '../auth/authenticate';
import { type Operation, OPERATION, type ParameterSpec } from './operation';
import { ApiError, type FieldProblem } from './problem';
import { type HujiRequest } from './request';

/** A schema problem as a field problem: shape problems are REQUEST.INVALID_FIELD, domain ones (REGION.UNKNOWN) keep their code. */
const fieldProblem = (p: SchemaProblem): FieldProblem => ({ code: p.code === 'EVENT.SCHEMA' ? 'REQUEST.INVALID_FIELD' : p.code, message: `${p.path} ${p.message}`, path: p.path });

const parameterProblems = (specs: Readonly<Record<string, ParameterSpec>> | undefined, values: Record<string, unknown>, where: string): FieldProblem[] => {
  if (!specs) return [];
  const unknown = Object.keys(values).filter((k) => !Object.hasOwn(specs, k)).map((k) => ({ code: 'REQUEST.UNKNOWN_PARAMETER', message: `${where} parameter ${k} is not known`, path: `${where}.${k}` }));
  const checked = Object.entries(specs).flatMap(([name, spec]) => {
    const value = values[name];
    if (value === undefined) return spec.required ? [{ code: 'REQUEST.INVALID_FIELD', message: `${where} parameter ${name} is required`, path: `${where}.${name}` }] : [];
    // `?asOf=` is not "no asOf": answering it with the default would answer another question than the one asked.
    if (value === '') return [{ code: 'REQUEST.INVALID_FIELD', message: `${where} parameter ${name} must not be empty (leave it out for its default)`, path: `${where}.${name}` }];
    return spec.schema.check(value, `${where}.${name}`).map(fieldProblem);
  });
  return [...checked, ...unknown];
};

/** Every problem with the headers a route declares (the guard reads them by their lower-case name). */
const headerProblems = (specs: Operation['headers'], headers: HujiRequest['headers']): FieldProblem[] =>
  Object.entries(specs ?? {}).flatMap(([name, spec]) => spec.problems(headers[name.toLowerCase()]));

/** Every problem with a request's parameters, query, headers and body against its operation spec. */
export const requestProblems = (operation: Operation, request: HujiRequest): FieldProblem[] => {
  const params = (request.params ?? {}) as Record<string, unknown>;
  const query = (request.query ?? {}) as Record<string, unknown>;
  const problems = [...parameterProblems(operation.params, params, 'path'), ...parameterProblems(operation.query ?? {}, query, 'query'), ...headerProblems(operation.headers, request.headers)];
  if (operation.body) {
    if (request.body === undefined || request.body === null) problems.push({ code: 'REQUEST.BODY_REQUIRED', message: 'a JSON body is required', path: 'body' });
    else problems.push(...operation.body.check(request.body, 'body').map(fieldProblem));
  }
  return problems;
};

/**
 * One guard for every route (the access check comes first, STYLE.md "immich"): authenticate the bearer
 * token, check the role against the route's spec, then check parameters, query and body — every problem
 * listed in one 400. Nothing reaches a handler unchecked.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  /** `callers` verifies bearer tokens (shared with the rate limit, which counts a verified token by its subject). */
  constructor(private readonly reflector: Reflector, private readonly callers: Callers) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const operation = this.reflector.get<Operation | undefined>(OPERATION, context.getHandler());
    if (!operation) throw new ApiError(500, 'INTERNAL', 'route without an operation spec');
    const request = context.switchToHttp().getRequest<HujiRequest>();
    if (operation.roles.length > 0) {
      const principal = await this.callers.authenticate(request.headers.authorization);
      if (!operation.roles.includes(principal.role))
        throw new ApiError(403, 'AUTH.ROLE_FORBIDDEN', `role ${principal.role} may not ${operation.summary.toLowerCase()} (allowed: ${operation.roles.join(', ')})`);
      request.principal = principal;
    }
    if (operation.body && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(request.headers['content-type'] ?? ''))
      throw new ApiError(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
    const problems = requestProblems(operation, request);
    if (problems.length > 0) throw new ApiError(400, problems.length === 1 ? problems[0]!.code : 'REQUEST.INVALID', `${problems.length} problem(s) with the request: ${problems.map((p) => p.message).join('; ')}`, problems);
    return true;
  }
}
