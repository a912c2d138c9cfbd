import { type IsoDate } from '../shared/dates';
import { type PolicyTier, type SettlementPolicy } from './model';
import { bestMatch } from './regions';

/** 现行有效的落户政策: the policy in force for a destination and the tier of it that covers the destination. */
export interface PolicyInForce {
  readonly policy: SettlementPolicy;
  readonly tier: PolicyTier;
}

/** In force on `date`: from the effective date (inclusive) to `effectiveUntil` (exclusive). */
export const inForceOn = (policy: SettlementPolicy, date: IsoDate): boolean =>
  policy.effectiveDate <= date && (policy.effectiveUntil === undefined || date < policy.effectiveUntil);

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

/** Most specific jurisdiction first, then the latest effective date, then the highest version. */
const precedence = (a: SettlementPolicy, b: SettlementPolicy): number =>
  b.jurisdiction.length - a.jurisdiction.length
  || (a.effectiveDate < b.effectiveDate ? 1 : a.effectiveDate > b.effectiveDate ? -1 : 0)
  || b.version - a.version;

/**
 * The policy that decides a settlement into `regionCode` on `date`: among the policies in force whose
 * jurisdiction contains the destination and one of whose tiers covers it, the most specific
 * jurisdiction (a city's own document beats its province's), then the latest, then the highest version.
 */
export const selectPolicy = (policies: readonly SettlementPolicy[], regionCode: string, date: IsoDate): PolicyInForce | undefined => {
  const candidates = policies
    .filter((p) => regionCode.startsWith(p.jurisdiction) && inForceOn(p, date))
    .sort(precedence);
  for (const policy of candidates) {
    const tier = tierFor(policy, regionCode);
    if (tier) return { policy, tier };
  }
  return undefined;
};
