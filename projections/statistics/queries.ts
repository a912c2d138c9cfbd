import { type AsOf, sumsOf } from './as-of';
import { type StatisticsCube } from './cube';
import { SUM_KEYS } from './layer';
import { exact, type Publish } from './perturbation';
import { complete, type Sliced } from './slices';

export { type AsOf, type Basis } from './as-of';
export { type Flows, flows, flowsSlices } from './flows';
export { structure, type StructureCell, structureSlices, type StructureQuery } from './structure';

/** 城镇化率 in percent, one decimal (null for an empty population). */
const rate = (urban: number, total: number): number | null => (total > 0 ? Math.round((1000 * urban) / total) / 10 : null);

export interface Population {
  readonly total: number;
  readonly urban: number;
  readonly rural: number;
  /** 城镇化率 (%): urban / (urban + rural) — for exact counts urban / total; for perturbed ones, of the parts as published. */
  readonly urbanizationRate: number | null;
}

/** 户籍人口 and 常住人口 with their urbanization rates and the gap (resident − registered, in points). */
export interface Headline {
  readonly registered: Population;
  readonly resident: Population;
  readonly gap: number | null;
}

/**
 * A population published from its total and urban part with their cell keys: the rural part is the rows of
 * rural units (total's rows less urban's: key total − urban). Each count is published on its own — perturbed
 * counts need not add up — and the rate is computed from the published parts only.
 */
const population = (publish: Publish, total: number, totalKey: number, urbanCount: number, urbanKey: number): Population => {
  const urban = publish(urbanCount, urbanKey);
  const rural = publish(total - urbanCount, (totalKey - urbanKey) | 0);
  return { total: publish(total, totalKey), urban, rural, urbanizationRate: rate(urban, urban + rural) };
};

/** `headline` a slice at a time (a bitemporal `knownAt` is a scan of the region's rows); every count through `publish`. */
export function* headlineSlices(cube: StatisticsCube, q: AsOf, publish: Publish = exact): Sliced<Headline> {
  const s = yield* sumsOf(cube, q); // [registered, its urban part, away, its urban part], then their cell keys
  const key = (i: number) => s[SUM_KEYS + i]!;
  const registered = population(publish, s[0]!, key(0), s[1]!, key(1));
  const resident = population(publish, s[0]! + s[2]!, (key(0) + key(2)) | 0, s[1]! + s[3]!, (key(1) + key(3)) | 0);
  const gap = registered.urbanizationRate === null || resident.urbanizationRate === null ? null : Math.round(10 * (resident.urbanizationRate - registered.urbanizationRate)) / 10;
  return { registered, resident, gap };
}

export const headline = (cube: StatisticsCube, q: AsOf, publish: Publish = exact): Headline => complete(headlineSlices(cube, q, publish));
