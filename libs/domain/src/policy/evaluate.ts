import { type IsoDate, isIsoDate } from '../shared/dates';
import { type Problem, refuseIfAny } from '../shared/errors';
import { type SettlementApplication } from './application';
import { conditionShortfall, usesPlaceholder } from './conditions';
import { type SettlementDecision, type UnmetCondition } from './decision';
import { BUILTIN_POLICIES } from './documents';
import { decideFollowers } from './followers';
import { type SettlementPolicy, type SettlementRule } from './model';
import { isRegionCode } from './regions';
import { type PolicyWindow, selectInForce, windowsOf } from './select';

/** 迁入地: where the applicant wants to settle, a 12-digit 统计用区划代码. */
export interface SettlementDestination {
  readonly regionCode: string;
}

/** Every unmet condition of one rule, the category check included. */
const unmetOf = (rule: SettlementRule, a: SettlementApplication): UnmetCondition[] =>
  rule.conditions.flatMap((c) => {
    const s = conditionShortfall(c, a);
    if (!s) return [];
    return [{ ruleId: rule.id, condition: s.code, required: s.required, actual: s.actual, clause: rule.clause, ...(usesPlaceholder(c) ? { placeholder: true as const } : {}) }];
  });

const inputProblems = (destination: SettlementDestination, date: IsoDate): Problem[] => [
  ...(isRegionCode(destination.regionCode) ? [] : [{ code: 'SETTLEMENT.INVALID_REGION_CODE', message: `not a 12-digit region code: ${destination.regionCode}`, path: 'destination.regionCode' }]),
  ...(isIsoDate(date) ? [] : [{ code: 'SETTLEMENT.INVALID_DATE', message: `not a YYYY-MM-DD date: ${date}`, path: 'date' }]),
];

/**
 * 落户审核: decides an application against the policy in force at the destination on `date`.
 * 1. Malformed destination or date → throws DomainError (invalid).
 * 2. No own application with a consent record → refused `SETTLEMENT.NOT_APPLIED_BY_APPLICANT`, whatever else (严格防止"被落户").
 * 3. No policy in force covering the destination → refused `SETTLEMENT.NO_POLICY`.
 * 4. The tier's rules are tried in data order; the first whose conditions are all met admits, and
 *    decides the followers (随迁).
 * 5. Otherwise refused: the candidate rules are those open to the applicant's category; every unmet
 *    condition of every candidate is listed (`SETTLEMENT.CONDITIONS_UNMET`). When no rule is open to the
 *    category, each rule's category condition is listed (`SETTLEMENT.CATEGORY_NOT_ELIGIBLE`).
 */
export const evaluateSettlement = (
  application: SettlementApplication,
  destination: SettlementDestination,
  date: IsoDate,
  policies: readonly SettlementPolicy[] = BUILTIN_POLICIES,
): SettlementDecision => decideSettlement(application, destination, date, windowsOf(policies));

/**
 * 落户审核 against the policy windows the log records (enacted, amended, repealed): the policy in force at the
 * destination on `date` decides, and the decision cites that window's enacted reference (version and hash).
 */
export const decideSettlement = (
  application: SettlementApplication,
  destination: SettlementDestination,
  date: IsoDate,
  windows: readonly PolicyWindow[],
): SettlementDecision => {
  refuseIfAny(inputProblems(destination, date), 'SETTLEMENT.INVALID_INPUT');
  const found = selectInForce(windows, destination.regionCode, date);
  const policy = found?.ref;
  const context = { category: application.category, ...(policy ? { policy } : {}), ...(found ? { tierId: found.tier.id } : {}) };

  if (application.ownApplication !== true || !application.consentRef?.trim()) {
    return {
      outcome: 'refused', code: 'SETTLEMENT.NOT_APPLIED_BY_APPLICANT', ...context,
      unmet: [{
        condition: 'SETTLEMENT.NOT_APPLIED_BY_APPLICANT',
        required: "the applicant's own application with a consent record (本人申请)",
        actual: application.ownApplication === true ? 'no consent record' : 'not applied by the applicant',
        ...(found ? { clause: found.policy.applicationClause } : {}),
      }],
    };
  }
  if (!found || !policy) return { outcome: 'refused', code: 'SETTLEMENT.NO_POLICY', category: application.category, unmet: [] };

  const verdicts = found.tier.rules.map((rule) => ({ rule, unmet: unmetOf(rule, application) }));
  const admitting = verdicts.find((v) => v.unmet.length === 0);
  if (admitting) {
    const { rule } = admitting;
    return {
      outcome: 'admitted', policy, tierId: found.tier.id, ruleId: rule.id, category: rule.category, clause: rule.clause,
      followers: decideFollowers(rule.followers, application.followers),
      reliesOnPlaceholders: rule.conditions.some(usesPlaceholder),
    };
  }
  const isCategoryMiss = (u: UnmetCondition): boolean => u.condition === 'SETTLEMENT.CATEGORY_NOT_ELIGIBLE';
  const candidates = verdicts.filter((v) => !v.unmet.some(isCategoryMiss));
  if (candidates.length === 0)
    return { outcome: 'refused', code: 'SETTLEMENT.CATEGORY_NOT_ELIGIBLE', ...context, unmet: verdicts.flatMap((v) => v.unmet.filter(isCategoryMiss)) };
  return { outcome: 'refused', code: 'SETTLEMENT.CONDITIONS_UNMET', ...context, unmet: candidates.flatMap((v) => v.unmet) };
};
