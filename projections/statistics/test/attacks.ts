import { type StatisticsCube } from '../cube';
import { noiseColumn, noiseDistribution, type Publish, shownWith } from '../perturbation';
import { type Headline, headline, type Population } from '../queries';

/** The statisticians' default table (D = 2, counts below 3 published as 0), as the tests reason about it. */
export const COLUMN = noiseColumn(2);
export const SMALLEST = 3;
const DIST = noiseDistribution(COLUMN);

/** The chance that one perturbed cell shows its true count: P(noise = 0). */
export const P_TRUE = DIST.get(0)!;
/** The variance of one cell's noise (Σ p·d²): reading one perturbed cell errs by this much on average (squared). */
export const NOISE_VARIANCE = [...DIST].reduce((v, [d, p]) => v + p * d * d, 0);

/** What a count of n is published as, with its chance, over cell keys drawn at random (each column entry equally likely). */
const shownOver = (n: number): Map<number, number> => {
  const out = new Map<number, number>();
  for (const noise of COLUMN) {
    const p = n === 0 ? 0 : shownWith(n, noise, SMALLEST);
    out.set(p, (out.get(p) ?? 0) + 1 / COLUMN.length);
  }
  return out;
};

const chances = new Map<string, number>();

/**
 * The chance, with the two cells' keys drawn independently (what a fresh draw means), that the published
 * counts of n1 then n2 differ by exactly n2 − n1 — the rate an attacker reads a true change by luck.
 */
export const chanceOfTrueDifference = (n1: number, n2: number): number => {
  const id = `${n1}|${n2}`;
  let chance = chances.get(id);
  if (chance === undefined) {
    const [a, b] = [shownOver(n1), shownOver(n2)];
    chance = 0;
    for (const [x, px] of a) chance += px * (b.get(x + n2 - n1) ?? 0);
    chances.set(id, chance);
  }
  return chance;
};

/** Month ends from January of `from` to December of `to`. */
export const monthEnds = (from: number, to: number): string[] => {
  const out: string[] = [];
  for (let y = from; y <= to; y++) for (let m = 1; m <= 12; m++) out.push(new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10));
  return out;
};

/** Every region prefix a statistician may ask for (all, provinces, prefectures, counties, townships) that holds deltas. */
export const allowedRegions = (cube: StatisticsCube, lengths = [2, 4, 6, 9]): string[] =>
  ['', ...lengths.flatMap((l) => [...new Set(cube.regions.values.map((c) => c.slice(0, l)))].sort())];

/** The headline of each region on each date, as `publish` shows it (exact by default). */
export const headlinesOf = (cube: StatisticsCube, regions: readonly string[], dates: readonly string[], publish?: Publish): ReadonlyMap<string, readonly Headline[]> =>
  new Map(regions.map((region) => [region, dates.map((date) => headline(cube, { region, date, basis: 'effective' }, publish))]));

/** A computation remembered by its arguments (the tests ask each secret's cube for the same points again and again). */
export const cached = <A extends readonly (string | number)[], T>(compute: (...args: A) => T): ((...args: A) => T) => {
  const known = new Map<string, T>();
  return (...args) => {
    const id = args.join('|');
    if (!known.has(id)) known.set(id, compute(...args));
    return known.get(id)!;
  };
};

/** The expected hit rate of a set of changes if each is read by chance, and that plus three standard errors. */
export const chanceOf = (cases: readonly (readonly [n1: number, n2: number])[]): { readonly chance: number; readonly bound: number } => {
  const chances = cases.map(([n1, n2]) => chanceOfTrueDifference(n1, n2));
  const sum = chances.reduce((a, c) => a + c, 0);
  const variance = chances.reduce((a, c) => a + c * (1 - c), 0);
  return { chance: sum / cases.length, bound: (sum + 3 * Math.sqrt(variance)) / cases.length };
};

/** How often the attacker's estimates hit the truth, and their mean squared error. */
export interface Score {
  readonly cases: number;
  readonly hits: number;
  readonly rate: number;
  readonly meanSquaredError: number;
}

export const scoreOf = (pairs: readonly (readonly [estimate: number, truth: number])[]): Score => {
  const hits = pairs.filter(([e, t]) => e === t).length;
  return { cases: pairs.length, hits, rate: hits / pairs.length, meanSquaredError: pairs.reduce((s, [e, t]) => s + (e - t) ** 2, 0) / pairs.length };
};

export const pct = (p: number): string => `${(100 * p).toFixed(1)}%`;

export type Part = keyof Omit<Population, 'urbanizationRate'>;
