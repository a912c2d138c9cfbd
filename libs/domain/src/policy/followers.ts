import { type FollowerApplication } from './application';
import { type FollowerDecision, type FollowerRefusalCode } from './decision';
import { type ChildCriterion, type FollowerRule } from './model';

const childMatches = (criterion: ChildCriterion, f: FollowerApplication): boolean =>
  (criterion.minor === undefined || f.minor === criterion.minor)
  && (criterion.married === undefined || f.married === criterion.married)
  && (criterion.hasIncome === undefined || f.hasIncome === criterion.hasIncome);

const refusal = (rule: FollowerRule, f: FollowerApplication): FollowerRefusalCode | undefined => {
  if (!f.consents) return 'SETTLEMENT.FOLLOWER_NOT_CONSENTING';
  switch (f.relation) {
    case 'spouse':
      if (!rule.spouse) return 'SETTLEMENT.FOLLOWER_RELATION_NOT_COVERED';
      break;
    case 'parent':
      if (!rule.parents) return 'SETTLEMENT.FOLLOWER_RELATION_NOT_COVERED';
      break;
    case 'child':
      if (rule.children.length === 0) return 'SETTLEMENT.FOLLOWER_RELATION_NOT_COVERED';
      if (!rule.children.some((c) => childMatches(c, f))) return 'SETTLEMENT.FOLLOWER_CHILD_NOT_COVERED';
      break;
    default: {
      const _exhaustive: never = f.relation;
      return _exhaustive;
    }
  }
  if (rule.coResidingRequired && !f.coResiding) return 'SETTLEMENT.FOLLOWER_NOT_CO_RESIDING';
  return undefined;
};

/**
 * 随迁: decides, for each family member, whether they follow the admitted applicant under the rule.
 * Unknown facts (a child's age or marriage not given) never qualify a child.
 */
export const decideFollowers = (rule: FollowerRule, followers: readonly FollowerApplication[]): FollowerDecision[] =>
  followers.map((f) => {
    const reason = refusal(rule, f);
    return reason === undefined
      ? { personRef: f.personRef, relation: f.relation, admitted: true }
      : { personRef: f.personRef, relation: f.relation, admitted: false, reason };
  });
