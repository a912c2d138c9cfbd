import { type SettlementCategory } from './categories';

/** 住所类别: owned (自有), rented (租赁), an employer's collective dormitory (集体宿舍), or none. */
export type ResidenceKind = 'owned' | 'rented' | 'collective' | 'none';

/**
 * 合法稳定住所: where the applicant lives in the destination city or town. A collective dormitory
 * is not a 合法稳定住所 in any of the documents (they say owned, 含租赁 rented).
 */
export interface Residence {
  readonly kind: ResidenceKind;
  /** Months lived at the current address (同一地址). */
  readonly sameAddressMonths: number;
  /** The lease is registered with the housing office (房管部门租赁登记备案). */
  readonly rentalRegistered?: boolean;
}

/** 合法稳定就业: employment in the destination city. */
export interface Employment {
  readonly legalStableEmployment: boolean;
  /** Length of the current labour contract (劳动合同) in months; 0 without one. */
  readonly contractMonths: number;
}

/** 随迁人员的关系: the relation of a follower to the principal applicant. */
export type FollowerRelation = 'spouse' | 'child' | 'parent';

/** 随迁: a family member asking to follow the principal applicant. */
export interface FollowerApplication {
  readonly personRef: string;
  readonly relation: FollowerRelation;
  /** 共同居住生活: lives with the applicant. */
  readonly coResiding: boolean;
  /** The follower (a minor: the guardian) wants to move: nobody is settled without it (被落户). */
  readonly consents: boolean;
  readonly married?: boolean;
  /** 未成年: under 18 on the application date. */
  readonly minor?: boolean;
  /** 有生活来源: has an income of their own. */
  readonly hasIncome?: boolean;
  /** Whole years of age on the application date (from the registry's own date of birth), for the decision's words. */
  readonly age?: number;
}

/**
 * 落户申请: an application to settle (落户) in a destination, as the engine reads it. Facts about
 * residence, employment and insurance are those in the destination city.
 */
export interface SettlementApplication {
  readonly applicationRef: string;
  /** The principal applicant (申请人): a citizen id or another stable reference. */
  readonly applicant: string;
  /** 本人申请: the applicant applied of their own will. Without it nothing is admitted (严格防止"被落户"). */
  readonly ownApplication: boolean;
  /** The record of that will (signed application / consent); required together with `ownApplication`. */
  readonly consentRef?: string;
  readonly category: SettlementCategory;
  readonly residence: Residence;
  readonly employment: Employment;
  /** 城镇社会保险: months paid in the destination city. */
  readonly urbanSocialInsuranceMonths: number;
  /** 连续居住: months of continuous residence in the destination city. */
  readonly continuousResidenceMonths: number;
  /** 农村籍: the applicant's origin is rural (historical agricultural registration). */
  readonly ruralOrigin?: boolean;
  /** The competent department certified the category's own standard (人才认定, 投资规模, 突出贡献 …). */
  readonly meetsCategoryStandard?: boolean;
  /** 积分 indicators that no other field measures: certified points for 为经济发展所做贡献. */
  readonly pointsIndicators?: { readonly contribution?: number };
  /** 12-digit code of the current registration; a move inside a city meets the destination's rules all the same. */
  readonly originRegionCode?: string;
  readonly followers: readonly FollowerApplication[];
  /**
   * 三权 (土地承包经营权, 宅基地使用权, 集体收益分配权): whether the applicant keeps them. Recorded for the
   * file only: every document forbids making their surrender a settlement condition, and the engine never reads it.
   */
  readonly keepsRuralLandRights?: boolean;
}
