import { type FamilySettlementDecided, type PersonEvent, personStream, type RelationToHead } from '../../../events';
import { type CompleteFamilySettlement, type FamilyMemberDecision, type Migrate } from '../../domain/src/person/commands';
import { personDecider } from '../../domain/src/person/decide';
import { type PersonState } from '../../domain/src/person/state';
import { type FollowerApplication } from '../../domain/src/policy/application';
import { type FollowerDecision } from '../../domain/src/policy/decision';
import { yearsBetween } from '../../domain/src/shared/dates';
import { isDomainError, type Problem } from '../../domain/src/shared/errors';
import { type EventStore, formatPosition, type StoredEvent, WrongExpectedRevisionError } from '../../event-store/src';
import { type CommandMetadata, decodeStored, handleCommand, timelineOf } from './command-loop';
import { headFactsOf, headSinceForMove, householdContext, personStateOf } from './contexts';
import { type Cutover, cutoverFor } from './jurisdictions';

/** 随迁人员: one family member named in a principal's application. Minority is never declared: the registry derives it. */
export interface FollowerRequest {
  readonly citizenId: string;
  readonly relation: 'spouse' | 'child' | 'parent';
  /** The member's consent (a minor's: the guardian's); absent: not consenting, so not following. */
  readonly consentRef?: string;
  /** 共同居住生活 with the principal. */
  readonly coResiding: boolean;
  /** 与户主关系 in the destination household (default: the relation, when the principal becomes its head). */
  readonly relationToHead?: RelationToHead;
  readonly married?: boolean;
  readonly hasIncome?: boolean;
  /** References of the evidence for the declared facts (marriage, income, co-residence). */
  readonly evidence?: readonly string[];
}

/** The members as the registry knows them, ready for the engine: every problem found on the way, and what the decision records. */
export interface PreparedFamily {
  readonly problems: readonly Problem[];
  readonly applications: readonly FollowerApplication[];
  readonly members: readonly Omit<FamilyMemberDecision, 'follows' | 'reason' | 'detail'>[];
}

const MINOR_UNDER = 18;

/** The default relation to the head when the principal becomes the head of the destination household. */
const relationToHeadOf = (f: FollowerRequest, principalRelation: RelationToHead): RelationToHead | undefined =>
  f.relationToHead ?? (principalRelation === 'head' ? f.relation : undefined);

/** A dry run of the member's move on their own stream: every problem it would meet now (time order, state, destination). */
const moveProblems = (state: PersonState, stored: readonly StoredEvent[], move: Migrate, i: number): Problem[] => {
  try {
    personDecider.decide(move, state, timelineOf(stored));
    return [];
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return error.problems.map((p) => ({ ...p, path: `followers[${i}]${p.path ? `.${p.path}` : ''}` }));
  }
};

/**
 * Reads each named member's own stream: registered and alive, not the principal, named once; their age (and so
 * minority) on the application date from the registry's date of birth, never declared.
 */
export const prepareFamily = async (
  store: EventStore, principal: { readonly citizenId: string; readonly relationToHead: RelationToHead }, followers: readonly FollowerRequest[], effectiveDate: string,
  visible: (state: Exclude<PersonState, { readonly status: 'unregistered' }>, follower: FollowerRequest) => boolean = () => true,
): Promise<PreparedFamily> => {
  const problems: Problem[] = [];
  const applications: FollowerApplication[] = [];
  const members: PreparedFamily['members'][number][] = [];
  const seen = new Set<string>();
  for (const [i, f] of followers.entries()) {
    const at = `followers[${i}]`;
    if (f.citizenId === principal.citizenId) problems.push({ code: 'FAMILY.PRINCIPAL_AS_MEMBER', message: 'the principal applicant is not one of the followers', path: `${at}.citizenId` });
    if (seen.has(f.citizenId)) problems.push({ code: 'FAMILY.DUPLICATE_MEMBER', message: `${f.citizenId} is named twice`, path: `${at}.citizenId` });
    seen.add(f.citizenId);
    const relationToHead = relationToHeadOf(f, principal.relationToHead);
    if (!relationToHead) problems.push({ code: 'FAMILY.RELATION_TO_HEAD_REQUIRED', message: 'the principal does not become the head: give each member\'s relationToHead in the destination household', path: `${at}.relationToHead` });
    const stored = await store.readStream(personStream(f.citizenId));
    const state = personStateOf(stored);
    // A member the caller may not see (registered outside its regions) is answered as one not registered, word for word.
    if (state.status === 'unregistered' || !visible(state, f)) {
      problems.push({ code: 'FAMILY.MEMBER_NOT_REGISTERED', message: `no person is registered as ${f.citizenId}`, path: `${at}.citizenId`, rule: true });
      continue;
    }
    if (state.status === 'deceased') {
      problems.push({ code: 'FAMILY.MEMBER_DECEASED', message: `${f.citizenId} is deceased`, path: `${at}.citizenId`, rule: true });
      continue;
    }
    const age = yearsBetween(state.dateOfBirth, effectiveDate);
    const facts = { age, minor: age < MINOR_UNDER, coResiding: f.coResiding, ...(f.married !== undefined ? { married: f.married } : {}), ...(f.hasIncome !== undefined ? { hasIncome: f.hasIncome } : {}) };
    applications.push({ personRef: f.citizenId, relation: f.relation, consents: Boolean(f.consentRef?.trim()), ...facts });
    members.push({
      citizenId: f.citizenId, relation: f.relation, facts, evidence: [...(f.evidence ?? [])], ...(f.consentRef?.trim() ? { consentRef: f.consentRef.trim() } : {}),
      from: { householdId: state.householdId, regionCode: state.regionCode }, relationToHead: relationToHead ?? 'other-relative',
    });
  }
  return { problems, applications, members };
};

/**
 * A dry run of every following member's move on their own stream with the real admission: each problem it would
 * meet now (the order of time, already in the destination …), so a family that cannot move is refused before
 * anything is recorded.
 */
export const followerMoveProblems = async (
  store: EventStore, principal: string, members: readonly FamilyMemberDecision[], move: Omit<Migrate, 'relationToHead' | 'family' | 'consentRef' | 'principalApplicant'>,
): Promise<Problem[]> => {
  const problems: Problem[] = [];
  const { headSince: _principals, ...base } = move; // the principal's head fact is not the member's
  for (const [i, m] of members.entries()) {
    if (!m.follows) continue;
    const stored = await store.readStream(personStream(m.citizenId));
    const head = headSinceForMove(await headFactsOf(store, m.citizenId, m.from.householdId));
    problems.push(...moveProblems(personStateOf(stored), stored, { ...base, relationToHead: m.relationToHead, consentRef: m.consentRef ?? '-', principalApplicant: principal, ...head }, i));
  }
  return problems;
};

/** The family decision the principal's append records: each prepared member with the engine's verdict. */
export const familyMembers = (prepared: PreparedFamily, decisions: readonly FollowerDecision[]): FamilyMemberDecision[] =>
  prepared.members.map((m) => {
    const d = decisions.find((x) => x.personRef === m.citizenId);
    return { ...m, follows: d?.admitted === true, ...(d?.reason ? { reason: d.reason } : {}), ...(d?.detail ? { detail: d.detail } : {}) };
  });

/** What became of one member: moved (with the revision and position of their move), not moved (why), or not following. */
export interface MemberOutcome {
  readonly citizenId: string;
  readonly outcome: 'moved' | 'not-moved' | 'does-not-follow';
  readonly code?: string;
  readonly message?: string;
  readonly revision?: number;
  readonly position?: string;
}

const moveOf = (stored: readonly StoredEvent[], applicationRef: string, principal: string): StoredEvent | undefined =>
  stored.find((e) => e.type === 'HukouMigrated' && (e.data as { applicationRef?: string }).applicationRef === applicationRef && (e.data as { principalApplicant?: string }).principalApplicant === principal);

/** The member's idempotency key: one application of one principal (so another principal's reference cannot be mistaken for it). */
const memberKey = (decided: FamilySettlementDecided['data']): string => `family:${decided.citizenId}:${decided.applicationRef}`;

/** The member's move as this application recorded it (its revision and position), if it did. */
const movedOutcome = (stored: readonly StoredEvent[], decided: FamilySettlementDecided['data'], citizenId: string): MemberOutcome | undefined => {
  const done = moveOf(stored, decided.applicationRef, decided.citizenId);
  return done ? { citizenId, outcome: 'moved', revision: done.revision, position: formatPosition(done.position) } : undefined;
};

/**
 * One attempt to move a member: from a read of their stream, the checks (already moved by this application,
 * died or moved elsewhere since the decision), then the move appended at exactly the revision read — so a
 * change to the stream in between makes the attempt fail and the caller try again on a fresh read.
 */
/** What every member's move shares: the decision, its attribution, its date and the destination's cut-over (read once). */
interface MoveContext {
  readonly decided: FamilySettlementDecided['data'];
  readonly metadata: CommandMetadata;
  readonly effectiveDate: string;
  readonly cutover: Cutover;
}

const attemptMove = async (store: EventStore, { decided, metadata, effectiveDate, cutover }: MoveContext, m: FamilySettlementDecided['data']['members'][number]): Promise<MemberOutcome> => {
  const stream = personStream(m.citizenId);
  const stored = await store.readStream(stream);
  const done = movedOutcome(stored, decided, m.citizenId);
  if (done) return done;
  const state = personStateOf(stored);
  if (state.status === 'deceased') return { citizenId: m.citizenId, outcome: 'not-moved', code: 'PERSON.DECEASED', message: `died ${state.dateOfDeath}, after the decision` };
  if (state.status !== 'registered' || state.householdId !== m.from.householdId)
    return { citizenId: m.citizenId, outcome: 'not-moved', code: 'FAMILY.MOVED_MEANWHILE', message: `no longer in household ${m.from.householdId} (now ${state.status === 'registered' ? state.householdId : state.status})` };
  const to = await householdContext(store, decided.destination.householdId);
  await handleCommand(store, stream, personDecider, {
    type: 'Migrate', applicationRef: decided.applicationRef, ownApplication: true, consentRef: m.consentRef ?? '', principalApplicant: decided.citizenId, to,
    destinationRegionCode: decided.destination.regionCode, destinationJurisdiction: cutover, relationToHead: m.relationToHead,
    admission: { outcome: 'admitted', category: decided.category, policy: decided.policy, ruleId: decided.ruleId }, effectiveDate, now: new Date(),
    ...headSinceForMove(await headFactsOf(store, m.citizenId, state.householdId)),
  }, { ...metadata, idempotencyKey: memberKey(decided) }, { expectedRevision: stored.at(-1)?.revision ?? 'no_stream' });
  return movedOutcome(await store.readStream(stream), decided, m.citizenId) ?? { citizenId: m.citizenId, outcome: 'not-moved', code: 'FAMILY.NOT_MOVED', message: 'the move appended nothing' };
};

/**
 * Moves one admitted member, once: a member this application already moved is reported moved (never moved
 * twice); one who died or moved elsewhere since the decision is reported, never skipped silently; otherwise
 * their HukouMigrated is appended, citing the application, policy, version and rule, attributed to whoever
 * decided the family. A concurrent change of the member's stream is met by reading it again.
 */
const moveMember = async (store: EventStore, context: MoveContext, m: FamilySettlementDecided['data']['members'][number]): Promise<MemberOutcome> => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptMove(store, context, m);
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError && attempt < 10) continue;
      if (!isDomainError(error)) throw error;
      return { citizenId: m.citizenId, outcome: 'not-moved', code: error.code, message: [...error.message].slice(0, 500).join('') };
    }
  }
};

/** Options of a completion: a listener told after each member (progress; the crash test kills the process there). */
export interface CompletionOptions {
  readonly onMember?: (outcome: MemberOutcome, index: number) => void | Promise<void>;
}

/**
 * 随迁的执行: completes a family decision recorded on the principal's stream — every admitted member moved exactly
 * once, then `FamilySettlementCompleted` recorded once with each member's outcome. Resumable and idempotent: run
 * it again after a crash (or twice at once) and it finishes what is left, moving nobody twice.
 */
export const completeFamily = async (store: EventStore, principal: string, applicationRef: string, options: CompletionOptions = {}): Promise<MemberOutcome[]> => {
  const stored = await store.readStream(personStream(principal));
  const decision = stored.find((e) => e.type === 'FamilySettlementDecided' && (e.data as { applicationRef?: string }).applicationRef === applicationRef);
  if (!decision) throw new Error(`no family decision ${applicationRef} on ${personStream(principal)}`);
  const decided = decodeStored<Extract<PersonEvent, { type: 'FamilySettlementDecided' }>>(decision).data;
  const meta = decision.metadata as { actor: CommandMetadata['actor']; correlationId: string; effectiveDate: string };
  const metadata: CommandMetadata = { actor: meta.actor, correlationId: meta.correlationId, causationId: decision.id };
  const context: MoveContext = { decided, metadata, effectiveDate: meta.effectiveDate, cutover: await cutoverFor(store, decided.destination.regionCode) };
  const outcomes: MemberOutcome[] = [];
  for (const [i, m] of decided.members.entries()) {
    const outcome = m.follows
      ? await moveMember(store, context, m)
      : { citizenId: m.citizenId, outcome: 'does-not-follow' as const, ...(m.reason ? { code: m.reason } : {}) };
    outcomes.push(outcome);
    await options.onMember?.(outcome, i);
  }
  const complete: CompleteFamilySettlement = {
    type: 'CompleteFamilySettlement', applicationRef, effectiveDate: meta.effectiveDate, now: new Date(),
    members: outcomes.map(({ position: _p, ...o }) => o),
  };
  await handleCommand(store, personStream(principal), personDecider, complete, { ...metadata, idempotencyKey: `family-complete:${applicationRef}` });
  return outcomes;
};

/** A family decision whose completion is not recorded yet (after a crash): the principal and the application. */
export interface PendingFamily {
  readonly principal: string;
  readonly applicationRef: string;
}

/** Every family decision without its completion, in log order (read with a type filter: the log's decisions and completions only). */
export const pendingFamilies = async (store: EventStore): Promise<PendingFamily[]> => {
  const open = new Map<string, PendingFamily>();
  for (let after: StoredEvent['position'] | undefined; ;) {
    const page = await store.readAll({ ...(after ? { after } : {}), maxCount: 1_000, filter: { eventTypes: ['FamilySettlementDecided', 'FamilySettlementCompleted'] } });
    for (const e of page.events) {
      const { citizenId, applicationRef } = e.data as { citizenId: string; applicationRef: string };
      const key = `${citizenId}\n${applicationRef}`;
      if (e.type === 'FamilySettlementDecided') open.set(key, { principal: citizenId, applicationRef });
      else open.delete(key);
    }
    if (page.isEnd || !page.next) break;
    after = page.next;
  }
  return [...open.values()];
};
