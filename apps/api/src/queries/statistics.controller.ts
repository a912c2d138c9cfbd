import { Controller, Inject, Query, Req } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { oneOf } from '../../../../events/schema';
import { legalDateOf } from '../../../../libs/domain/src/shared/dates';
import { type Position } from '../../../../libs/event-store/src';
import { type Basis, flowsSlices, headlineSlices, structureSlices } from '../../../../projections/statistics/queries';
import { type StatisticsCube } from '../../../../projections/statistics/cube';
import { type Sliced } from '../../../../projections/statistics/slices';
import { type TargetProgress, targetProgressSlices } from '../../../../projections/statistics/targets';
import { type Principal } from '../auth/jwt';
import { knownRegionPrefix, pastDate } from '../http/citizen-id';
import { clientGone } from '../http/client-gone';
import { Route } from '../http/operation';
import { ApiError } from '../http/problem';
import { Caller } from '../http/request';
import { SlicedWork } from '../ops/sliced-work';
import { RegistryRuntime } from '../runtime';
import { AFTER, afterOf } from './after';
import { suppressFlows, suppressHeadline, suppressTargetSlices } from './disclosure';

const tag = 'statistics';
const roles = ['statistician', 'auditor', 'admin'] as const;
const region = { schema: knownRegionPrefix('a region code prefix (default: all regions)'), description: 'a region code prefix (default: all regions)' };
const date = (description: string) => ({ schema: pastDate(description), description });
const ASOF = { ...AFTER, region, asOf: date('the date (default today, UTC+8)'), knownAt: date('bitemporal: as the registry knew it on this date (default: as known now); = asOf is the recorded basis') };

type Q = Record<string, string | undefined>;

/** The query's as-of (the guard has checked region and dates: known, none in the future); `from` must not follow it. */
const asOfOf = (q: Q) => {
  const asOf = q.asOf ?? q.to ?? legalDateOf(new Date());
  if (q.from && q.from > asOf) throw new ApiError(400, 'DATE.RANGE', `from ${q.from} is after ${asOf}`, [{ code: 'DATE.RANGE', message: `from ${q.from} is after ${asOf}`, path: 'query.from' }]);
  return { region: q.region ?? '', date: asOf, basis: 'effective' as Basis, ...(q.knownAt ? { knownAt: q.knownAt } : {}) };
};

/** The targets measured, and for a statistician (k > 0) withheld where a small cell would show through. */
function* targetsFor(cube: StatisticsCube, date: string, basis: Basis, region: string, k: number): Sliced<TargetProgress[]> {
  const progress = yield* targetProgressSlices(cube, date, basis, region);
  if (k === 0) return progress;
  const shown: TargetProgress[] = [];
  for (const p of progress) shown.push(yield* suppressTargetSlices(cube, p, basis, k));
  return shown;
}

/**
 * Aggregates only — no route here returns a person; for statisticians small cells are withheld. The scans
 * run as sliced work (ops/sliced-work.ts): eight structure queries at once do not hold up /health; a caller
 * has at most four running (more → 429 RATE.TOO_MANY_SCANS), and a scan whose client left is dropped.
 */
@Controller('statistics')
export class StatisticsController {
  constructor(@Inject(RegistryRuntime) private readonly runtime: RegistryRuntime, @Inject(SlicedWork) private readonly work: SlicedWork) {}

  private k(caller: Principal): number {
    return caller.role === 'statistician' ? this.runtime.config.minCell : 0;
  }

  /** A scan of the cube (as of `after`) as sliced work: counted against the caller's subject, dropped if the client leaves first. */
  private async scan<T>(request: FastifyRequest, caller: Principal, after: Position | undefined, slices: (cube: StatisticsCube) => Sliced<T>): Promise<T> {
    const gone = clientGone(request);
    const cube = await this.runtime.statistics(after);
    return this.work.run(slices(cube), gone, caller.subject);
  }

  @Route('GET', 'population', { tag, roles, query: ASOF, summary: 'Population and urbanization rates', description: '户籍人口 and 常住人口, both 城镇化率 and their gap, as of a date', responses: { 200: 'the headline figures' } })
  async population(@Req() request: FastifyRequest, @Caller() caller: Principal, @Query() q: Q): Promise<Record<string, unknown>> {
    const at = asOfOf(q);
    const h = await this.scan(request, caller, afterOf(q), (cube) => headlineSlices(cube, at));
    return { ...at, suppression: { k: this.k(caller) }, ...(this.k(caller) > 0 ? suppressHeadline(h, this.k(caller)) : h) };
  }

  @Route('GET', 'flows', { tag, roles, query: { ...AFTER, region, from: date('first effective date (default 1 January of `to`)'), to: date('last effective date (default today)'), knownAt: ASOF.knownAt }, summary: 'Flows', description: 'births, deaths, moves in and out, conversions, rural→urban moves and settlements by category, in a period', responses: { 200: 'the flows' } })
  async flows(@Req() request: FastifyRequest, @Caller() caller: Principal, @Query() q: Q): Promise<Record<string, unknown>> {
    const at = asOfOf(q);
    const from = q.from ?? `${at.date.slice(0, 4)}-01-01`;
    const f = await this.scan(request, caller, afterOf(q), (cube) => flowsSlices(cube, { ...at, from }));
    return { region: at.region, from, to: at.date, ...(at.knownAt ? { knownAt: at.knownAt } : {}), suppression: { k: this.k(caller) }, ...(this.k(caller) > 0 ? suppressFlows(f, this.k(caller)) : f) };
  }

  @Route('GET', 'structure', { tag, roles, query: { ...ASOF, measure: { schema: oneOf(['registered', 'resident'] as const), description: 'registered (户籍人口, default) or resident (常住人口)' } }, summary: 'Population structure', description: 'counts by urban/rural, sex, birth year and registration type (current and original)', responses: { 200: 'the cells' } })
  async structure(@Req() request: FastifyRequest, @Caller() caller: Principal, @Query() q: Q): Promise<Record<string, unknown>> {
    const at = asOfOf(q);
    const measure = q.measure === 'resident' ? 'resident' : 'registered';
    return { ...at, measure, suppression: { k: this.k(caller) }, cells: await this.scan(request, caller, afterOf(q), (cube) => structureSlices(cube, { ...at, measure, minCell: this.k(caller) })) };
  }

  @Route('GET', 'targets', { tag, roles, query: { ...AFTER, region, asOf: ASOF.asOf, basis: { schema: oneOf(['effective', 'recorded'] as const), description: 'effective (default) or recorded' } }, summary: 'Targets', description: 'the documents\' targets (urbanization rates, gap, conversions) against what the registry shows', responses: { 200: 'each target with its measured value' } })
  async targets(@Req() request: FastifyRequest, @Caller() caller: Principal, @Query() q: Q): Promise<Record<string, unknown>> {
    const at = asOfOf(q);
    const basis = q.basis === 'recorded' ? 'recorded' : 'effective';
    const k = this.k(caller);
    const progress = await this.scan(request, caller, afterOf(q), (cube) => targetsFor(cube, at.date, basis, at.region, k));
    return { region: at.region, asOf: at.date, basis, suppression: { k }, targets: progress.map((t) => ({ ...t.target, actual: t.actual, met: t.met, measuredYear: t.measuredYear })) };
  }
}
