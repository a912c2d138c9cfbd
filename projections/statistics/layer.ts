import { SLICE_ROWS, type Sliced } from './slices';

/** Bound once: per row, a lookup of the global `Math` costs a call where globals are intercepted (jest's vm context). */
const { imul } = Math;

/** Units summed between two pauses: each is two binary searches, about as much work as 16 rows of a scan. */
const UNITS_PER_SLICE = SLICE_ROWS / 16;

/** First index in [lo, hi) whose day is > `day` (days sorted ascending in that range). */
const upperBound = (days: Int32Array, lo: number, hi: number, day: number): number => {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** First index in [lo, hi) whose day is ≥ `day`. */
const lowerBound = (days: Int32Array, lo: number, hi: number, day: number): number => {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** The running sum over [start, end) of a run (start ≥ 0; the running sums start at the layer's first row). */
const between = (running: Int32Array, start: number, end: number): number => running[end - 1]! - (start > 0 ? running[start - 1]! : 0);

/** Where the cell keys start in a sums array: `sums[SUM_KEYS + j]` is the cell key of the count `sums[j]`. */
export const SUM_KEYS = 4;

/** Adds a count into `into[at]` and its cell key (the sum of n × record key of its rows) into `into[SUM_KEYS + at]`, wrapping 32-bit. */
export const addSum = (into: Float64Array, at: number, n: number, cellKey: number): void => {
  into[at]! += n;
  into[SUM_KEYS + at] = (into[SUM_KEYS + at]! + cellKey) | 0;
};

/** What a layer needs to know of the cube's rows. */
export interface LayerSource {
  /** Row indices grouped by region rank: rank r's rows are `order[runs[r]] … order[runs[r + 1] - 1]`. */
  readonly order: Int32Array;
  readonly runs: Int32Array;
  readonly keep: (row: number) => boolean;
  readonly dayOf: (row: number) => number;
  /** The row's count into the registered (0) or away (1) sum. */
  readonly isAway: (row: number) => boolean;
  readonly countOf: (row: number) => number;
  /** The row's record key (its count times the key goes into the running cell key). */
  readonly keyOf: (row: number) => number;
}

/**
 * 累计层: a subset of the cube's rows, grouped by region and sorted by one day axis within each region,
 * with running sums of the registered and away counts and of their cell keys (n × record key, wrapping
 * 32-bit: a difference of two running keys is the key of the rows between). The population of a region on day D is then a
 * binary search and a subtraction, not a scan: the headline of a province costs one search per unit.
 */
export class Layer {
  readonly order: Int32Array;
  readonly days: Int32Array;
  private readonly registered: Int32Array;
  private readonly away: Int32Array;
  private readonly registeredKey: Int32Array;
  private readonly awayKey: Int32Array;
  readonly runs: Int32Array;

  constructor(source: LayerSource) {
    const ranks = source.runs.length - 1;
    const runs = new Int32Array(ranks + 1);
    const kept: number[] = [];
    for (let r = 0; r < ranks; r++) {
      const start = kept.length;
      for (let k = source.runs[r]!; k < source.runs[r + 1]!; k++) if (source.keep(source.order[k]!)) kept.push(source.order[k]!);
      // Sort the run by day: pack (day, row) into one float (day < 2^27, row < 2^26) and sort natively.
      const packed = Float64Array.from(kept.slice(start), (row) => source.dayOf(row) * 2 ** 26 + row);
      packed.sort();
      for (let j = 0; j < packed.length; j++) kept[start + j] = packed[j]! % 2 ** 26;
      runs[r + 1] = kept.length;
    }
    this.order = Int32Array.from(kept);
    this.runs = runs;
    this.days = Int32Array.from(kept, (row) => source.dayOf(row));
    this.registered = new Int32Array(kept.length);
    this.away = new Int32Array(kept.length);
    this.registeredKey = new Int32Array(kept.length);
    this.awayKey = new Int32Array(kept.length);
    let registered = 0;
    let away = 0;
    let registeredKey = 0;
    let awayKey = 0;
    kept.forEach((row, j) => {
      const n = source.countOf(row);
      const key = imul(n, source.keyOf(row));
      if (source.isAway(row)) {
        away += n;
        awayKey = (awayKey + key) | 0;
      } else {
        registered += n;
        registeredKey = (registeredKey + key) | 0;
      }
      this.registered[j] = registered;
      this.away[j] = away;
      this.registeredKey[j] = registeredKey;
      this.awayKey[j] = awayKey;
    });
  }

  /**
   * Adds into `into` ([registered, registered urban, away, away urban], then their cell keys) the sums of the
   * rows of region ranks [lo, hi) with day ≤ `day`, times `sign`; `urbanOfRank[r]` says whether rank r is urban-classed.
   * Pauses every UNITS_PER_SLICE units (a province has tens of thousands).
   */
  *sum(lo: number, hi: number, day: number, urbanOfRank: Uint8Array, into: Float64Array, sign: number): Sliced<void> {
    for (let r = lo; r < hi; r++) {
      if ((r - lo) % UNITS_PER_SLICE === UNITS_PER_SLICE - 1) yield;
      const start = this.runs[r]!;
      const end = upperBound(this.days, start, this.runs[r + 1]!, day);
      if (end === start) continue;
      const registered = sign * between(this.registered, start, end);
      const away = sign * between(this.away, start, end);
      const registeredKey = imul(sign, between(this.registeredKey, start, end));
      const awayKey = imul(sign, between(this.awayKey, start, end));
      addSum(into, 0, registered, registeredKey);
      addSum(into, 2, away, awayKey);
      if (urbanOfRank[r]) {
        addSum(into, 1, registered, registeredKey);
        addSum(into, 3, away, awayKey);
      }
    }
  }

  /** Visits the rows of region ranks [lo, hi) with day in [from, to], pausing after about every SLICE_ROWS rows (a unit's searches count as 16). */
  *visit(lo: number, hi: number, from: number, to: number, visit: (row: number) => void): Sliced<void> {
    let work = 0;
    for (let r = lo; r < hi; r++) {
      const end = upperBound(this.days, this.runs[r]!, this.runs[r + 1]!, to);
      let k = lowerBound(this.days, this.runs[r]!, end, from);
      work += 16;
      for (;;) {
        if (work >= SLICE_ROWS) {
          work = 0;
          yield;
        }
        if (k >= end) break;
        const stop = Math.min(end, k + SLICE_ROWS - work);
        work += stop - k;
        for (; k < stop; k++) visit(this.order[k]!);
      }
    }
  }
}
