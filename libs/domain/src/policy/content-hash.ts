import { createHash } from 'node:crypto';
import { type PolicyRef } from './decision';
import { type SettlementPolicy } from './model';

/**
 * Canonical JSON in the manner of RFC 8785 (JCS): object keys sorted by UTF-16 code units, no
 * whitespace, numbers and strings as `JSON.stringify` writes them, properties whose value is
 * `undefined` left out. The same data always gives the same text, whatever the key order in the source.
 * Throws on what JSON cannot carry faithfully (non-finite numbers, bigint, functions, undefined in arrays).
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => {
      if (item === undefined) throw new TypeError('canonicalJson: undefined inside an array');
      return canonicalJson(item);
    }).join(',')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
};

/** SHA-256 (hex) of the policy's canonical JSON: what SettlementPolicyEnacted and every decision cite. */
export const policyContentHash = (policy: SettlementPolicy): string => createHash('sha256').update(canonicalJson(policy), 'utf8').digest('hex');

/** Hashes of frozen policies, computed once each (a frozen object cannot change under its hash). */
const frozenRefs = new WeakMap<SettlementPolicy, PolicyRef>();

/** The reference a decision or an event carries: id, version, 文号 and content hash. */
export const policyRefOf = (policy: SettlementPolicy): PolicyRef => {
  const known = frozenRefs.get(policy);
  if (known) return known;
  const ref: PolicyRef = { id: policy.id, version: String(policy.version), documentNo: policy.documentNo, contentHash: policyContentHash(policy) };
  if (Object.isFrozen(policy)) frozenRefs.set(policy, ref);
  return ref;
};
