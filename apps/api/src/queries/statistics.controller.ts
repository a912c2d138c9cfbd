import { Controller, Inject, Query, Req } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { oneOf } from '../../../../events/schema';
import { legalDateOf } from '../../../../libs/domain/src/shared/dates';
import { type Position } from '../../../../libs/event-store/src';
import { type Basis, flowsSlices, headlineSlices, structureSlices } from '../../../../projections/statistics/queries';
import { type StatisticsCube } from '../../../../projections/statistics/cube';
import { type Sliced } from '../../../../projections/statistics/slices';
import { targetProgressSlices } from '../../../../projections/statistics/targets';
import { type Principal } from '../auth/jwt';
import { knownRegionPrefix, pastDate } from '../http/citizen-id';
import { clientGone } from '../http/client-gone';
import { Route } from '../http/operation';
import { ApiError } from '../http/problem';
import { Caller } from '../http/request';
import { SlicedWork } from '../ops/sliced-work';
import { RegistryRuntime } from '../runtime';
import { AFTER, afterOf } from './after';
import { type Disclosure, EXACT, perturbedDisclosure, type StatisticsRoute } from './disclosure';

const tag = 'statistics';
const roles = ['statistician', 'auditor', 'admin'] as const;
const REGION = 'a region code prefix (default: all regions); statisticians: a township or larger (the structure: a county or larger)';
const region = { schema: knownRegionPrefix(REGION), description: REGION };
const date = (description: string) => ({ schema: pastDate(description), description });
const ASOF = { ...AFTER, region, asOf: date('the date (default today, UTC+8); statisticians: a month\'s last day (default the last one)'), knownAt: date('bitemporal: as the registry knew it on this date (default: as known now); = asOf is the recorded basis; statisticians: a month\'s last day') };

type Q = Record<string, string | undefined>;

/**
 * The query's as-of (the guard has checked region and dates: known, none in the future; by default today, for
 * a statistician the last month end). Refused with every problem at once: `from` after the as-of date, and
 * whatever is finer than the caller may ask for (a village, a day within a month).
 */
const asOfOf = (q: Q, route: StatisticsRoute, disclosure: Disclosure) => {
  const asOf = q.asOf ?? q.to ?? disclosure.defaultDate(legalDateOf(new Date()));
  const problems = [
    ...(q.from && q.from > asOf ? [{ code: 'DATE.RANGE', message: `from ${q.from} is after ${asOf}`, path: 'query.from' }] : []),
    ...disclosure.problems(route, q),
  ];
  if (problems.length > 0) throw new ApiError(400, problems.length === 1 ? problems[0]!.code : 'REQUEST.INVALID', `${problems.length} problem(s) with the request: ${problems.map((p) => p.message).join('; ')}`, problems);
  return { region: q.region ?? '', date: asOf, basis: 'effective' as Basis, ...(q.knownAt ? { knownAt: q.knownAt } : {}) };
};

/**
 * Aggregates only — no route here returns a person; statisticians get perturbed counts (queries/disclosure.ts)
 * for regions and periods no finer than the settings, auditors and admins exact ones. The scans
 * run as sliced work (ops/sliced-work.ts): eight structure queries at once do not hold up /health; a caller
 * has at most four running (more → 429 RATE.TOO_MANY_SCANS), and a scan whose client left is dropped.
 */
@Controller('statistics')
export class StatisticsController {
  private readonly perturbed: Disclosure;

  constructor(@Inject(RegistryRuntime) private readonly runtime: RegistryRuntime, @Inject(SlicedWork) private readonly work: SlicedWork) {
    this.perturbed = perturbedDisclosure(runtime.config.minCell, runtime.config.disclosure);
  }

  private disclosure(caller: Principal): Disclosure {
    return caller.role === 'statistician' ? this.perturbed : EXACT;
  }

  /** A scan of the cube (as of `after`) as sliced work: counted against the caller's subject, dropped if the client leaves first. */
  private async scan<T>(request: FastifyRequest, caller: Principal, after: Position | undefined, slices: (cube: StatisticsCube) => Sliced<T>): Promise<T> {
    const gone = clientGone(request);
    const cube = await this.runtime.statistics(after);
    return this.work.run(slices(cube), gone, caller.subject);
  }

  @Route('GET', 'population', { tag, roles, query: ASOF, summary: 'Population and urbanization rates', description: '户籍人口 and 常住人口, both 城镇化率 and their gap, as of a date', responses: { 200: 'the headline figures' } })
  async population(@Req() request: FastifyRequest, @Caller() caller: Principal, @Query() q: Q): Promise<Record<string, unknown>> {
    const d = this.disclosure(caller);
    const at = asOfOf(q, 'population', d);
    const h = await this.scan(request, caller, afterOf(q), (cube) => headlineSlices(cube, at, d.publish));
    return { ...at, disclosureControl: d.control('population'), ...h };
  }

  @Route('GET', 'flows', { tag, roles, query: { ...AFTER, region, from: date('first effective date (default 1 January of `to`); statisticians: a month\'s first day'), to: date('last effective date (default today); statisticians: a month\'s last day (default the last one)'), knownAt: ASOF.knownAt }, summary: 'Flows', description: 'births, deaths, moves in and out, conversions, rural→urban moves and settlements by category, in a period', responses: { 200: 'the flows' } })
  async flows(@Req() request: FastifyRequest, @Caller() caller: Principal, @Query() q: Q): Promise<Record<string, unknown>> {
    const d = this.disclosure(caller);
    const at = asOfOf(q, 'flows', d);
    const from = q.from ?? `${at.date.slice(0, 4)}-01-01`;
    const f = await this.scan(request, caller, afterOf(q), (cube) => flowsSlices(cube, { ...at, from }, d.publish));
    return { region: at.region, from, to: at.date, ...(at.knownAt ? { knownAt: at.knownAt } : {}), disclosureControl: d.control('flows'), ...f };
  }

  @Route('GET', 'structure', { tag, roles, query: { ...ASOF, measure: { schema: oneOf(['registered', 'resident'] as const), description: 'registered (户籍人口, default) or resident (常住人口)' } }, summary: 'Population structure', description: 'counts by urban/rural, sex, birth year and registration type (current and original)', responses: { 200: 'the cells' } })
  async structure(@Req() request: FastifyRequest, @Caller() caller: Principal, @Query() q: Q): Promise<Record<string, unknown>> {
    const d = this.disclosure(caller);
    const at = asOfOf(q, 'structure', d);
    const measure = q.measure === 'resident' ? 'resident' : 'registered';
    return { ...at, measure, disclosureControl: d.control('structure'), cells: await this.scan(request, caller, afterOf(q), (cube) => structureSlices(cube, { ...at, measure }, d.publish)) };
  }

  @Route('GET', 'targets', { tag, roles, query: { ...AFTER, region, asOf: ASOF.asOf, basis: { schema: oneOf(['effective', 'recorded'] as const), description: 'effective (default) or recorded' } }, summary: 'Targets', description: 'the documents\' targets (urbanization rates, gap, conversions) against what the registry shows', responses: { 200: 'each target with its measured value' } })
  async targets(@Req() request: FastifyRequest, @Caller() caller: Principal, @Query() q: Q): Promise<Record<string, unknown>> {
    const d = this.disclosure(caller);
    const at = asOfOf(q, 'targets', d);
    const basis = q.basis === 'recorded' ? 'recorded' : 'effective';
    const progress = await this.scan(request, caller, afterOf(q), (cube) => targetProgressSlices(cube, at.date, basis, at.region, d.publish));
    return { region: at.region, asOf: at.date, basis, disclosureControl: d.control('targets'), targets: progress.map((t) => ({ ...t.target, actual: t.actual, met: t.met, measuredYear: t.measuredYear })) };
  }
}
