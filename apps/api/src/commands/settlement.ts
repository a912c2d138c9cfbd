import { personStream } from '../../../../events';
import { type Infer } from '../../../../events/schema';
import { type Admission } from '../../../../libs/domain/src/person/commands';
import { personDecider } from '../../../../libs/domain/src/person/decide';
import { type SettlementCategory } from '../../../../libs/domain/src/policy/categories';
import { type SettlementApplication } from '../../../../libs/domain/src/policy/application';
import { decideSettlement, type SettlementDecision } from '../../../../libs/domain/src/policy';
import { legalDateOf } from '../../../../libs/domain/src/shared/dates';
import { DomainError } from '../../../../libs/domain/src/shared/errors';
import { type Principal } from '../auth/jwt';
import { ApiError } from '../http/problem';
import { type CommandHeaders } from '../http/request';
import { type RegistryRuntime } from '../runtime';
import { assertInScope } from './context';
import { type CommandResult, runCommand } from './runner';
import { type settlementBody } from './schemas';

type Body = Infer<typeof settlementBody>;

const applicationOf = (citizenId: string, b: Body): SettlementApplication => ({
  applicationRef: b.applicationRef, applicant: b.principalApplicant ?? citizenId, ownApplication: b.ownApplication, consentRef: b.consentRef,
  category: b.category as SettlementCategory, residence: b.residence, employment: b.employment,
  urbanSocialInsuranceMonths: b.urbanSocialInsuranceMonths, continuousResidenceMonths: b.continuousResidenceMonths,
  ...(b.ruralOrigin !== undefined ? { ruralOrigin: b.ruralOrigin } : {}),
  ...(b.meetsCategoryStandard !== undefined ? { meetsCategoryStandard: b.meetsCategoryStandard } : {}),
  ...(b.contributionPoints !== undefined ? { pointsIndicators: { contribution: b.contributionPoints } } : {}),
  followers: [],
});

const admissionOf = (d: SettlementDecision): Admission => (d.outcome === 'admitted'
  ? { outcome: 'admitted', category: d.category, policy: d.policy, ruleId: d.ruleId }
  : { outcome: 'refused', category: d.category, code: d.code, policy: d.policy ?? null, unmet: d.unmet });

/**
 * 落户申请: the destination's policy in force on the effective date decides. Admitted → the hukou moves
 * (HukouMigrated, with the policy, rule and consent). Refused → the refusal is recorded (SettlementRefused,
 * with every unmet condition) and the answer is 422 listing each of them.
 */
export const applyForSettlement = async (
  runtime: RegistryRuntime, principal: Principal, headers: CommandHeaders, citizenId: string, body: Body,
): Promise<CommandResult> => {
  const now = new Date();
  const effectiveDate = body.effectiveDate ?? legalDateOf(now);
  const to = await runtime.contexts.householdContext(body.toHouseholdId);
  if (to.status === 'missing') throw new DomainError('invalid', 'HOUSEHOLD.NOT_FOUND', `household ${body.toHouseholdId} does not exist`, [{ code: 'HOUSEHOLD.NOT_FOUND', message: `household ${body.toHouseholdId} does not exist`, path: 'toHouseholdId' }]);
  assertInScope(principal, to.regionCode, 'the destination household');
  // The policy in force at the destination on the application date, as the log records it (enacted, amended, repealed).
  const decision = decideSettlement(applicationOf(citizenId, body), { regionCode: to.regionCode }, effectiveDate, await runtime.contexts.policyWindows(to.regionCode));
  const result = await runCommand(runtime, principal, headers, personStream(citizenId), personDecider, {
    type: 'Migrate', applicationRef: body.applicationRef, ownApplication: body.ownApplication, consentRef: body.consentRef,
    ...(body.principalApplicant ? { principalApplicant: body.principalApplicant } : {}),
    to, destinationRegionCode: to.regionCode, destinationJurisdiction: await runtime.contexts.cutoverFor(to.regionCode),
    relationToHead: body.relationToHead, admission: admissionOf(decision), effectiveDate, now,
  }, (state) => {
    if (state.status === 'unregistered') throw new ApiError(404, 'PERSON.NOT_FOUND', `no person is registered as ${citizenId}`);
  });
  const refusal = result.events.find((e) => e.type === 'SettlementRefused');
  if (refusal?.type === 'SettlementRefused') {
    const unmet = refusal.data.unmet;
    throw new ApiError(422, refusal.data.code, `the settlement application ${body.applicationRef} was refused: ${unmet.length || 'no'} unmet condition(s); the refusal is recorded`,
      unmet.map((u) => ({ code: u.condition, message: `${u.condition}: required ${u.required ?? '—'}, actual ${u.actual ?? '—'}${u.clause ? ` (${u.clause})` : ''}`, ...(u.ruleId ? { path: `rules.${u.ruleId}` } : {}) })),
      { refusal: { stream: result.stream, revision: result.revision, position: result.position, replayed: result.replayed }, unmet, policy: refusal.data.policy });
  }
  return result;
};
