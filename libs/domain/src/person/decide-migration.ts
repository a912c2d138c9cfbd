import {
  type ActualResidenceEnded, type FamilySettlementCompleted, type FamilySettlementDecided, type HukouMigrated, type RegistrationTypeUnified, type ResidencePermitCancelled, type SettlementRefused,
} from '../../../../events';
import { countyOf } from '../regions/codes';
import { effectiveDateProblems, householdProblems } from '../shared/context';
import { illegal, type Problem, refuseIfAny, rule } from '../shared/errors';
import { type Timeline } from '../shared/time';
import { regionCodeProblems, relationProblems, requiredTextProblems } from '../shared/fields';
import { type CompleteFamilySettlement, type Migrate, type RefuseSettlement } from './commands';
import { unified } from './decide-status';
import { type Deceased, type Registered } from './state';

type MigrationEvent = FamilySettlementDecided | ActualResidenceEnded | ResidencePermitCancelled | HukouMigrated | RegistrationTypeUnified | SettlementRefused;


const refusal = (c: Migrate, person: Registered): SettlementRefused[] => {
  if (c.admission.outcome !== 'refused') return [];
  const a = c.admission;
  const householdId = c.to.status === 'active' ? { householdId: c.to.householdId } : {};
  return [{
    type: 'SettlementRefused',
    data: {
      citizenId: person.citizenId, applicationRef: c.applicationRef, destination: { ...householdId, regionCode: c.destinationRegionCode },
      category: a.category, policy: a.policy, code: a.code, unmet: a.unmet.map((u) => ({ ...u })),
    },
  }];
};

/** A family decision names each member once, never the principal, and rests on a policy. */
const familyProblems = (c: Migrate, person: Registered, timeline: Timeline): Problem[] => {
  if (!c.family) return [];
  const used = timeline.find((f) => f.key === c.applicationRef && (f.event === 'FamilySettlementDecided' || f.event === 'HukouMigrated'));
  const ids = c.family.members.map((m) => m.citizenId);
  return [
    ...(ids.includes(person.citizenId) ? [{ code: 'FAMILY.PRINCIPAL_AS_MEMBER', message: 'the principal applicant is not one of the followers', path: 'followers' }] : []),
    ...(new Set(ids).size === ids.length ? [] : [{ code: 'FAMILY.DUPLICATE_MEMBER', message: 'a member is named twice', path: 'followers' }]),
    ...(c.admission.outcome === 'admitted' && c.admission.policy === null ? [rule({ code: 'FAMILY.POLICY_REQUIRED', message: 'family members follow under a policy\'s follower rule', path: 'admission.policy' })] : []),
    ...(c.principalApplicant ? [{ code: 'FAMILY.FOLLOWER_AS_PRINCIPAL', message: 'a follower cannot bring followers of their own', path: 'followers' }] : []),
    ...(used ? [rule({ code: 'FAMILY.APPLICATION_REF_USED', message: `application ${c.applicationRef} was already decided for ${person.citizenId} (${used.event}, revision ${used.revision}): a new application needs a new reference`, path: 'applicationRef', fact: used })] : []),
  ];
};

const migrationProblems = (c: Migrate, person: Registered, timeline: Timeline): Problem[] => {
  const problems: Problem[] = [
    ...effectiveDateProblems(c), ...householdProblems(c.to, 'to', c.effectiveDate), ...regionCodeProblems(c.destinationRegionCode, 'destinationRegionCode'),
    ...relationProblems(c.relationToHead, 'relationToHead'), ...requiredTextProblems(c.applicationRef, 'applicationRef', 64),
  ];
  if (c.to.householdId === person.householdId)
    problems.push(rule({ code: 'MIGRATION.SAME_HOUSEHOLD', message: `${person.citizenId} is already in household ${person.householdId}`, path: 'to' }));
  if (!c.ownApplication || c.consentRef.trim() === '')
    problems.push({ code: 'SETTLEMENT.NOT_APPLIED_BY_APPLICANT', message: 'settlement needs the applicant\'s own application and its record (no 被落户)', path: 'ownApplication' });
  if (c.principalApplicant === person.citizenId)
    problems.push({ code: 'MIGRATION.FOLLOWS_SELF', message: 'a person cannot follow themselves as principal applicant', path: 'principalApplicant' });
  if (c.to.status === 'active' && c.to.regionCode !== c.destinationRegionCode)
    problems.push({ code: 'MIGRATION.DESTINATION_MISMATCH', message: `household ${c.to.householdId} is in ${c.to.regionCode}, not ${c.destinationRegionCode}`, path: 'destinationRegionCode' });
  if (c.admission.outcome === 'admitted' && c.admission.policy === null && countyOf(c.destinationRegionCode) !== countyOf(person.regionCode))
    problems.push(rule({ code: 'MIGRATION.POLICY_REQUIRED', message: 'a move out of the county needs the destination policy that admitted it', path: 'admission.policy' }));
  problems.push(...familyProblems(c, person, timeline));
  const cut = c.destinationJurisdiction;
  if (cut.prefix !== undefined && !c.destinationRegionCode.startsWith(cut.prefix))
    problems.push({ code: 'JURISDICTION.MISMATCH', message: `the cut-over given is ${cut.prefix}'s, but the destination is ${c.destinationRegionCode}`, path: 'destinationJurisdiction' });
  if (cut.cutoverDate !== undefined && cut.cutoverDate <= c.effectiveDate && person.registrationType !== 'resident' && (!cut.prefix || !cut.documentNo))
    problems.push({ code: 'UNIFICATION.CUTOVER_UNKNOWN', message: 'the destination\'s cut-over needs its jurisdiction and document to register the arrival as resident', path: 'destinationJurisdiction' });
  return problems;
};

/**
 * 户口迁移: only from the person's current household to another existing, non-dissolved one, only on the
 * applicant's own application (严格防止"被落户"), and only as the destination's policy admitted it. A refusal
 * by the policy is itself a fact: it is recorded as SettlementRefused with every unmet condition.
 * What the move ends goes with it: an actual residence registration outside the new county, a residence
 * permit for the new county (the person now lives where registered); and a non-resident arriving after
 * the destination's cut-over is registered as resident (统一登记为居民户口) in the same append.
 */
export const migrate = (c: Migrate, person: Registered, timeline: Timeline = []): MigrationEvent[] => {
  if (c.admission.outcome === 'refused') {
    refuseIfAny(effectiveDateProblems(c));
    return refusal(c, person);
  }
  refuseIfAny(migrationProblems(c, person, timeline));
  if (c.to.status !== 'active') throw new Error('unreachable: household checked');
  const a = c.admission;
  const county = countyOf(c.to.regionCode);
  const events: MigrationEvent[] = [];
  if (c.family && a.policy) {
    // The decision first: whatever happens to the members' moves, the log says who was to follow and why.
    events.push({
      type: 'FamilySettlementDecided',
      data: {
        citizenId: person.citizenId, applicationRef: c.applicationRef, destination: { householdId: c.to.householdId, regionCode: c.to.regionCode },
        policy: a.policy, ruleId: a.ruleId ?? '', category: a.category, clause: c.family.clause, members: c.family.members.map((m) => ({ ...m, evidence: [...m.evidence] })),
      },
    });
  }
  const residence = person.actualResidence;
  if (residence && countyOf(residence.regionCode) !== county)
    events.push({ type: 'ActualResidenceEnded', data: { citizenId: person.citizenId, regionCode: residence.regionCode, until: c.effectiveDate } });
  for (const permit of person.permits.filter((p) => countyOf(p.residenceRegionCode) === county))
    events.push({ type: 'ResidencePermitCancelled', data: { citizenId: person.citizenId, permitNo: permit.permitNo, reason: '迁入居住地落户' } });
  events.push({
    type: 'HukouMigrated',
    data: {
      citizenId: person.citizenId,
      from: { householdId: person.householdId, regionCode: person.regionCode },
      to: { householdId: c.to.householdId, regionCode: c.to.regionCode },
      relationToHead: c.relationToHead, category: a.category, policy: a.policy, ruleId: a.ruleId, applicationRef: c.applicationRef,
      ownApplication: 'yes', consentRef: c.consentRef, ...(c.principalApplicant ? { principalApplicant: c.principalApplicant } : {}),
    },
  });
  const cut = c.destinationJurisdiction;
  if (cut.cutoverDate !== undefined && cut.cutoverDate <= c.effectiveDate && person.registrationType !== 'resident' && cut.prefix && cut.documentNo)
    events.push(unified(person, { jurisdiction: cut.prefix, effectiveDate: cut.cutoverDate, documentNo: cut.documentNo }));
  return events;
};

/** A refusal decided at the counter, recorded with every unmet condition (auditors see refusals too). */
export const refuseSettlement = (c: RefuseSettlement, person: Registered): SettlementRefused[] => {
  const problems = [...effectiveDateProblems(c), ...regionCodeProblems(c.destinationRegionCode, 'destinationRegionCode')];
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

/** 随迁完成: what became of each member; recorded once per application, whatever became of the principal since. */
export const completeFamilySettlement = (c: CompleteFamilySettlement, person: Registered | Deceased, timeline: Timeline): FamilySettlementCompleted[] => {
  if (timeline.some((f) => f.event === 'FamilySettlementCompleted' && f.key === c.applicationRef)) return []; // already recorded
  if (!timeline.some((f) => f.event === 'FamilySettlementDecided' && f.key === c.applicationRef))
    throw illegal('FAMILY.NOT_DECIDED', `no family decision for application ${c.applicationRef} is recorded for ${person.citizenId}`);
  return [{ type: 'FamilySettlementCompleted', data: { citizenId: person.citizenId, applicationRef: c.applicationRef, members: c.members.map((m) => ({ ...m })) } }];
};
