import { Controller, Inject, Param, Query } from '@nestjs/common';
import { type Principal } from '../auth/jwt';
import { CITIZEN, HOUSEHOLD } from '../commands/params';
import { Route } from '../http/operation';
import { Caller } from '../http/request';
import { AFTER, afterOf } from './after';
import { RegistryQueries } from './registry-queries';

const readers = ['registrar', 'auditor', 'admin'] as const;

/** Person and household as they are now (registrars within their regions; auditors; admins). Never for statisticians. */
@Controller()
export class RegistryController {
  constructor(@Inject(RegistryQueries) private readonly queries: RegistryQueries) {}

  @Route('GET', 'persons/:citizenId', { tag: 'queries', roles: readers, params: CITIZEN, summary: 'Get a person', description: '人口信息: identity, status, household, region, registration types, permits, actual residence. ETag = stream revision.', responses: { 200: 'the person' } })
  person(@Caller() caller: Principal, @Param('citizenId') id: string): Promise<Record<string, unknown>> {
    return this.queries.person(caller, id);
  }

  @Route('GET', 'households/:householdId', { tag: 'queries', roles: readers, params: HOUSEHOLD, query: AFTER, summary: 'Get a household', description: '户: kind, region, address, head and current members. ETag = stream revision.', responses: { 200: 'the household' } })
  household(@Caller() caller: Principal, @Param('householdId') id: string, @Query() q: Record<string, string | undefined>): Promise<Record<string, unknown>> {
    return this.queries.household(caller, id, afterOf(q));
  }
}
