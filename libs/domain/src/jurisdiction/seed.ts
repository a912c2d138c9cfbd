import { policyRefOf } from '../policy/content-hash';
import { BUILTIN_POLICIES } from '../policy/documents';
import { floorsBinding } from '../policy/floors';
import { type SettlementPolicy } from '../policy/model';
import { type BindingFloors } from './policies';

/**
 * 种子: what a fresh registry records before anything else — the unification cut-over (统一城乡户口登记) each
 * seed document declares, and the enactment of the five documents themselves (shared/seeds, RULES.md). The
 * registry then decides by what its log says, never by the built-in catalogue directly.
 */
export interface SeedCutover {
  readonly prefix: string;
  /** From this date only `resident` is registered. */
  readonly date: string;
  /** The date the document declared it (its issue date; Heilongjiang's was dated the day before). */
  readonly declared: string;
  readonly documentNo: string;
}

export const SEED_CUTOVERS: readonly SeedCutover[] = [
  { prefix: '23', date: '2014-11-01', declared: '2014-10-31', documentNo: '黑政发〔2014〕25号' },
  { prefix: '4310', date: '2016-01-06', declared: '2016-01-06', documentNo: '郴政发〔2016〕1号' },
  { prefix: '3303', date: '2016-11-30', declared: '2016-05-06', documentNo: '温政发〔2016〕26号' },
  { prefix: '41', date: '2017-02-08', declared: '2017-02-08', documentNo: '豫政办〔2017〕27号' },
  { prefix: '4101', date: '2017-06-30', declared: '2017-06-30', documentNo: '郑政〔2017〕18号' },
];

/** One seed fact to record on `jurisdiction-<prefix>`, dated `effectiveDate`. */
export type SeedStep =
  | { readonly kind: 'policy'; readonly prefix: string; readonly effectiveDate: string; readonly policy: SettlementPolicy }
  | { readonly kind: 'cutover'; readonly prefix: string; readonly effectiveDate: string; readonly cutover: SeedCutover };

/**
 * The seed facts in the order of their dates (a province's floors are in force before its cities' policies
 * are checked against them): each document's enactment on its date, each cut-over on the date it was declared.
 */
export const seedSteps = (): SeedStep[] => [
  ...BUILTIN_POLICIES.map((policy): SeedStep => ({ kind: 'policy', prefix: policy.jurisdiction, effectiveDate: policy.effectiveDate, policy })),
  ...SEED_CUTOVERS.map((cutover): SeedStep => ({ kind: 'cutover', prefix: cutover.prefix, effectiveDate: cutover.declared, cutover })),
].sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : a.kind === 'policy' ? -1 : 1));

/** The seed cut-over covering a region (the most specific), if any. */
export const seedCutoverOf = (regionCode: string): SeedCutover | undefined =>
  SEED_CUTOVERS.filter((c) => regionCode.startsWith(c.prefix)).sort((a, b) => b.prefix.length - a.prefix.length)[0];

/** The floors the catalogue's own superior documents set for a policy (what the log will show once they are enacted in date order). */
export const catalogueFloorsFor = (policy: SettlementPolicy): BindingFloors[] =>
  floorsBinding(policy, BUILTIN_POLICIES).filter((b) => b.from.jurisdiction.length < policy.jurisdiction.length).map((b) => ({ from: policyRefOf(b.from), floors: b.floors }));
