/**
 * A seeded pseudo-random source (sfc32): the synthetic city is a pure function of its seed, so two runs
 * with the same seed produce byte-identical event streams.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Index drawn with the given (unnormalised) weights. */
  weighted(weights: readonly number[]): number;
  /** A version-4-shaped UUID from the stream (for correlation ids and event ids). */
  uuid(): string;
}

/** Two hex digits per byte value (a uuid a record: a table beats toString(16) + padStart). */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export const seededRandom = (seed: number): Random => {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const u32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) u32();
  const hex = (n: number): string => HEX[n >>> 24]! + HEX[(n >>> 16) & 0xff]! + HEX[(n >>> 8) & 0xff]! + HEX[n & 0xff]!;
  const random: Random = {
    next: () => u32() / 4_294_967_296,
    int: (min, max) => min + Math.floor(random.next() * (max - min + 1)),
    chance: (p) => random.next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(random.next() * items.length)]!;
    },
    weighted: (weights) => {
      const total = weights.reduce((s, w) => s + w, 0);
      let r = random.next() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i]!;
        if (r < 0) return i;
      }
      return weights.length - 1;
    },
    uuid: () => {
      const [x, y, z, w] = [hex(u32()), hex(u32()), hex(u32()), hex(u32())];
      return `${x}-${y.slice(0, 4)}-4${y.slice(5, 8)}-${((parseInt(z[0]!, 16) & 0x3) | 0x8).toString(16)}${z.slice(1, 4)}-${z.slice(4)}${w}`;
    },
  };
  return random;
};
