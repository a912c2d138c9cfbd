import { type HukouMigrated, type SettlementRefused } from '../../../../events';
import { effectiveDateProblems, householdProblems } from '../shared/context';
import { type Problem, refuseIfAny } from '../shared/errors';
import { type Migrate, type RefuseSettlement } from './commands';
import { type Registered } from './state';

/**
 * 户口迁移: only from the person's current household to another existing, non-dissolved one, only on the
 * applicant's own application (严格防止"被落户"), and only as the destination's policy admitted it. A refusal
 * by the policy is itself a fact: it is recorded as SettlementRefused with every unmet condition.
 */
export const migrate = (c: Migrate, person: Registered): (HukouMigrated | SettlementRefused)[] => {
  const a = c.admission;
  if (a.outcome === 'refused') {
    refuseIfAny(effectiveDateProblems(c));
    const householdId = c.to.status === 'active' ? { householdId: c.to.householdId } : {};
    return [{
      type: 'SettlementRefused',
      data: {
        citizenId: person.citizenId, applicationRef: c.applicationRef, destination: { ...householdId, regionCode: c.destinationRegionCode },
        category: a.category, policy: a.policy, code: a.code, unmet: a.unmet.map((u) => ({ ...u })),
      },
    }];
  }
  const problems: Problem[] = [...effectiveDateProblems(c), ...householdProblems(c.to, 'to')];
  if (c.to.householdId === person.householdId)
    problems.push({ code: 'MIGRATION.SAME_HOUSEHOLD', message: `${person.citizenId} is already in household ${person.householdId}`, path: 'to' });
  if (!c.ownApplication)
    problems.push({ code: 'SETTLEMENT.NOT_APPLIED_BY_APPLICANT', message: 'settlement needs the applicant\'s own application (no 被落户)', path: 'ownApplication' });
  if (c.principalApplicant === person.citizenId)
    problems.push({ code: 'MIGRATION.FOLLOWS_SELF', message: 'a person cannot follow themselves as principal applicant', path: 'principalApplicant' });
  if (c.to.status === 'active' && c.to.regionCode !== c.destinationRegionCode)
    problems.push({ code: 'MIGRATION.DESTINATION_MISMATCH', message: `household ${c.to.householdId} is in ${c.to.regionCode}, not ${c.destinationRegionCode}`, path: 'destinationRegionCode' });
  refuseIfAny(problems);
  if (c.to.status !== 'active') throw new Error('unreachable: household checked');
  return [{
    type: 'HukouMigrated',
    data: {
      citizenId: person.citizenId,
      from: { householdId: person.householdId, regionCode: person.regionCode },
      to: { householdId: c.to.householdId, regionCode: c.to.regionCode },
      relationToHead: c.relationToHead, category: a.category, policy: a.policy, ruleId: a.ruleId, applicationRef: c.applicationRef,
      ownApplication: 'yes', ...(c.principalApplicant ? { principalApplicant: c.principalApplicant } : {}),
    },
  }];
};

/** A refusal decided at the counter, recorded with every unmet condition (auditors see refusals too). */
export const refuseSettlement = (c: RefuseSettlement, person: Registered): SettlementRefused[] => {
  const problems = effectiveDateProblems(c);
  if (c.unmet.length === 0) problems.push({ code: 'SETTLEMENT.NO_REASON', message: 'a refusal must name at least one unmet condition', path: 'unmet' });
  refuseIfAny(problems);
  return [{
    type: 'SettlementRefused',
    data: {
      citizenId: person.citizenId, applicationRef: c.applicationRef, destination: { regionCode: c.destinationRegionCode }, category: c.category,
      policy: null, code: 'SETTLEMENT.CONDITIONS_UNMET', unmet: c.unmet.map((u) => ({ ...u })),
    },
  }];
};
