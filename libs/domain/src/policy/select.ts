import { type IsoDate } from '../shared/dates';
import { policyRefOf } from './content-hash';
import { type PolicyRef } from './decision';
import { type PolicyTier, type SettlementPolicy } from './model';
import { bestMatch } from './regions';

/**
 * 施行期间: a policy's content with the period it decides in — from its enactment (or amendment) to its next
 * version, its repeal or its own `effectiveUntil` — and the reference decisions cite (id, version, 文号, hash).
 */
export interface PolicyWindow {
  readonly policy: SettlementPolicy;
  readonly ref: PolicyRef;
  /** In force from (inclusive). */
  readonly from: IsoDate;
  /** In force until (exclusive); open when undefined. */
  readonly until?: IsoDate;
}

/** 现行有效的落户政策: the policy window in force for a destination and the tier of it that covers the destination. */
export interface PolicyInForce {
  readonly policy: SettlementPolicy;
  readonly ref: PolicyRef;
  readonly tier: PolicyTier;
}

/** Policies taken as written: each in force from its effective date to its `effectiveUntil` (the catalogue, tests). */
export const windowsOf = (policies: readonly SettlementPolicy[]): PolicyWindow[] =>
  policies.map((policy) => ({ policy, ref: policyRefOf(policy), from: policy.effectiveDate, ...(policy.effectiveUntil ? { until: policy.effectiveUntil } : {}) }));

/** In force on `date`: from (inclusive) to until (exclusive). */
export const windowInForce = (w: PolicyWindow, date: IsoDate): boolean => w.from <= date && (w.until === undefined || date < w.until);

/** The tier whose best region selector is the most specific match; the first in data order on a tie. */
export const tierFor = (policy: SettlementPolicy, regionCode: string): PolicyTier | undefined => {
  let found: PolicyTier | undefined;
  let score = -1;
  for (const tier of policy.tiers) {
    const s = bestMatch(tier.regions, regionCode);
    if (s > score) [found, score] = [tier, s];
  }
  return found;
};

/** Most specific jurisdiction first, then the latest start, then the highest version. */
const precedence = (a: PolicyWindow, b: PolicyWindow): number =>
  b.policy.jurisdiction.length - a.policy.jurisdiction.length
  || (a.from < b.from ? 1 : a.from > b.from ? -1 : 0)
  || b.policy.version - a.policy.version;

/**
 * The policy that decides a settlement into `regionCode` on `date`: among the windows in force whose
 * jurisdiction contains the destination and one of whose tiers covers it, the most specific jurisdiction (a
 * city's own document beats its province's), then the latest, then the highest version.
 */
export const selectInForce = (windows: readonly PolicyWindow[], regionCode: string, date: IsoDate): PolicyInForce | undefined => {
  const candidates = windows.filter((w) => regionCode.startsWith(w.policy.jurisdiction) && windowInForce(w, date)).sort(precedence);
  for (const w of candidates) {
    const tier = tierFor(w.policy, regionCode);
    if (tier) return { policy: w.policy, ref: w.ref, tier };
  }
  return undefined;
};
