import { finish } from './record-keys';

/** Bound once (see record-keys.ts). */
const { abs, imul, max, min } = Math;

/**
 * How a count leaves the cube: `n` is the count, `cellKey` the sum of n × record key over the rows it
 * summed (wrapping 32-bit; see `record-keys.ts`). Exact for auditors; perturbed for statisticians. Either
 * publishes 0 as 0 (so a query may skip empty cells).
 */
export type Publish = (n: number, cellKey: number) => number;

/** Auditors and admins: the count itself. */
export const exact: Publish = (n) => n;

/** The parameters of the perturbation (单元格密钥扰动, cell-key perturbation — the ABS TableBuilder and UK 2021 census method). */
export interface PerturbationParameters {
  /** The largest noise (D, 1…5): a noise d in −D…D drawn with weight 2^(D−|d|); D = 2 gives 0.1, 0.2, 0.4, 0.2, 0.1. */
  readonly maxNoise: number;
  /** The smallest count published: a perturbed count below it is published as 0 (3: no published count is 1 or 2). */
  readonly smallestCount: number;
}

export const DEFAULT_PERTURBATION: PerturbationParameters = { maxNoise: 2, smallestCount: 3 };

/** Entries of the noise column. */
export const KEYS = 256;

/** Counts up to CAP salt the cell key with their size (cells that share a key but not a size do not share a noise); larger ones share one salt. */
const CAP = 8;

/**
 * Where a cell reads the column: a hash of its whole 32-bit cell key, salted with min(size, CAP), taken
 * modulo 256. Not the key's low byte: the column is in runs, and two cells whose keys differ by one record's
 * key (a region on D and D+1 after one death, and every region above it) would then read neighbouring
 * entries — the same noise whenever that key's low byte is small, at every level at once. Hashed, they read
 * unrelated entries; the hash is a bijection of 32-bit keys, so each entry is read by exactly 2^24 of them.
 */
export const columnIndex = (cellKey: number, size: number): number => finish(cellKey ^ imul(min(size, CAP) + 1, 0x9e3779b1)) & (KEYS - 1);

/** The count as published for a noise: at least 0, and 0 below `smallestCount`. */
export const shownWith = (size: number, noise: number, smallestCount: number): number => {
  const shown = max(0, size + noise);
  return shown < smallestCount ? 0 : shown;
};

/**
 * The noise column: 256 entries, each noise d in −D…D filling a run of keys in proportion to 2^(D−|d|), the
 * runs cut where the cumulative weight crosses a key (so D = 2 gives 26, 51, 102, 51, 26 keys: symmetric).
 */
export const noiseColumn = (maxNoise: number): Int8Array => {
  if (!Number.isInteger(maxNoise) || maxNoise < 1 || maxNoise > 5) throw new RangeError(`the largest noise is 1 to 5, got ${maxNoise}`);
  const noises = Array.from({ length: 2 * maxNoise + 1 }, (_, i) => i - maxNoise);
  const weights = noises.map((d) => 2 ** (maxNoise - Math.abs(d)));
  const total = weights.reduce((a, b) => a + b, 0);
  const column = new Int8Array(KEYS);
  let cumulative = 0;
  let start = 0;
  noises.forEach((d, i) => {
    cumulative += weights[i]!;
    const end = Math.round((KEYS * cumulative) / total);
    column.fill(d, start, end);
    start = end;
  });
  return column;
};

/** The chance of each noise in a column (for the answer's description and the tests' chance rates). */
export const noiseDistribution = (column: Int8Array): ReadonlyMap<number, number> => {
  const out = new Map<number, number>();
  for (const d of column) out.set(d, (out.get(d) ?? 0) + 1 / column.length);
  return new Map([...out].sort((a, b) => a[0] - b[0]));
};

/**
 * The perturbed count: 0 stays 0; otherwise |n| plus the noise at `columnIndex`, at least 0, published as 0
 * below `smallestCount`, with n's sign. Pure: the same count and key always give the same answer; one row
 * more or less changes the key, a fresh draw.
 */
export const perturbed = (column: Int8Array, smallestCount: number, n: number, cellKey: number): number => {
  if (n === 0) return 0;
  const size = abs(n);
  const published = shownWith(size, column[columnIndex(cellKey, size)]!, smallestCount);
  return n < 0 && published > 0 ? -published : published;
};

/** The statisticians' publisher for the given parameters (the column built once). */
export const perturbation = (p: PerturbationParameters = DEFAULT_PERTURBATION): Publish => {
  const column = noiseColumn(p.maxNoise);
  return (n, cellKey) => perturbed(column, p.smallestCount, n, cellKey);
};
