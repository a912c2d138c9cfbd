import { type Infer } from '../../../../events/schema';
import { personStream } from '../../../../events';
import { type PersonCommand } from '../../../../libs/domain/src/person/commands';
import { personDecider } from '../../../../libs/domain/src/person/decide';
import { type PersonState } from '../../../../libs/domain/src/person/state';
import { unificationDateFor } from '../../../../libs/domain/src/person/time-order';
import { type Timeline } from '../../../../libs/domain/src/shared/time';
import { type HouseholdContext } from '../../../../libs/domain/src/shared/context';
import { timelineOf } from '../../../../libs/registry/src/command-loop';
import { headFactsOf } from '../../../../libs/registry/src/contexts';
import { legalDateOf } from '../../../../libs/domain/src/shared/dates';
import { regionPrefixOf } from '../../../../libs/domain/src/regions';
import { DomainError, isDomainError } from '../../../../libs/domain/src/shared/errors';
import { inScope, type Principal } from '../auth/jwt';
import { ApiError } from '../http/problem';
import { type CommandHeaders } from '../http/request';
import { type RegistryRuntime } from '../runtime';
import { CitizenIdAllocator, takenIdsIn } from './allocator';
import { assertVisiblePerson, type Cutover, personStateOf, visibleContext } from './context';
import { alreadyBound, IdempotencyRecords } from './idempotency';
import { type CommandResult, runCommand } from './runner';
import {
  type actualResidenceBody, type birthBody, type cancelPermitBody, type correctionBody, type deathBody, type endResidenceBody,
  type permitBody, type personBody, type releaseBody, type renewBody, type unifyBody,
} from './schemas';

/**
 * The default legal date of a birth registration: the date of birth — or, for a late registration into a
 * household established after the birth, the day the household was established (the hukou cannot be in a
 * household before it exists).
 */
const birthRegistrationDate = (dateOfBirth: string, household: HouseholdContext): string => {
  const established = household.status === 'missing' ? undefined : household.established?.effectiveDate;
  return established !== undefined && established > dateOfBirth ? established : dateOfBirth;
};

/** A command on an existing person: 404 when there is none — the same 404 outside a registrar's regions. */
const existing = (principal: Principal, citizenId: string) => (state: PersonState): void => assertVisiblePerson(principal, citizenId, state);

/** A first registration of an id already registered outside the caller's regions: the decider's own answer, nothing more (no revision, no replay). */
const notElsewhere = (principal: Principal, citizenId: string) => (state: PersonState): void => {
  if (state.status !== 'unregistered' && !inScope(principal, state.regionCode)) throw new DomainError('illegal-state', 'PERSON.ALREADY_REGISTERED', `${citizenId} is already registered`);
};

type Body<S> = Infer<S>;
/** The command fields every person command shares. */
type Time = { readonly effectiveDate: string; readonly now: Date };

/**
 * 人口登记 commands: each builds the domain command from the body, what it reads from other streams
 * (household, jurisdiction cut-over) and the clock, and runs it through the command loop.
 */
export class PersonCommands {
  private readonly allocator: CitizenIdAllocator;
  private readonly idempotency: IdempotencyRecords;

  constructor(private readonly runtime: RegistryRuntime) {
    this.allocator = new CitizenIdAllocator(takenIdsIn(runtime.store, runtime.views));
    this.idempotency = new IdempotencyRecords(runtime.views);
  }

  private time(effectiveDate: string | undefined): Time {
    const now = new Date();
    return { effectiveDate: effectiveDate ?? legalDateOf(now), now };
  }

  private run(principal: Principal, headers: CommandHeaders, citizenId: string, command: PersonCommand): Promise<CommandResult> {
    return runCommand(this.runtime, principal, headers, personStream(citizenId), personDecider, command, existing(principal, citizenId));
  }

  private async cutoverWhereRegistered(principal: Principal, citizenId: string): Promise<Cutover & { readonly timeline: Timeline; readonly householdId?: string }> {
    const stored = await this.runtime.store.readStream(personStream(citizenId));
    const state = personStateOf(stored);
    existing(principal, citizenId)(state);
    const timeline = timelineOf(stored);
    return state.status === 'unregistered' ? { timeline } : { ...(await this.runtime.contexts.cutoverFor(state.regionCode)), timeline, householdId: state.householdId };
  }

  /**
   * 出生登记: the registry allocates the citizen id (county of the household, date of birth, order code). With
   * an Idempotency-Key the number is bound to the key before the append. A bound number found holding someone
   * else's registration (another key's birth took it while this key's append never happened — a crash between
   * the two) can never carry this key's birth: the key moves to a new number (compare-and-swap on the old one),
   * so every retry ends with its own child, never with another child's PERSON.ALREADY_REGISTERED.
   */
  async registerBirth(principal: Principal, headers: CommandHeaders, body: Body<typeof birthBody>): Promise<CommandResult> {
    const { now } = this.time(undefined);
    // A household outside the caller's regions is, to the caller, one that does not exist.
    const household = visibleContext(principal, await this.runtime.contexts.householdContext(body.householdId));
    const region = household.status === 'missing' ? body.placeOfBirth : household.regionCode;
    const jurisdiction = await this.runtime.contexts.cutoverFor(region);
    const { effectiveDate, ...rest } = body;
    const key = headers.idempotencyKey;
    let lost: string | undefined; // the stream the key was bound to when it turned out to be someone else's
    for (let attempt = 0; attempt < 100; attempt++) {
      const fresh = await this.allocator.allocate(region.slice(0, 6), body.dateOfBirth, body.sex, legalDateOf(now));
      let citizenId = fresh;
      let boundNow = false; // this attempt bound the key (not an earlier attempt, which may still be in flight)
      if (key) {
        const proposed = personStream(fresh);
        const bound = lost === undefined
          ? await this.idempotency.bind(principal.subject, key, headers.fingerprint ?? '', proposed, now)
          : await this.idempotency.rebind(principal.subject, key, headers.fingerprint ?? '', lost, proposed, now);
        boundNow = bound === proposed;
        if (!boundNow) this.allocator.release(fresh);
        citizenId = bound.slice('person-'.length);
      }
      try {
        return await runCommand(this.runtime, principal, alreadyBound(headers), personStream(citizenId), personDecider, {
          type: 'RegisterBirth', ...rest, citizenId, household, jurisdiction, effectiveDate: effectiveDate ?? birthRegistrationDate(body.dateOfBirth, household), now,
        });
      } catch (error) {
        if (!isDomainError(error)) throw error;
        // The number was someone's already (another process, before a restart, another key's birth): it stays taken; try the next.
        if (error.code === 'PERSON.ALREADY_REGISTERED') {
          this.allocator.markTaken(citizenId);
          lost = personStream(citizenId);
          continue;
        }
        // Refused, nothing appended: the number goes back, and the key this attempt bound is free again (as if never sent).
        if (!key || boundNow) this.allocator.release(citizenId); // an earlier attempt's number may still be in use
        if (key && boundNow) await this.idempotency.unbind(principal.subject, key, personStream(citizenId));
        throw error;
      }
    }
    throw new ApiError(409, 'STREAM.CONTENDED', 'every number tried for this birth was taken by another registration meanwhile; retry');
  }

  /** 无户口人员登记 with a citizen id the person already holds. */
  async registerPerson(principal: Principal, headers: CommandHeaders, body: Body<typeof personBody>): Promise<CommandResult> {
    const household = visibleContext(principal, await this.runtime.contexts.householdContext(body.householdId));
    const jurisdiction = household.status === 'missing' ? {} : await this.runtime.contexts.cutoverFor(household.regionCode);
    const { effectiveDate, ...rest } = body;
    return runCommand(this.runtime, principal, headers, personStream(body.citizenId), personDecider, {
      type: 'RegisterPerson', ...rest, household, jurisdiction, ...this.time(effectiveDate),
    }, notElsewhere(principal, body.citizenId));
  }

  async registerDeath(principal: Principal, headers: CommandHeaders, citizenId: string, body: Body<typeof deathBody>): Promise<CommandResult> {
    const { effectiveDate, ...rest } = body;
    const time = this.time(effectiveDate ?? body.dateOfDeath);
    const state = personStateOf(await this.runtime.store.readStream(personStream(citizenId)));
    // A head's death may not precede the household's naming them head.
    const named = state.status === 'unregistered' ? undefined : (await headFactsOf(this.runtime.store, citizenId, state.householdId)).named;
    return this.run(principal, headers, citizenId, { type: 'RegisterDeath', ...rest, ...(named ? { headSince: named } : {}), ...time });
  }

  async unify(principal: Principal, headers: CommandHeaders, citizenId: string, body: Body<typeof unifyBody>): Promise<CommandResult> {
    const cut = await this.cutoverWhereRegistered(principal, citizenId);
    if (!cut.cutoverDate || !cut.prefix || !cut.documentNo)
      throw new ApiError(422, 'UNIFICATION.NO_CUTOVER', `no unification cut-over is declared where ${citizenId} is registered`);
    // The reform takes effect on the cut-over date (or on arrival, for someone placed there later) unless a date is given.
    return this.run(principal, headers, citizenId, {
      type: 'UnifyRegistrationType', jurisdiction: { cutoverDate: cut.cutoverDate, prefix: cut.prefix, documentNo: cut.documentNo }, ...this.time(body.effectiveDate ?? unificationDateFor(cut.cutoverDate, cut.timeline)),
    });
  }

  async issuePermit(principal: Principal, headers: CommandHeaders, citizenId: string, body: Body<typeof permitBody>): Promise<CommandResult> {
    const { effectiveDate, ...rest } = body;
    return this.run(principal, headers, citizenId, { type: 'IssueResidencePermit', ...rest, ...this.time(effectiveDate) });
  }

  async renewPermit(principal: Principal, headers: CommandHeaders, citizenId: string, permitNo: string, body: Body<typeof renewBody>): Promise<CommandResult> {
    return this.run(principal, headers, citizenId, { type: 'RenewResidencePermit', permitNo, validUntil: body.validUntil, ...this.time(body.effectiveDate) });
  }

  async cancelPermit(principal: Principal, headers: CommandHeaders, citizenId: string, permitNo: string, body: Body<typeof cancelPermitBody>): Promise<CommandResult> {
    return this.run(principal, headers, citizenId, { type: 'CancelResidencePermit', permitNo, reason: body.reason, ...this.time(body.effectiveDate) });
  }

  /** 准予迁出: only the office where the person is registered releases them. */
  async releaseForMigration(principal: Principal, headers: CommandHeaders, citizenId: string, body: Body<typeof releaseBody>): Promise<CommandResult> {
    const { effectiveDate, ...rest } = body;
    // A 12-digit code of a county or township is released as its own prefix (`410105000000` → `410105`).
    return this.run(principal, headers, citizenId, { type: 'ReleaseForMigration', ...rest, to: regionPrefixOf(rest.to), ...this.time(effectiveDate) });
  }

  async registerActualResidence(principal: Principal, headers: CommandHeaders, citizenId: string, body: Body<typeof actualResidenceBody>): Promise<CommandResult> {
    const { effectiveDate, ...rest } = body;
    return this.run(principal, headers, citizenId, { type: 'RegisterActualResidence', ...rest, ...this.time(effectiveDate) });
  }

  async endActualResidence(principal: Principal, headers: CommandHeaders, citizenId: string, body: Body<typeof endResidenceBody>): Promise<CommandResult> {
    return this.run(principal, headers, citizenId, { type: 'EndActualResidence', ...this.time(body.effectiveDate) });
  }

  async correct(principal: Principal, headers: CommandHeaders, citizenId: string, body: Body<typeof correctionBody>): Promise<CommandResult> {
    const { timeline: _, householdId, ...jurisdiction } = await this.cutoverWhereRegistered(principal, citizenId);
    const { effectiveDate, ...rest } = body;
    // Withdrawing a death restores the person to their household: it must still exist.
    const household = body.revokesDeath && householdId ? { household: await this.runtime.contexts.householdContext(householdId) } : {};
    return this.run(principal, headers, citizenId, { type: 'CorrectRecord', ...rest, jurisdiction, ...household, ...this.time(effectiveDate) });
  }
}
