import { Controller, Inject, Param, Query } from '@nestjs/common';
import { isoDate } from '../../../../events/common';
import { described, string } from '../../../../events/schema';
import { legalDateOf } from '../../../../libs/domain/src/shared/dates';
import { knownRegionPrefix } from '../http/citizen-id';
import { Route } from '../http/operation';
import { AFTER, afterOf } from './after';
import { PolicyQueries } from './policy-queries';

const tag = 'policies and regions';
const everyone = ['registrar', 'auditor', 'statistician', 'subscriber', 'admin'] as const;
const asOf = { schema: described('a calendar date', isoDate), description: 'the date (default today, UTC+8); a policy enacted ahead of its date shows from that date' };
type Q = Record<string, string | undefined>;

/** 落户政策 and 区划: public facts of the registry for every role — what is in force, and the regions with their class. */
@Controller()
export class PoliciesController {
  constructor(@Inject(PolicyQueries) private readonly queries: PolicyQueries) {}

  @Route('GET', 'policies', { tag, roles: everyone, query: { asOf, region: { schema: knownRegionPrefix('a region code prefix'), description: 'only jurisdictions within or above this region' } }, summary: 'Policies in force', description: '落户政策 in force per jurisdiction on a date, as the log records them (enacted, amended, repealed): each with the reference decisions cite (id, version, 文号, content hash), its period, tiers, rules and clauses; and each jurisdiction\'s cut-over', responses: { 200: 'the jurisdictions with their policies' } })
  inForce(@Query() q: Q) {
    return this.queries.inForce(q.asOf ?? legalDateOf(new Date()), q.region);
  }

  @Route('GET', 'policies/catalogue', { tag, roles: everyone, summary: 'The policy catalogue', description: 'the documents the registry ships, to enact from (POST /jurisdictions/{prefix}/policies with policyId and version); a fresh registry enacts all five on first start', responses: { 200: 'the documents' } })
  catalogue() {
    return this.queries.catalogue();
  }

  @Route('GET', 'policies/:policyId', { tag, roles: everyone, params: { policyId: { schema: string({ maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', formatHint: 'a policy id' }), description: 'the policy id (e.g. zhengzhou-2017)', required: true } }, summary: 'A policy and its versions', description: 'every enacted version with its period and content, the facts that recorded them, and the repeal', responses: { 200: 'the policy' } })
  policy(@Param('policyId') policyId: string) {
    return this.queries.policy(policyId);
  }

  @Route('GET', 'regions', { tag, roles: everyone, query: { ...AFTER, prefix: { schema: knownRegionPrefix('a region code prefix'), description: 'the unit (default: the provinces covered)' }, asOf }, summary: 'Regions', description: '区划: a unit and the units one level below it — code, name, level and, for a village (村级), its urban-rural class (城乡分类代码) on the date, reclassifications included', responses: { 200: 'the unit and its children' } })
  regions(@Query() q: Q) {
    const date = q.asOf ?? legalDateOf(new Date());
    return q.prefix === undefined ? this.queries.roots() : this.queries.regions(q.prefix, date, afterOf(q));
  }
}
