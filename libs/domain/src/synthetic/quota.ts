import { type Random } from './random';

/** Splits `total` into integers proportional to `weights` (largest remainder), so the parts add up exactly. */
export const apportion = (weights: readonly number[], total: number): number[] => {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (sum === 0 ? 0 : (w * total) / sum));
  const parts = exact.map(Math.floor);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0, left = total - parts.reduce((s, p) => s + p, 0); k < left; k++) parts[order[k % order.length]!.i]! += 1;
  return parts;
};

/**
 * 配额抽样: counts still to be filled per value (an age, a sex); a draw prefers what is left, so a run of
 * draws reproduces the target like sampling without replacement — the totals come out (nearly) exact
 * instead of wandering by the sampling error of independent draws.
 */
export class Quota {
  private readonly left: number[];

  constructor(counts: readonly number[]) {
    this.left = [...counts];
  }

  /**
   * A value in [lo, hi] drawn in proportion to what is left of each, taken from the quota. When nothing is left
   * there the range widens a step at a time up to the hard limits [min, max] (what a relation allows: a head is
   * an adult, a parent older than the child), so the quota is overdrawn only when nothing is left within them.
   */
  draw(random: Random, lo: number, hi: number, min = 0, max = this.left.length - 1): number {
    const floor = Math.max(0, min);
    const ceiling = Math.min(this.left.length - 1, max);
    let top = Math.max(floor, Math.min(hi, ceiling));
    let from = Math.max(floor, Math.min(lo, top));
    while (this.remaining(from, top) === 0 && (from > floor || top < ceiling)) {
      from = Math.max(floor, from - 3);
      top = Math.min(ceiling, top + 3);
    }
    const total = this.remaining(from, top);
    let value = from + Math.floor(random.next() * (top - from + 1));
    let r = random.next() * total;
    for (let v = from; v <= top && total > 0; v++) {
      r -= Math.max(0, this.left[v]!);
      if (r < 0) { value = v; break; }
    }
    this.left[value]! -= 1;
    return value;
  }

  /** Like `draw`, but undefined (and nothing taken) when nothing is left within [min, max]. */
  tryDraw(random: Random, lo: number, hi: number, min: number, max: number): number | undefined {
    return this.remaining(min, max) === 0 ? undefined : this.draw(random, lo, hi, min, max);
  }

  /** How much is left in [lo, hi]. */
  remaining(lo = 0, hi = this.left.length - 1): number {
    let n = 0;
    for (let v = Math.max(0, lo); v <= Math.min(hi, this.left.length - 1); v++) n += Math.max(0, this.left[v]!);
    return n;
  }
}
