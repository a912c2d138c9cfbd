import { isIsoDate } from '../shared/dates';
import { type Problem } from '../shared/errors';
import { type Condition, type SettlementPolicy } from './model';
import { isRegionPrefix } from './regions';

const thresholdProblems = (c: Condition, path: string): Problem[] => {
  if (!('min' in c)) return [];
  return Number.isInteger(c.min) && c.min >= 0 ? [] : [{ code: 'POLICY.BAD_THRESHOLD', message: `${c.kind}: min must be a whole number >= 0`, path }];
};

/**
 * Structural checks on a policy's data: a well-formed jurisdiction, dates and version; every tier
 * inside the jurisdiction with regions and rules; rule ids unique; every rule quoting its clause.
 * Returns every problem found (empty for a sound policy).
 */
export const policyProblems = (policy: SettlementPolicy): Problem[] => {
  const problems: Problem[] = [];
  const add = (code: string, message: string, path: string) => problems.push({ code, message, path });
  if (!isRegionPrefix(policy.jurisdiction)) add('POLICY.BAD_JURISDICTION', `not a region prefix: ${policy.jurisdiction}`, 'jurisdiction');
  if (!isIsoDate(policy.effectiveDate)) add('POLICY.BAD_DATE', `not a date: ${policy.effectiveDate}`, 'effectiveDate');
  if (policy.effectiveUntil !== undefined && !(isIsoDate(policy.effectiveUntil) && policy.effectiveUntil > policy.effectiveDate))
    add('POLICY.BAD_DATE', 'effectiveUntil must be a date after effectiveDate', 'effectiveUntil');
  if (!Number.isInteger(policy.version) || policy.version < 1) add('POLICY.BAD_VERSION', 'version must be a whole number >= 1', 'version');
  if (!policy.applicationClause.trim()) add('POLICY.NO_CLAUSE', 'the clause on own application is missing', 'applicationClause');
  if (policy.tiers.length === 0) add('POLICY.NO_TIERS', 'a policy needs at least one tier', 'tiers');
  const ruleIds = new Set<string>();
  policy.tiers.forEach((tier, t) => {
    const at = `tiers[${t}]`;
    if (tier.regions.length === 0) add('POLICY.NO_REGIONS', `tier ${tier.id} covers no region`, `${at}.regions`);
    if (tier.rules.length === 0) add('POLICY.NO_RULES', `tier ${tier.id} has no rule`, `${at}.rules`);
    tier.regions.forEach((r, i) => {
      if (!isRegionPrefix(r.prefix) || !r.prefix.startsWith(policy.jurisdiction))
        add('POLICY.REGION_OUTSIDE', `${r.prefix} is not a region prefix inside ${policy.jurisdiction}`, `${at}.regions[${i}]`);
    });
    tier.rules.forEach((rule, i) => {
      const path = `${at}.rules[${i}]`;
      if (ruleIds.has(rule.id)) add('POLICY.DUPLICATE_RULE', `rule id ${rule.id} is used twice`, path);
      ruleIds.add(rule.id);
      if (!rule.clause.trim()) add('POLICY.NO_CLAUSE', `rule ${rule.id} quotes no clause`, `${path}.clause`);
      rule.conditions.forEach((c, j) => problems.push(...thresholdProblems(c, `${path}.conditions[${j}]`)));
    });
  });
  return problems;
};
