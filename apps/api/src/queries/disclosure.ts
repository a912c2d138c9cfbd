import { type Grain, isCoarseEnough, isPeriodEnd, isPeriodStart, lastPeriodEnd, levelOf, periodEndOf, periodStartOf, REGION_LEVELS, type RegionLevel } from '../../../../projections/statistics/granularity';
import { exact, noiseColumn, noiseDistribution, perturbed, type Publish } from '../../../../projections/statistics/perturbation';
import { DEFAULT_DISCLOSURE, type DisclosureSettings } from '../config';
import { type FieldProblem } from '../http/problem';

/** The statistics routes, by what they are answered for. */
export type StatisticsRoute = 'population' | 'flows' | 'structure' | 'targets';

type Q = Readonly<Record<string, string | undefined>>;

/**
 * 统计信息披露控制: how a caller's statistics leave the registry. Auditors and admins get exact counts.
 * Statisticians get every count perturbed by its cell key (cell-key perturbation, `perturbation.ts`), and
 * only for regions and periods no finer than the settings (a township, a county for the structure; whole
 * months) — so a difference of two answers (total − rural, D − D+1, a region less its other parts) is
 * as noisy as a count read directly, and no figure is about a village or a day.
 */
export interface Disclosure {
  readonly publish: Publish;
  /** What the answer says was applied (`disclosureControl`). */
  control(route: StatisticsRoute): Readonly<Record<string, unknown>>;
  /** The as-of date when the request gives none: today, or the last period end by today. */
  defaultDate(today: string): string;
  /** Everything in the request finer than the caller may ask for (none for exact answers). */
  problems(route: StatisticsRoute, q: Q): FieldProblem[];
}

export const EXACT: Disclosure = {
  publish: exact,
  control: () => ({ method: 'none', exact: true }),
  defaultDate: (today) => today,
  problems: () => [],
};

const finestFor = (s: DisclosureSettings, route: StatisticsRoute): RegionLevel => (route === 'structure' ? s.finestStructureRegion : s.finestRegion);

const regionProblems = (route: StatisticsRoute, region: string | undefined, finest: RegionLevel): FieldProblem[] => {
  if (region === undefined || isCoarseEnough(region, finest)) return [];
  const message = `statisticians get ${route} for a ${finest} (${REGION_LEVELS[finest]} digits) or a larger region: ${region} is a ${levelOf(region) ?? 'unit'}; ask for ${region.slice(0, REGION_LEVELS[finest])} or coarser`;
  return [{ code: 'STATISTICS.REGION_TOO_FINE', message, path: 'query.region' }];
};

/** A date that must be a period's last (`end`) or first day: the problem names the two nearest that are. */
const dateProblems = (name: string, date: string | undefined, grain: Grain, edge: 'end' | 'start'): FieldProblem[] => {
  if (date === undefined || (edge === 'end' ? isPeriodEnd(date, grain) : isPeriodStart(date, grain))) return [];
  const hint = edge === 'end' ? `${lastPeriodEnd(date, grain)} or ${periodEndOf(date, grain)}` : `${periodStartOf(date, grain)}`;
  return [{ code: 'STATISTICS.DATE_GRAIN', message: `${name} ${date} is not the ${edge === 'end' ? 'last' : 'first'} day of a ${grain}: statisticians get figures by whole ${grain}s (e.g. ${hint})`, path: `query.${name}` }];
};

const grainProblems = (route: StatisticsRoute, q: Q, grain: Grain): FieldProblem[] => {
  switch (route) {
    case 'population': case 'structure': return [...dateProblems('asOf', q.asOf, grain, 'end'), ...dateProblems('knownAt', q.knownAt, grain, 'end')];
    case 'flows': return [...dateProblems('from', q.from, grain, 'start'), ...dateProblems('to', q.to, grain, 'end'), ...dateProblems('knownAt', q.knownAt, grain, 'end')];
    case 'targets': return []; // measured at year ends whatever the as-of date
  }
};

const rounded = (p: number): number => Math.round(p * 1000) / 1000;

/** The statisticians' disclosure: counts perturbed (noise from `settings`, counts below `smallestCount` shown as 0), regions and periods no finer than `settings`. */
export const perturbedDisclosure = (smallestCount: number, settings: DisclosureSettings = DEFAULT_DISCLOSURE): Disclosure => {
  const column = noiseColumn(settings.maxNoise);
  const noise = Object.fromEntries([...noiseDistribution(column)].map(([d, p]) => [String(d), rounded(p)]));
  return {
    publish: (n, cellKey) => perturbed(column, smallestCount, n, cellKey),
    control: (route) => ({
      method: 'cell-key perturbation', exact: false, noise, smallestCount, additive: false,
      finestRegion: finestFor(settings, route), grain: settings.grain,
    }),
    defaultDate: (today) => lastPeriodEnd(today, settings.grain),
    problems: (route, q) => [...regionProblems(route, q.region, finestFor(settings, route)), ...grainProblems(route, q, settings.grain)],
  };
};
