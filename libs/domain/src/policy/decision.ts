import { type PolicyRef } from '../../../../events';
import { type FollowerRelation } from './application';
import { type SettlementCategory } from './categories';

export { type PolicyRef };

/** Stable codes for an unmet condition (未满足的落户条件), one per condition kind, two for residence. */
export type UnmetConditionCode =
  | 'SETTLEMENT.NOT_APPLIED_BY_APPLICANT'
  | 'SETTLEMENT.CATEGORY_NOT_ELIGIBLE'
  | 'SETTLEMENT.NO_LEGAL_STABLE_RESIDENCE'
  | 'SETTLEMENT.RENTAL_NOT_REGISTERED'
  | 'SETTLEMENT.SAME_ADDRESS_TOO_SHORT'
  | 'SETTLEMENT.NO_LEGAL_STABLE_EMPLOYMENT'
  | 'SETTLEMENT.CONTRACT_TOO_SHORT'
  | 'SETTLEMENT.INSURANCE_TOO_SHORT'
  | 'SETTLEMENT.RESIDENCE_TOO_SHORT'
  | 'SETTLEMENT.NOT_RURAL_ORIGIN'
  | 'SETTLEMENT.CATEGORY_STANDARD_NOT_MET'
  | 'SETTLEMENT.POINTS_TOO_LOW';

/**
 * 不予落户的理由 — why a refusal: the applicant did not apply (被落户), no policy is in force for the destination and
 * date, no rule of the tier is open to the applicant's category, or the candidate rules' conditions are unmet.
 */
export type RefusalCode = 'SETTLEMENT.NOT_APPLIED_BY_APPLICANT' | 'SETTLEMENT.NO_POLICY' | 'SETTLEMENT.CATEGORY_NOT_ELIGIBLE' | 'SETTLEMENT.CONDITIONS_UNMET';

/** 未满足的条件: one condition a rule required and the application did not meet (the shape of SettlementRefused's `unmet`). */
export interface UnmetCondition {
  readonly ruleId?: string;
  readonly condition: UnmetConditionCode;
  /** What the rule requires, e.g. `>= 24 months`. */
  readonly required: string;
  /** What the application shows, e.g. `23 months`. */
  readonly actual: string;
  /** The document's clause (the rule's quote). */
  readonly clause?: string;
  /** The requirement is a placeholder, not published in the document. */
  readonly placeholder?: true;
}

/** Why a family member does not follow (随迁). */
export type FollowerRefusalCode =
  | 'SETTLEMENT.FOLLOWER_NOT_CONSENTING'
  | 'SETTLEMENT.FOLLOWER_NOT_CO_RESIDING'
  | 'SETTLEMENT.FOLLOWER_RELATION_NOT_COVERED'
  | 'SETTLEMENT.FOLLOWER_CHILD_NOT_COVERED'
  | 'SETTLEMENT.FOLLOWER_FACT_UNKNOWN';

/** 随迁: the decision for one family member of an admitted applicant. */
export interface FollowerDecision {
  readonly personRef: string;
  readonly relation: FollowerRelation;
  readonly admitted: boolean;
  readonly reason?: FollowerRefusalCode;
  /** Why, in words: what the clause admits and what the member is. */
  readonly detail?: string;
}

/** 准予落户: admitted by a rule of the policy in force. */
export interface SettlementAdmission {
  readonly outcome: 'admitted';
  readonly policy: PolicyRef;
  readonly tierId: string;
  readonly ruleId: string;
  /** The 落户类别 the settlement is recorded under (the rule's). */
  readonly category: SettlementCategory;
  readonly clause: string;
  readonly followers: readonly FollowerDecision[];
  /** True when the admitting rule used a placeholder threshold or weight: the decision rests on our numbers, not the document's. */
  readonly reliesOnPlaceholders: boolean;
}

/** 不予落户: refused, with every unmet condition of the candidate rules (see README "Refusals"). */
export interface SettlementRefusal {
  readonly outcome: 'refused';
  readonly code: RefusalCode;
  /** The policy in force, when there is one. */
  readonly policy?: PolicyRef;
  readonly tierId?: string;
  /** The category applied under. */
  readonly category: SettlementCategory;
  readonly unmet: readonly UnmetCondition[];
}

/** 落户审核结果: what `evaluateSettlement` answers. */
export type SettlementDecision = SettlementAdmission | SettlementRefusal;
