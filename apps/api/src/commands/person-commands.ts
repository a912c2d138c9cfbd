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
import { DomainError, isDomainError } from '../../../../libs/domain/src/shared/errors';
import { inScope, type Principal } from '../auth/jwt';
import { ApiError } from '../http/problem';
import { type CommandHeaders } from '../http/request';
import { type RegistryRuntime } from '../runtime';
import { CitizenIdAllocator } from './allocator';
import { assertVisiblePerson, type Cutover, personStateOf, visibleContext } from './context';
import { alreadyBound, IdempotencyRecords } from './idempotency';
import { type CommandResult, runCommand } from './runner';
import {
  type actualResidenceBody, type birthBody, type cancelPermitBody, type correctionBody, type deathBody, type endResidenceBody,
  type permitBody, type personBody, type renewBody, type unifyBody,
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
    this.allocator = new CitizenIdAllocator();
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

  /** 出生登记: the registry allocates the citizen id (county of the household, date of birth, order code). */
  async registerBirth(principal: Principal, headers: CommandHeaders, body: Body<typeof birthBody>): Promise<CommandResult> {
    const { now } = this.time(undefined);
    // A household outside the caller's regions is, to the caller, one that does not exist.
    const household = visibleContext(principal, await this.runtime.contexts.householdContext(body.householdId));
    const region = household.status === 'missing' ? body.placeOfBirth : household.regionCode;
    const jurisdiction = await this.runtime.contexts.cutoverFor(region);
    const { effectiveDate, ...rest } = body;
    for (let attempt = 0; ; attempt++) {
      const allocate = (): string => this.allocator.allocate(region.slice(0, 6), body.dateOfBirth, body.sex, legalDateOf(now));
      let citizenId = allocate();
      let earlier = false;
      if (headers.idempotencyKey) {
        // A key is bound to the number before the append, so the number must be free: check it first.
        while ((await this.runtime.store.readStream(personStream(citizenId), { maxCount: 1 })).length > 0) citizenId = allocate();
        const stream = await this.idempotency.bind(principal.subject, headers.idempotencyKey, headers.fingerprint ?? '', personStream(citizenId), now);
        earlier = stream !== personStream(citizenId);
        if (earlier) {
          this.allocator.release(citizenId);
          citizenId = stream.slice('person-'.length);
        }
      }
      try {
        return await runCommand(this.runtime, principal, alreadyBound(headers), personStream(citizenId), personDecider, {
          type: 'RegisterBirth', ...rest, citizenId, household, jurisdiction, effectiveDate: effectiveDate ?? birthRegistrationDate(body.dateOfBirth, household), now,
        });
      } catch (error) {
        // The number was someone's already (another process, or before a restart): it stays taken; try the next.
        if (isDomainError(error) && error.code === 'PERSON.ALREADY_REGISTERED' && !earlier && attempt < 1_000) {
          if (headers.idempotencyKey) await this.idempotency.unbind(principal.subject, headers.idempotencyKey);
          continue;
        }
        if (isDomainError(error) && error.code !== 'PERSON.ALREADY_REGISTERED') {
          // Refused, nothing appended: the number goes back, and so does the key (it must not keep a number another child may get).
          this.allocator.release(citizenId);
          if (headers.idempotencyKey && !earlier) await this.idempotency.unbind(principal.subject, headers.idempotencyKey);
        }
        throw error;
      }
    }
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
