import { columnIndex, DEFAULT_PERTURBATION, exact, KEYS, noiseColumn, noiseDistribution, perturbation, perturbed } from '../perturbation';

const D2 = noiseColumn(2);
/** Cell keys as sums of random record keys fill all 32 bits: a sample of them. */
const SAMPLE = Array.from({ length: 1 << 16 }, (_, i) => Math.imul(i, 0x2c1b3c6d) ^ (i << 20));
const share = (keys: readonly number[], pick: (key: number) => boolean) => keys.filter(pick).length / keys.length;

describe('the perturbation table (cell-key perturbation)', () => {
  it('Given D = 2, Then the noise column holds −2…+2 on 26, 51, 102, 51 and 26 of its 256 entries (≈ 0.1, 0.2, 0.4, 0.2, 0.1)', () => {
    expect([...noiseDistribution(D2)].map(([d, p]) => [d, Math.round(p * KEYS)])).toEqual([[-2, 26], [-1, 51], [0, 102], [1, 51], [2, 26]]);
  });

  it.each([1, 2, 3, 4, 5])('Given D = %i, Then the column is symmetric and every noise in −D…D has entries', (d) => {
    const dist = noiseDistribution(noiseColumn(d));
    expect([...dist.keys()]).toEqual(Array.from({ length: 2 * d + 1 }, (_, i) => i - d));
    expect([...dist].filter(([noise, p]) => Math.abs(p - dist.get(-noise)!) > 1e-12)).toEqual([]);
  });

  it('Given a largest noise outside 1…5, Then no column is built', () => {
    expect(() => noiseColumn(0)).toThrow(RangeError);
    expect(() => noiseColumn(6)).toThrow(RangeError);
  });

  it('Given cell keys, Then each size reads every column entry about equally often (within ±25% of 1 in 256)', () => {
    for (const size of [1, 2, 3, 9, 1000]) {
      const reads = new Array<number>(KEYS).fill(0);
      for (const key of SAMPLE) reads[columnIndex(key, size)]!++;
      expect(reads.map((n, entry) => ({ size, entry, n })).filter(({ n }) => Math.abs(n - SAMPLE.length / KEYS) > SAMPLE.length / KEYS / 4)).toEqual([]);
    }
  });

  it('Given two cells whose keys differ by one small record key (a region before and after one death), Then their noises agree at the chance of two independent draws (Σp² ≈ 25.9%), not by neighbourhood', () => {
    const chance = [...noiseDistribution(D2).values()].reduce((s, p) => s + p * p, 0);
    for (const r of [1, 2, 3, 7, 100, 255]) {
      const agree = share(SAMPLE, (key) => D2[columnIndex(key, 50)] === D2[columnIndex((key - r) | 0, 50)]);
      expect({ r, agree: Math.abs(agree - chance) < 0.02 }).toEqual({ r, agree: true });
    }
  });

  it('Given any count and cell key, Then a published count is never 1 or 2, 0 stays 0, and a negative count mirrors its size', () => {
    const shown = [];
    for (let n = -30; n <= 30; n++) for (const key of SAMPLE.slice(0, 512)) shown.push({ n, key, p: perturbed(D2, 3, n, key) });
    expect(shown.filter(({ p }) => Math.abs(p) === 1 || Math.abs(p) === 2)).toEqual([]);
    expect(shown.filter(({ n, p }) => n === 0 && p !== 0)).toEqual([]);
    expect(shown.filter(({ n, key, p }) => n < 0 && p !== -perturbed(D2, 3, -n, key) + 0)).toEqual([]);
  });

  it('Given counts of 5 and more, Then the published count is within ±2, and over cell keys the noise has the column\'s distribution (within 1 point)', () => {
    for (const n of [5, 6, 8, 9, 40, 1234]) {
      const noises = SAMPLE.map((key) => perturbed(D2, 3, n, key) - n);
      expect(noises.filter((d) => Math.abs(d) > 2)).toEqual([]);
      expect([-2, -1, 0, 1, 2].map((d) => Math.round(100 * share(noises, (x) => x === d)))).toEqual([10, 20, 40, 20, 10]);
    }
  });

  it('Given one person, Then they are published as 0 nine times in ten and as 3 otherwise (noise +2), never as 1', () => {
    const shown = SAMPLE.map((key) => perturbed(D2, 3, 1, key));
    expect([Math.round(100 * share(shown, (p) => p === 0)), Math.round(100 * share(shown, (p) => p === 3))]).toEqual([90, 10]);
  });

  it('Given the same count and key, Then the same answer; the publisher of the defaults is the table; exact publishes the count', () => {
    const publish = perturbation(DEFAULT_PERTURBATION);
    const pairs = SAMPLE.slice(0, 500).map((key, i) => [i % 37, key] as const);
    expect(pairs.filter(([n, key]) => publish(n, key) !== perturbed(D2, 3, n, key) || publish(n, key) !== publish(n, key))).toEqual([]);
    expect(pairs.filter(([n, key]) => exact(n, key) !== n)).toEqual([]);
  });

  it('Given cells that share a key but not a size, Then their noises are unrelated (they agree about as often as two draws, not always)', () => {
    const agree = share(SAMPLE, (key) => perturbed(D2, 0, 5, key) - 5 === perturbed(D2, 0, 6, key) - 6);
    expect(agree).toBeLessThan(0.3);
  });
});
