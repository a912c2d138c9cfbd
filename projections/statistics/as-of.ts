import { type StatisticsCube } from './cube';
import { addSum, SUM_KEYS } from './layer';
import { type Sliced } from './slices';

/** Bound once: per row, a lookup of the global `Math` costs a call where globals are intercepted (jest's vm context). */
const { imul } = Math;

/** Which axis "as of D" is on: what was true on D (effective), or what the registry knew on D (recorded). */
export type Basis = 'effective' | 'recorded';

export interface AsOf {
  readonly region: string;
  readonly date: string;
  readonly basis: Basis;
  /**
   * Bitemporal: what was true on `date` as the registry knew it on `knownAt` (deltas effective by `date`
   * and recorded by `knownAt`). Overrides `basis`; `knownAt` = `date` is the recorded basis.
   */
  readonly knownAt?: string;
}

export const recordedByOf = (q: AsOf): string | null => q.knownAt ?? (q.basis === 'recorded' ? q.date : null);

/** The layers answer the two bases; any other `knownAt` is a scan of the region's rows (slower, same meaning). */
export const onLayers = (q: AsOf): boolean => {
  const recordedBy = recordedByOf(q);
  return recordedBy === null || recordedBy === q.date;
};

/**
 * A count with its cell key: the sum of n × record key over the rows it summed (wrapping 32-bit), so the
 * same rows always give the same key and one row more a different one (see `perturbation.ts`).
 */
export interface Tally {
  n: number;
  key: number;
}

export const tally = (): Tally => ({ n: 0, key: 0 });

/** Counts `n` rows of record key `key` into a tally (`sign` −1 counts a negative delta as a positive event: a death, a move out). */
export const count = (t: Tally, n: number, key: number, sign = 1): void => {
  t.n += sign * n;
  t.key = (t.key + imul(sign * n, key)) | 0;
};

/** [registered, its urban part, away, its urban part] of a region on a date, then their cell keys (from `SUM_KEYS`). */
export function* sumsOf(cube: StatisticsCube, q: AsOf): Sliced<Float64Array> {
  const recordedBy = recordedByOf(q);
  if (onLayers(q)) return yield* cube.populationSumsSlices(q.region, q.date, recordedBy);
  const sums = new Float64Array(2 * SUM_KEYS);
  const urban = cube.urbanOn(q.date, recordedBy);
  const base = Uint8Array.from(cube.cells.values, (c) => (c.measure === 'away' ? 2 : 0));
  yield* cube.scanSlices(q.region, q.date, recordedBy, (i) => {
    const b = base[cube.cellOf(i)]!;
    const n = cube.countOf(i);
    const key = imul(n, cube.keyOf(i));
    addSum(sums, b, n, key);
    if (urban[cube.regionOf(i)]) addSum(sums, b + 1, n, key);
  });
  return sums;
}
