import {
  evaluateSettlement, type FollowerApplication, type SettlementAdmission, type SettlementApplication, type SettlementDecision,
  type SettlementPolicy, type SettlementRefusal,
} from '../../src/policy';

/** A destination from a 6-digit county code: the county seat's 12-digit code (township 001, village 000). */
export const at = (county: string): { readonly regionCode: string } => ({ regionCode: `${county}001000` });

/** An application that meets nothing but the own-application requirement; override what the test needs. */
export const application = (overrides: Partial<SettlementApplication> = {}): SettlementApplication => ({
  applicationRef: 'APP-2024-0001',
  applicant: '410105199001011237',
  ownApplication: true,
  consentRef: 'CONSENT-2024-0001',
  category: 'general',
  residence: { kind: 'none', sameAddressMonths: 0 },
  employment: { legalStableEmployment: false, contractMonths: 0 },
  urbanSocialInsuranceMonths: 0,
  continuousResidenceMonths: 0,
  followers: [],
  ...overrides,
});

/** Renting at one address for `months`. */
export const renting = (months: number, rentalRegistered = true): SettlementApplication['residence'] => ({ kind: 'rented', sameAddressMonths: months, rentalRegistered });

/** Employed on a contract of `months`. */
export const employed = (months: number): SettlementApplication['employment'] => ({ legalStableEmployment: true, contractMonths: months });

export const spouse = (extra: Partial<FollowerApplication> = {}): FollowerApplication => ({ personRef: 'spouse', relation: 'spouse', coResiding: true, consents: true, ...extra });
export const parent = (extra: Partial<FollowerApplication> = {}): FollowerApplication => ({ personRef: 'parent', relation: 'parent', coResiding: true, consents: true, ...extra });
export const child = (personRef: string, facts: Partial<FollowerApplication>): FollowerApplication => ({ personRef, relation: 'child', coResiding: true, consents: true, ...facts });

/** A typical family: spouse, a minor child, an adult unmarried child without income, an adult married child with income, a parent. */
export const FAMILY: readonly FollowerApplication[] = [
  spouse(),
  child('minor-child', { minor: true, married: false, hasIncome: false }),
  child('adult-unmarried-no-income', { minor: false, married: false, hasIncome: false }),
  child('adult-married-with-income', { minor: false, married: true, hasIncome: true }),
  parent(),
];

/** The ids of the followers admitted. */
export const admittedFollowers = (d: SettlementAdmission): string[] => d.followers.filter((f) => f.admitted).map((f) => f.personRef);

export const decide = (
  a: SettlementApplication, county: string, date = '2024-06-01', policies?: readonly SettlementPolicy[],
): SettlementDecision => (policies ? evaluateSettlement(a, at(county), date, policies) : evaluateSettlement(a, at(county), date));

/** Narrows to an admission, failing the test with the refusal otherwise. */
export const admitted = (d: SettlementDecision): SettlementAdmission => {
  if (d.outcome !== 'admitted') throw new Error(`expected admission, got ${JSON.stringify(d, null, 2)}`);
  return d;
};

/** Narrows to a refusal, failing the test otherwise. */
export const refused = (d: SettlementDecision): SettlementRefusal => {
  if (d.outcome !== 'refused') throw new Error(`expected refusal, got ${JSON.stringify(d, null, 2)}`);
  return d;
};

/** The unmet conditions as `ruleId:code` pairs, for compact assertions. */
export const unmetCodes = (d: SettlementRefusal): string[] => d.unmet.map((u) => `${u.ruleId ?? '-'}:${u.condition}`);

/**
 * A deep, mutable copy of a policy (the builtins are frozen). Through JSON, not structuredClone: the data
 * shares objects (one follower rule for many rules), and an edit must touch one place only.
 */
export const copyOf = (p: SettlementPolicy): Mutable<SettlementPolicy> => JSON.parse(JSON.stringify(p)) as Mutable<SettlementPolicy>;

export type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? Mutable<U>[] : T[K] extends object ? Mutable<T[K]> : T[K] };
