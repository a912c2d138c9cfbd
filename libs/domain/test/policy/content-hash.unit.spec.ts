import { BUILTIN_POLICIES, canonicalJson, policyContentHash, policyRefOf, type SettlementPolicy } from '../../src/policy';
import { copyOf } from './support';

// The content hash is what SettlementPolicyEnacted and every decision cite: the same data always gives the same hash.

/** Rebuilds a value with every object's keys in reverse order. */
const reversedKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
  return value;
};

describe('canonicalJson', () => {
  it('Given objects, Then keys are sorted at every depth, arrays keep their order and undefined properties are left out', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { z: true, y: null }], c: '郑' }, u: undefined })).toBe('{"a":{"c":"郑","d":[3,1,{"y":null,"z":true}]},"b":1}');
  });

  it('Given the same data with keys in another order, Then the text is identical', () => {
    for (const p of BUILTIN_POLICIES) expect(canonicalJson(reversedKeys(p))).toBe(canonicalJson(p));
  });

  it('Given what JSON cannot carry faithfully, Then it throws', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson([undefined])).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});

describe('policyContentHash', () => {
  it('Given a policy, Then the hash is 64 hex digits, the same on every call, for a copy, and for reordered keys', () => {
    for (const p of BUILTIN_POLICIES) {
      const h = policyContentHash(p);
      expect(h).toMatch(/^[0-9a-f]{64}$/);
      expect(policyContentHash(p)).toBe(h);
      expect(policyContentHash(structuredClone(p))).toBe(h);
      expect(policyContentHash(reversedKeys(p) as SettlementPolicy)).toBe(h);
      expect(policyRefOf(p)).toEqual({ id: p.id, version: String(p.version), documentNo: p.documentNo, contentHash: h });
    }
  });

  it('Given the five documents, Then their hashes differ', () => {
    expect(new Set(BUILTIN_POLICIES.map(policyContentHash)).size).toBe(BUILTIN_POLICIES.length);
  });

  it('Given any single rule changed — its clause, a condition, or its followers — Then the hash changes, each change to a different hash', () => {
    for (const p of BUILTIN_POLICIES) {
      const seen = new Set([policyContentHash(p)]);
      p.tiers.forEach((tier, t) => tier.rules.forEach((rule, r) => {
        const edits: ((copy: ReturnType<typeof copyOf>) => void)[] = [
          (c) => { c.tiers[t]!.rules[r]!.clause += '。'; },
          (c) => { c.tiers[t]!.rules[r]!.conditions.push({ kind: 'legalStableEmployment' }); },
          (c) => { c.tiers[t]!.rules[r]!.followers.spouse = !rule.followers.spouse; },
        ];
        for (const edit of edits) {
          const copy = copyOf(p);
          edit(copy);
          const h = policyContentHash(copy);
          expect(seen.has(h)).toBe(false);
          seen.add(h);
        }
      }));
    }
  });

  it('Given a threshold changed by one month, Then the hash changes', () => {
    const p = copyOf(BUILTIN_POLICIES.find((x) => x.id === 'heilongjiang-2014')!);
    const c = p.tiers[0]!.rules[0]!.conditions[3]!;
    if (c.kind !== 'urbanSocialInsuranceMonths') throw new Error('unexpected data layout');
    const before = policyContentHash(p);
    c.min = 13;
    expect(policyContentHash(p)).not.toBe(before);
  });
});
