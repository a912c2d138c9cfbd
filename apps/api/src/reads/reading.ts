import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type Principal } from '../auth/principal';
import { ApiError } from '../http/problem';
import { type HujiRequest } from '../http/request';
import { purposeOf } from './purpose';

/** A read of personal data as the disclosure log records it, besides whose data: who reads, why, and through which route. */
export interface Reading {
  readonly principal: Principal;
  readonly purpose: string;
  /** The method and route pattern, e.g. `GET /persons/:citizenId` (the ids go to the record's persons and households). */
  readonly route: string;
}

/** The request's reading: the verified caller, its Huji-Purpose (checked by the guard already) and its route. */
export const readingOf = (request: HujiRequest): Reading => {
  const principal = request.principal;
  if (!principal) throw new ApiError(401, 'AUTH.REQUIRED', 'this route needs a bearer token');
  return { principal, purpose: purposeOf(request), route: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]!}` };
};

/** Param decorator: the reading of a route that declares `headers: PURPOSE`. */
export const Read = createParamDecorator((_: unknown, context: ExecutionContext): Reading => readingOf(context.switchToHttp().getRequest<HujiRequest>()));
