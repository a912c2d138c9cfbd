import { type Condition, type PolicyFloors, type RegionSelector, type SettlementPolicy } from './model';
import { countyKindOf, selectorSpecificity } from './regions';

/** 违反底线要求: one rule of a city's policy that breaks a floor set by the province (e.g. 豫政办〔2017〕27号). */
export interface FloorViolation {
  readonly code: 'FLOOR.INSURANCE_CAP_EXCEEDED' | 'FLOOR.FORBIDDEN_CONDITION' | 'FLOOR.RENTAL_NOT_COUNTED';
  readonly tierId: string;
  readonly ruleId: string;
  readonly detail: string;
  /** The floor's clause. */
  readonly clause: string;
}

/** True when every division `inner` selects is also selected by `outer`. */
export const selectorCovers = (outer: RegionSelector, inner: RegionSelector): boolean => {
  if (!inner.prefix.startsWith(outer.prefix)) return false;
  const outerKinds = outer.countyKinds;
  if (!outerKinds) return true;
  if (inner.countyKinds) return inner.countyKinds.every((k) => outerKinds.includes(k));
  const kind = countyKindOf(inner.prefix);
  return kind !== undefined && outerKinds.includes(kind);
};

const capFor = (floors: PolicyFloors, region: RegionSelector) => {
  let best: { readonly maxMonths: number; readonly clause: string; readonly score: number } | undefined;
  for (const cap of floors.insuranceCaps) {
    for (const s of cap.regions) {
      const score = selectorSpecificity(s);
      if (selectorCovers(s, region) && (!best || score > best.score)) best = { maxMonths: cap.maxMonths, clause: cap.clause, score };
    }
  }
  return best;
};

const violationsOf = (floors: PolicyFloors, regions: readonly RegionSelector[], c: Condition): Omit<FloorViolation, 'tierId' | 'ruleId'>[] => {
  const found: Omit<FloorViolation, 'tierId' | 'ruleId'>[] = [];
  const forbidden = floors.forbiddenConditions.find((f) => f.kind === c.kind);
  if (forbidden) found.push({ code: 'FLOOR.FORBIDDEN_CONDITION', detail: `condition ${c.kind} is forbidden`, clause: forbidden.clause });
  if (c.kind === 'legalStableResidence' && !c.includesRental && floors.residenceMustIncludeRental)
    found.push({ code: 'FLOOR.RENTAL_NOT_COUNTED', detail: 'residence must count rental (含租赁)', clause: floors.residenceMustIncludeRental.clause });
  if (c.kind === 'urbanSocialInsuranceMonths') {
    // One violation per cap broken, naming every region of the tier it is broken in.
    const broken = new Map<string, { maxMonths: number; clause: string; prefixes: string[] }>();
    for (const region of regions) {
      const cap = capFor(floors, region);
      if (!cap || c.min <= cap.maxMonths) continue;
      const key = `${cap.maxMonths}\n${cap.clause}`;
      broken.set(key, { maxMonths: cap.maxMonths, clause: cap.clause, prefixes: [...(broken.get(key)?.prefixes ?? []), region.prefix] });
    }
    for (const b of broken.values())
      found.push({ code: 'FLOOR.INSURANCE_CAP_EXCEEDED', detail: `${b.prefixes.join(', ')}: ${c.min} months of insurance required, at most ${b.maxMonths} allowed`, clause: b.clause });
  }
  return found;
};

/** Every rule of `policy` that breaks one of `floors`; empty when the policy respects them. */
export const checkFloors = (policy: SettlementPolicy, floors: PolicyFloors): FloorViolation[] =>
  policy.tiers.flatMap((tier) => tier.rules.flatMap((rule) => rule.conditions.flatMap((c) =>
    violationsOf(floors, tier.regions, c).map((v) => ({ ...v, tierId: tier.id, ruleId: rule.id })))));

/** The floors that bind `policy`: those of every policy (itself included) whose jurisdiction contains its own. */
export const floorsBinding = (policy: SettlementPolicy, policies: readonly SettlementPolicy[]): { readonly from: SettlementPolicy; readonly floors: PolicyFloors }[] =>
  policies.flatMap((p) => (p.floors && policy.jurisdiction.startsWith(p.jurisdiction) ? [{ from: p, floors: p.floors }] : []));
