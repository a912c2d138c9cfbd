import { personStream } from '../../../../events';
import { type Infer } from '../../../../events/schema';
import { type Admission, type Migrate } from '../../../../libs/domain/src/person/commands';
import { personDecider } from '../../../../libs/domain/src/person/decide';
import { type SettlementCategory } from '../../../../libs/domain/src/policy/categories';
import { type FollowerApplication, type SettlementApplication } from '../../../../libs/domain/src/policy/application';
import { decideSettlement, type SettlementDecision } from '../../../../libs/domain/src/policy';
import { legalDateOf } from '../../../../libs/domain/src/shared/dates';
import { DomainError, refuseIfAny } from '../../../../libs/domain/src/shared/errors';
import { familyMembers, followerMoveProblems, type MemberOutcome, prepareFamily } from '../../../../libs/registry/src/family';
import { headFactsOf, headSinceForMove } from '../../../../libs/registry/src/contexts';
import { replayOf } from '../../../../libs/registry/src/command-loop';
import { inScope, type Principal } from '../auth/jwt';
import { ApiError } from '../http/problem';
import { type CommandHeaders } from '../http/request';
import { type FamilySettlements } from '../jobs/family-settlements';
import { type RegistryRuntime } from '../runtime';
import { personNotFound, personStateOf, visibleContext } from './context';
import { releaseAdmits } from '../../../../libs/domain/src/person/release';
import { type PersonState } from '../../../../libs/domain/src/person/state';
import { type CommandResult, metadataOf, runCommand } from './runner';
import { type settlementBody } from './schemas';

type Body = Infer<typeof settlementBody>;

const applicationOf = (citizenId: string, b: Body, followers: readonly FollowerApplication[]): SettlementApplication => ({
  applicationRef: b.applicationRef, applicant: citizenId, ownApplication: b.ownApplication, consentRef: b.consentRef,
  category: b.category as SettlementCategory, residence: b.residence, employment: b.employment,
  urbanSocialInsuranceMonths: b.urbanSocialInsuranceMonths, continuousResidenceMonths: b.continuousResidenceMonths,
  ...(b.ruralOrigin !== undefined ? { ruralOrigin: b.ruralOrigin } : {}),
  ...(b.meetsCategoryStandard !== undefined ? { meetsCategoryStandard: b.meetsCategoryStandard } : {}),
  ...(b.contributionPoints !== undefined ? { pointsIndicators: { contribution: b.contributionPoints } } : {}),
  followers,
});

const admissionOf = (d: SettlementDecision): Admission => (d.outcome === 'admitted'
  ? { outcome: 'admitted', category: d.category, policy: d.policy, ruleId: d.ruleId }
  : { outcome: 'refused', category: d.category, code: d.code, policy: d.policy ?? null, unmet: d.unmet });

/** The answer of an admitted family application: each member's decision and what became of it. */
export interface FamilyAnswer {
  readonly applicationRef: string;
  readonly clause: string;
  readonly members: readonly (Omit<ReturnType<typeof familyMembers>[number], 'from'> & { readonly from?: ReturnType<typeof familyMembers>[number]['from'] } & { readonly outcome: MemberOutcome['outcome'] | 'pending'; readonly code?: string; readonly message?: string; readonly revision?: number; readonly position?: string })[];
}

const refusalError = (result: CommandResult, applicationRef: string): ApiError | undefined => {
  const refusal = result.events.find((e) => e.type === 'SettlementRefused');
  if (refusal?.type !== 'SettlementRefused') return undefined;
  const unmet = refusal.data.unmet;
  return new ApiError(422, refusal.data.code, `the settlement application ${applicationRef} was refused: ${unmet.length || 'no'} unmet condition(s); the refusal is recorded`,
    unmet.map((u) => ({ code: u.condition, message: `${u.condition}: required ${u.required ?? '—'}, actual ${u.actual ?? '—'}${u.clause ? ` (${u.clause})` : ''}`, ...(u.ruleId ? { path: `rules.${u.ruleId}` } : {}) })),
    { refusal: { stream: result.stream, revision: result.revision, position: result.position, replayed: result.replayed }, unmet, policy: refusal.data.policy });
};

/**
 * 落户申请: the destination's policy in force on the effective date (as the log records it) decides. Admitted →
 * the hukou moves (HukouMigrated, with the policy, version, hash, rule and consent). Refused → the refusal is
 * recorded (SettlementRefused, every unmet condition) and the answer is 422 listing each. With followers (随迁):
 * each member is decided under the document's follower rule on their own facts (minority from the registry's
 * date of birth); the decision is recorded first, with the principal's move, and then each admitted member moves
 * on their own stream — resumably, so a crash in between completes on restart — and the answer lists every
 * member's outcome. A refused member never refuses the family; 422 only when the principal is refused.
 */
export const applyForSettlement = async (
  runtime: RegistryRuntime, families: FamilySettlements, principal: Principal, headers: CommandHeaders, citizenId: string, body: Body,
): Promise<CommandResult & { readonly family?: FamilyAnswer }> => {
  const now = new Date();
  const today = legalDateOf(now);
  const effectiveDate = body.effectiveDate ?? today;
  const stored = await runtime.store.readStream(personStream(citizenId));
  const self = personStateOf(stored);
  const to = visibleContext(principal, await runtime.contexts.householdContext(body.toHouseholdId));
  // 准迁 by the caller's office (the destination is in its regions) and 迁出 by the office where the person is registered:
  // the caller's own, or another that released them to this destination with this consent (准予迁出). Anyone else is,
  // to the caller, a person who does not exist: nothing is decided and nothing is recorded on their stream.
  const standing = (s: PersonState, consentRef: string | undefined): boolean => s.status !== 'unregistered'
    && (inScope(principal, s.regionCode) || (to.status !== 'missing' && releaseAdmits(s, to.regionCode, effectiveDate, consentRef, today)));
  if (self.status === 'unregistered' || !standing(self, body.consentRef)) throw personNotFound(citizenId);
  if (to.status === 'missing') throw new DomainError('invalid', 'HOUSEHOLD.NOT_FOUND', `household ${body.toHouseholdId} does not exist`, [{ code: 'HOUSEHOLD.NOT_FOUND', message: `household ${body.toHouseholdId} does not exist`, path: 'toHouseholdId' }]);
  // A retry (the same Idempotency-Key, by the same caller) returns what the first attempt did: the members have moved
  // since, so nothing is decided again — the command loop finds the first attempt's events and the completion is joined.
  const replay = replayOf(stored, metadataOf(principal, headers)).length > 0;
  const followers = replay ? [] : body.followers ?? [];
  // A member registered outside the caller's regions and not released to it is, to the caller, not registered.
  const prepared = await prepareFamily(runtime.store, { citizenId, relationToHead: body.relationToHead }, followers, effectiveDate, (s, f) => standing(s, f.consentRef));
  refuseIfAny(prepared.problems);
  const decision = decideSettlement(applicationOf(citizenId, body, prepared.applications), { regionCode: to.regionCode }, effectiveDate, await runtime.contexts.policyWindows(to.regionCode));
  const move: Omit<Migrate, 'relationToHead' | 'consentRef'> = {
    type: 'Migrate', applicationRef: body.applicationRef, ownApplication: body.ownApplication, to, destinationRegionCode: to.regionCode,
    destinationJurisdiction: await runtime.contexts.cutoverFor(to.regionCode), admission: admissionOf(decision), effectiveDate, now,
    // Heading the household they leave: the move may not precede being named (or replaced as) its head.
    ...headSinceForMove(await headFactsOf(runtime.store, citizenId, self.householdId)),
  };
  const members = decision.outcome === 'admitted' && followers.length > 0 ? familyMembers(prepared, decision.followers) : undefined;
  // A member who could not move now (the order of time, already there …) refuses the request before anything is recorded.
  if (!replay && members && decision.outcome === 'admitted') refuseIfAny(await followerMoveProblems(runtime.store, citizenId, members, move));
  const result = await runCommand(runtime, principal, headers, personStream(citizenId), personDecider, {
    ...move, consentRef: body.consentRef, relationToHead: body.relationToHead, ...(members && decision.outcome === 'admitted' ? { family: { clause: decision.clause, members } } : {}),
  }, (state) => {
    if (!standing(state, body.consentRef)) throw personNotFound(citizenId);
  });
  const refused = refusalError(result, body.applicationRef);
  if (refused) throw refused;
  const decided = result.events.find((e) => e.type === 'FamilySettlementDecided');
  if (decided?.type !== 'FamilySettlementDecided') return result;
  // The members move now; if that fails on something else than a rule, the decision stands and the moves are retried.
  const outcomes = (await families.completeOrRetry(citizenId, decided.data.applicationRef)) ?? [];
  return {
    ...result,
    family: {
      applicationRef: decided.data.applicationRef, clause: decided.data.clause,
      members: decided.data.members.map((m) => {
        const { citizenId: _id, ...o } = outcomes.find((x) => x.citizenId === m.citizenId) ?? { citizenId: m.citizenId, outcome: 'pending' as const, message: 'the move is being retried' };
        return { ...m, ...o };
      }),
    },
  };
};
