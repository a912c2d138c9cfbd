import { PUBLIC_SEED, recordKeyOf, recordKeySeedOf } from '../record-keys';

const seed = recordKeySeedOf('Qm7vT2xK9pL4wZr8Nc3Hy6Fb1Jd5Gs0UeAiOkPqRtV');

describe('record keys (记录密钥)', () => {
  it('Given the same secret and row key, Then the same record key — on every load and after a rebuild', () => {
    expect(recordKeySeedOf('Qm7vT2xK9pL4wZr8Nc3Hy6Fb1Jd5Gs0UeAiOkPqRtV')).toEqual(seed);
    expect(recordKeyOf(seed, 1234, 1234, 2)).toBe(recordKeyOf(recordKeySeedOf('Qm7vT2xK9pL4wZr8Nc3Hy6Fb1Jd5Gs0UeAiOkPqRtV'), 1234, 1234, 2));
  });

  it('Given another secret, Then the keys are unrelated: fewer than 1 in 100 of 10,000 rows keep their low byte', () => {
    const other = recordKeySeedOf('another secret of the same strength, 42 ch');
    const rows = Array.from({ length: 10_000 }, (_, i) => i + 1);
    const kept = rows.filter((i) => ((recordKeyOf(seed, i, i, 0) ^ recordKeyOf(other, i, i, 0)) & 255) === 0).length;
    expect(kept).toBeLessThan(100); // chance: 1 in 256 ≈ 39
    expect(recordKeySeedOf('x')).not.toEqual(PUBLIC_SEED);
  });

  it('Given 65,536 consecutive rows (positions, prepare positions and seqs), Then the cell-key byte is spread evenly over 0…255 (each within ±25% of 256)', () => {
    const buckets = new Array<number>(256).fill(0);
    for (let i = 0; i < 65_536; i++) buckets[recordKeyOf(seed, 1_000 + (i >> 2), 1_000 + (i >> 2) + (i & 1) * 2 ** 40, i & 3) & 255]!++;
    expect(buckets.map((n, b) => ({ b, n })).filter(({ n }) => Math.abs(n - 256) > 64)).toEqual([]);
  });

  it('Given rows that differ in one part of the row key only, Then their keys differ', () => {
    const base = recordKeyOf(seed, 5_000_000_000, 5_000_000_001, 3);
    expect([recordKeyOf(seed, 5_000_000_001, 5_000_000_001, 3), recordKeyOf(seed, 5_000_000_000, 5_000_000_002, 3), recordKeyOf(seed, 5_000_000_000, 5_000_000_001, 4)]
      .filter((k) => k === base)).toEqual([]);
  });
});
