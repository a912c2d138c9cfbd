/**
 * The shape of a settlement policy (落户政策) as data. A document is encoded once as a
 * `SettlementPolicy`; the engine reads nothing else, so a sixth document needs only a data file.
 * Every number the document does not itself publish carries `placeholder: true`.
 */
import { type IsoDate } from '../shared/dates';
import { type SettlementCategory } from './categories';
import { type CountyKind } from './regions';

/**
 * Which divisions a tier covers: a code prefix (2, 4, 6 or 9 digits), optionally narrowed to kinds
 * of county-level unit (市辖区 / 县 / 县级市 / 功能区, read from digits 5-6 of the code).
 */
export interface RegionSelector {
  readonly prefix: string;
  readonly countyKinds?: readonly CountyKind[];
  /** The Chinese name, for the reader of the data (e.g. 金水区). */
  readonly name?: string;
}

/** Marks what the document leaves open: the value is ours, not the document's. */
interface ConditionBase {
  /** True when the condition or its threshold is not published in the document (see README). */
  readonly placeholder?: true;
  /** Why it was encoded this way. */
  readonly note?: string;
}

/**
 * One requirement of a rule. Each kind has a stable refusal code (see `conditions.ts`).
 * - `category`: the applicant's 落户类别 must be one of `in` (this is how a rule is scoped to a group).
 * - `legalStableResidence`: 合法稳定住所 — owned, or rented when `includesRental` (含租赁); some
 *   documents also want the lease registered with the housing office (房管部门租赁登记备案).
 * - `sameAddressResidenceMonths`: months at one address (同一地址), for renters only when `rentedOnly`.
 * - `legalStableEmployment`: 合法稳定就业.
 * - `employmentContractMonths`: length of the labour contract (劳动合同).
 * - `urbanSocialInsuranceMonths`: 城镇社会保险 paid in the destination city.
 * - `continuousResidenceMonths`: 连续居住年限 in the destination city.
 * - `ruralOrigin`: 农村籍 (e.g. rural-origin demobilised soldiers).
 * - `categoryStandard`: the category's own standard (人才认定, 投资规模 …) set by implementing rules the
 *   document does not contain; met when the competent department has certified it.
 * - `points`: 积分落户 — the score under `scheme` must reach `min`.
 */
export type Condition = ConditionBase & (
  | { readonly kind: 'category'; readonly in: readonly SettlementCategory[] }
  | { readonly kind: 'legalStableResidence'; readonly includesRental: boolean; readonly rentalMustBeRegistered?: boolean }
  | { readonly kind: 'sameAddressResidenceMonths'; readonly min: number; readonly rentedOnly?: boolean }
  | { readonly kind: 'legalStableEmployment' }
  | { readonly kind: 'employmentContractMonths'; readonly min: number }
  | { readonly kind: 'urbanSocialInsuranceMonths'; readonly min: number }
  | { readonly kind: 'continuousResidenceMonths'; readonly min: number }
  | { readonly kind: 'ruralOrigin' }
  | { readonly kind: 'categoryStandard'; readonly standard: string }
  | { readonly kind: 'points'; readonly scheme: PointsScheme; readonly min: number }
);

/** The `kind` of a condition (落户条件的种类). */
export type ConditionKind = Condition['kind'];

/** What a points indicator measures in the application. */
export type PointsMeasure =
  | 'legalStableEmployment' // 1 when the applicant has 合法稳定就业
  | 'legalStableResidence' // 1 when the applicant owns or rents (含租赁)
  | 'urbanSocialInsuranceYears' // whole years of 城镇社会保险
  | 'continuousResidenceYears' // whole years of 连续居住
  | 'contribution'; // points certified for 为经济发展所做贡献 (application.pointsIndicators.contribution)

/** One indicator of a 积分 scheme: `pointsPerUnit` × the measure, capped at `maxPoints`. */
export interface PointsIndicator {
  readonly id: string;
  /** The document's words for the indicator. */
  readonly label: string;
  readonly measure: PointsMeasure;
  readonly pointsPerUnit: number;
  readonly maxPoints?: number;
  readonly placeholder?: true;
}

/** 积分落户: a points scheme — the indicators the document names, with their weights as data. */
export interface PointsScheme {
  readonly id: string;
  readonly name: string;
  readonly indicators: readonly PointsIndicator[];
}

/**
 * A child who may follow: every field given must match the child's facts (unknown facts never
 * match). `{}` admits any child; `[]` admits none.
 */
export interface ChildCriterion {
  readonly minor?: boolean;
  readonly married?: boolean;
  readonly hasIncome?: boolean;
}

/** 随迁: which family members may follow the principal applicant under a rule. */
export interface FollowerRule {
  /** 共同居住生活的: followers must live with the applicant. */
  readonly coResidingRequired: boolean;
  readonly spouse: boolean;
  readonly parents: boolean;
  /** A child follows when it matches any one criterion. */
  readonly children: readonly ChildCriterion[];
}

/** 落户条件 (one rule): one way into a tier, admitted when every condition is met. */
export interface SettlementRule {
  /** Unique within the policy; recorded on the HukouMigrated event. */
  readonly id: string;
  /** 落户类别 recorded for the settlement (statistics count by it). */
  readonly category: SettlementCategory;
  readonly conditions: readonly Condition[];
  readonly followers: FollowerRule;
  /** A short quote of the document's clause the rule implements (verbatim, `……` marks an elision). */
  readonly clause: string;
  readonly note?: string;
}

/** 差别化落户政策的一档: a band of destinations with its own rules (中心城区, 县城, 主城区 …). */
export interface PolicyTier {
  readonly id: string;
  /** The document's name for the band. */
  readonly name: string;
  readonly regions: readonly RegionSelector[];
  /** Tried in order; the first rule whose conditions are all met admits. */
  readonly rules: readonly SettlementRule[];
  readonly note?: string;
}

/** A ceiling on 城镇社会保险 years that sub-jurisdictions may require, for the regions selected. */
export interface InsuranceCap {
  readonly regions: readonly RegionSelector[];
  readonly maxMonths: number;
  readonly clause: string;
}

/**
 * 底线要求: floors a provincial document sets for every city's policy inside it (e.g. 豫政办〔2017〕27号).
 * `checkFloors` reports each rule of a city policy that breaks one.
 */
export interface PolicyFloors {
  /** The most specific cap covering a tier's region applies. */
  readonly insuranceCaps: readonly InsuranceCap[];
  /** Condition kinds no rule may use (e.g. `points`: 不得采取积分落户方式). */
  readonly forbiddenConditions: readonly { readonly kind: ConditionKind; readonly clause: string }[];
  /** Residence conditions must count rental (购买房屋 may not be a restriction). */
  readonly residenceMustIncludeRental?: { readonly clause: string };
}

/**
 * 落户政策: one policy document as versioned data. `jurisdiction` is the issuer's region prefix;
 * the policy is in force from `effectiveDate` (inclusive) until `effectiveUntil` (exclusive).
 */
export interface SettlementPolicy {
  readonly id: string;
  readonly version: number;
  /** 文号, e.g. 郑政〔2017〕18号. */
  readonly documentNo: string;
  readonly title: string;
  readonly issuer: string;
  readonly jurisdiction: string;
  readonly effectiveDate: IsoDate;
  readonly effectiveUntil?: IsoDate;
  /** The document's words that settlement is by the applicant's own will (严格防止"被落户"). */
  readonly applicationClause: string;
  readonly tiers: readonly PolicyTier[];
  readonly floors?: PolicyFloors;
  readonly notes?: readonly string[];
}
