import { Controller, Inject, Param, Query } from '@nestjs/common';
import { CITIZEN, HOUSEHOLD } from '../commands/params';
import { Route } from '../http/operation';
import { DisclosureLog, PURPOSE } from '../reads/disclosure-log';
import { Read, type Reading } from '../reads/reading';
import { AFTER, afterOf } from './after';
import { RegistryQueries } from './registry-queries';

const readers = ['registrar', 'auditor', 'admin'] as const;
const RECORDED = ' Every answer is recorded first (查询留痕: who, when, whose data, the Huji-Purpose); a 404 records nothing.';

/** Person and household as they are now (registrars within their regions; auditors; admins). Never for statisticians. */
@Controller()
export class RegistryController {
  constructor(@Inject(RegistryQueries) private readonly queries: RegistryQueries, @Inject(DisclosureLog) private readonly log: DisclosureLog) {}

  @Route('GET', 'persons/:citizenId', { tag: 'queries', roles: readers, params: CITIZEN, headers: PURPOSE, summary: 'Get a person', description: `人口信息: identity, status, household, region, registration types, permits, actual residence. ETag = stream revision.${RECORDED}`, responses: { 200: 'the person' } })
  async person(@Read() reading: Reading, @Param('citizenId') id: string): Promise<Record<string, unknown>> {
    return this.log.disclose(reading, await this.queries.person(reading.principal, id));
  }

  @Route('GET', 'households/:householdId', { tag: 'queries', roles: readers, params: HOUSEHOLD, query: AFTER, headers: PURPOSE, summary: 'Get a household', description: `户: kind, region, address, head and current members. ETag = stream revision.${RECORDED} The record names the household and every member.`, responses: { 200: 'the household' } })
  async household(@Read() reading: Reading, @Param('householdId') id: string, @Query() q: Record<string, string | undefined>): Promise<Record<string, unknown>> {
    return this.log.disclose(reading, await this.queries.household(reading.principal, id, afterOf(q)), { households: [id] });
  }
}
