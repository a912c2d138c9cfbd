import { randomBytes } from 'node:crypto';
import { householdStream } from '../../../../events';
import { type Infer } from '../../../../events/schema';
import { householdDecider, type HouseholdCommand, type HouseholdState } from '../../../../libs/domain/src/household/household';
import { legalDateOf } from '../../../../libs/domain/src/shared/dates';
import { householdHistory, type HouseholdHistoryEntry } from '../../../../projections/audit/candidates';
import { placeholder } from '../../../../projections/store/bulk';
import { type Fact, latestFact } from '../../../../libs/domain/src/shared/time';
import { inScope, type Principal } from '../auth/jwt';
import { DomainError } from '../../../../libs/domain/src/shared/errors';
import { type CommandHeaders } from '../http/request';
import { type RegistryRuntime } from '../runtime';
import { assertInScope, assertVisibleHousehold } from './context';
import { alreadyBound, IdempotencyRecords } from './idempotency';
import { type CommandResult, runCommand } from './runner';
import { type addressBody, type dissolveBody, type headBody, type householdBody } from './schemas';

/** An entry of a household's history as the fact it points at (stream, event, revision, effective date). */
const factOfEntry = (e: HouseholdHistoryEntry): Fact => ({ stream: e.stream, event: e.eventType, revision: e.revision, effectiveDate: e.effectiveDate });

/** The latest departure (a move out or a death) of anyone who was ever a member and is no longer one. */
const lastDeparture = (history: readonly HouseholdHistoryEntry[]): Fact | undefined => {
  const last = new Map<string, HouseholdHistoryEntry>();
  for (const e of history) if (e.citizenId !== null && e.change !== 'head-changed') last.set(e.citizenId, e);
  return latestFact([...last.values()].filter((e) => e.change === 'left' || e.change === 'died').map(factOfEntry));
};

/** A command on an existing household: 404 when there is none — the same 404 outside a registrar's regions. */
const existing = (principal: Principal, householdId: string) => (state: HouseholdState): void => assertVisibleHousehold(principal, householdId, state);

/**
 * 立户 with an id that exists outside the caller's regions: the decider's own answer and nothing more — checked
 * before an Idempotency-Key replay and before If-Match, so neither reveals that household's events or revision.
 */
const notElsewhere = (principal: Principal, householdId: string) => (state: HouseholdState): void => {
  if (state.status !== 'none' && !inScope(principal, state.regionCode)) throw new DomainError('illegal-state', 'HOUSEHOLD.ALREADY_EXISTS', `household ${householdId} already exists`);
};

/** 户 commands: establish (立户), change head (变更户主), change address (住址变动), dissolve (销户). */
export class HouseholdCommands {
  private readonly idempotency: IdempotencyRecords;

  constructor(private readonly runtime: RegistryRuntime) {
    this.idempotency = new IdempotencyRecords(runtime.views);
  }

  private time(effectiveDate: string | undefined) {
    const now = new Date();
    return { effectiveDate: effectiveDate ?? legalDateOf(now), now };
  }

  private async run(principal: Principal, headers: CommandHeaders, householdId: string, command: HouseholdCommand): Promise<CommandResult> {
    try {
      return await runCommand(this.runtime, principal, headers, householdStream(householdId), householdDecider, command, existing(principal, householdId));
    } finally {
      this.runtime.contexts.householdChanged(householdId); // the next person command reads it afresh
    }
  }

  /**
   * Members as the memberships view shows them (membership is derived from person events), once the views
   * have caught up with the log as it is now — so a member registered a moment ago counts.
   */
  private async members(principal: Principal, householdId: string): Promise<{ readonly members: string[]; readonly history: readonly HouseholdHistoryEntry[] }> {
    // 404 / 403 before anything waits on the views.
    assertVisibleHousehold(principal, householdId, await this.runtime.contexts.householdContext(householdId));
    await this.runtime.viewsAt(await this.runtime.store.headPosition());
    const db = this.runtime.views;
    const rows = await db.query<{ citizen_id: string }[]>(`SELECT citizen_id FROM view_memberships WHERE household_id = ${placeholder(db, 1)} AND status = 'member'`, [householdId]);
    return { members: rows.map((r) => r.citizen_id), history: await householdHistory(db, householdId) };
  }

  async establish(principal: Principal, headers: CommandHeaders, body: Infer<typeof householdBody>): Promise<CommandResult> {
    assertInScope(principal, body.regionCode, 'the household');
    const time = this.time(body.effectiveDate);
    let householdId = body.householdId ?? `${body.regionCode}-${randomBytes(5).toString('hex')}`;
    if (!body.householdId && headers.idempotencyKey) {
      const bound = await this.idempotency.bind(principal.subject, headers.idempotencyKey, headers.fingerprint ?? '', householdStream(householdId), time.now);
      householdId = bound.slice('household-'.length);
    }
    const { effectiveDate: _, householdId: __, ...rest } = body;
    try {
      return await runCommand(this.runtime, principal, body.householdId ? headers : alreadyBound(headers), householdStream(householdId), householdDecider, { type: 'EstablishHousehold', ...rest, householdId, ...time }, notElsewhere(principal, householdId));
    } finally {
      this.runtime.contexts.householdChanged(householdId);
    }
  }

  async changeHead(principal: Principal, headers: CommandHeaders, householdId: string, body: Infer<typeof headBody>): Promise<CommandResult> {
    const { members, history } = await this.members(principal, householdId);
    const joined = history.findLast((e) => e.citizenId === body.newHead && e.change === 'joined');
    return this.run(principal, headers, householdId, {
      type: 'ChangeHouseholdHead', newHead: body.newHead, reason: body.reason, members, ...(joined ? { newHeadJoined: factOfEntry(joined) } : {}), ...this.time(body.effectiveDate),
    });
  }

  async changeAddress(principal: Principal, headers: CommandHeaders, householdId: string, body: Infer<typeof addressBody>): Promise<CommandResult> {
    assertInScope(principal, body.regionCode, 'the new address');
    return this.run(principal, headers, householdId, { type: 'ChangeHouseholdAddress', address: body.address, regionCode: body.regionCode, ...this.time(body.effectiveDate) });
  }

  async dissolve(principal: Principal, headers: CommandHeaders, householdId: string, body: Infer<typeof dissolveBody>): Promise<CommandResult> {
    const { members, history } = await this.members(principal, householdId);
    const departure = lastDeparture(history);
    return this.run(principal, headers, householdId, {
      type: 'DissolveHousehold', reason: body.reason, memberCount: members.length, ...(departure ? { lastDeparture: departure } : {}), ...this.time(body.effectiveDate),
    });
  }
}
