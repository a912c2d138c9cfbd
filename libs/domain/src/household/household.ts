import { type HouseholdEvent, type HouseholdKind } from '../../../../events';
import { dateOfBirthOf } from '../citizen-id';
import { type CitizenId } from '../citizen-id/types';
import { type CommandTime, effectiveDateProblems } from '../shared/context';
import { type Decider } from '../shared/decider';
import { isIsoDate, legalDateOf } from '../shared/dates';
import { decideWith, illegal, type Problem, refuseIfAny } from '../shared/errors';
import { type Fact, latestFact, notBefore, type Timeline } from '../shared/time';
import { citizenIdRefProblems, householdIdProblems, regionCodeProblems } from '../shared/fields';

/** 户: a household, its stream holding household-level facts (membership comes from person events). */
export type HouseholdState =
  | { readonly status: 'none' }
  | { readonly status: 'active' | 'dissolved'; readonly householdId: string; readonly kind: HouseholdKind; readonly regionCode: string; readonly address: string; readonly head: string | null };

export type HouseholdCommand =
  | (CommandTime & { readonly type: 'EstablishHousehold'; readonly householdId: string; readonly kind: HouseholdKind; readonly regionCode: string; readonly address: string; readonly head?: string })
  | (CommandTime & {
    readonly type: 'ChangeHouseholdHead'; readonly newHead: string; readonly members: readonly string[]; readonly reason: 'death-of-head' | 'moved-out' | 'family-decision' | 'correction';
    /** The fact that placed the new head in the household (read from their stream): the head is named no earlier. */
    readonly newHeadJoined?: Fact;
  })
  | (CommandTime & { readonly type: 'ChangeHouseholdAddress'; readonly address: string; readonly regionCode: string })
  | (CommandTime & {
    readonly type: 'DissolveHousehold'; readonly memberCount: number; readonly reason: 'no-members' | 'merged' | 'correction';
    /** The last member's leaving (a move or a death, read from the members' streams): the household ends no earlier. */
    readonly lastDeparture?: Fact;
  });

export const evolveHousehold = (state: HouseholdState, event: HouseholdEvent): HouseholdState => {
  switch (event.type) {
    case 'HouseholdEstablished': {
      const { householdId, kind, regionCode, address, head } = event.data;
      return { status: 'active', householdId, kind, regionCode, address, head: head ?? null };
    }
    case 'HouseholdHeadChanged': return state.status === 'none' ? state : { ...state, head: event.data.newHead };
    case 'HouseholdAddressChanged': return state.status === 'none' ? state : { ...state, address: event.data.address, regionCode: event.data.regionCode };
    case 'HouseholdDissolved': return state.status === 'none' ? state : { ...state, status: 'dissolved' };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
};

const addressProblems = (address: string, regionCode: string): Problem[] => [
  ...(address.trim() === '' ? [{ code: 'HOUSEHOLD.ADDRESS_REQUIRED', message: 'an address is required', path: 'address' }] : []),
  ...regionCodeProblems(regionCode, 'regionCode'),
];

/** The head named at establishment: a valid citizen id of someone born by then. */
const headProblems = (head: string, on: string, today: string): Problem[] => {
  const problems = citizenIdRefProblems(head, 'head', today);
  if (problems.length > 0 || !isIsoDate(on)) return problems;
  const born = dateOfBirthOf(head as CitizenId);
  return born > on ? [{ code: 'HOUSEHOLD.HEAD_NOT_BORN', message: `the head ${head} was born ${born}, after the household's date ${on}`, path: 'head' }] : [];
};

const active = (state: HouseholdState) => {
  if (state.status === 'none') throw illegal('HOUSEHOLD.NOT_FOUND', 'the household does not exist');
  if (state.status === 'dissolved') throw illegal('HOUSEHOLD.DISSOLVED', `household ${state.householdId} is dissolved`);
  return state;
};

/**
 * 时间顺序 on a household's stream: nothing before it was established or before its latest fact (a head, an
 * address), no head named before joining, no dissolution before the last member left (events/README.md).
 */
export const householdTimeProblems = (command: HouseholdCommand, timeline: Timeline): Problem[] => {
  if (command.type === 'EstablishHousehold' || !isIsoDate(command.effectiveDate)) return [];
  const d = command.effectiveDate;
  const what = { ChangeHouseholdHead: 'the change of head', ChangeHouseholdAddress: 'the change of address', DissolveHousehold: 'the dissolution' }[command.type];
  return [
    ...notBefore(what, d, latestFact(timeline)),
    ...(command.type === 'ChangeHouseholdHead' ? notBefore(`naming ${command.newHead} head`, d, command.newHeadJoined) : []),
    ...(command.type === 'DissolveHousehold' ? notBefore(what, d, command.lastDeparture) : []),
  ];
};

export const decideHousehold = (command: HouseholdCommand, state: HouseholdState, timeline: Timeline): readonly HouseholdEvent[] =>
  decideWith(householdTimeProblems(command, timeline), () => decideOn(command, state));

const decideOn = (command: HouseholdCommand, state: HouseholdState): readonly HouseholdEvent[] => {
  switch (command.type) {
    case 'EstablishHousehold': {
      if (state.status !== 'none') throw illegal('HOUSEHOLD.ALREADY_EXISTS', `household ${command.householdId} already exists`);
      refuseIfAny([
        ...effectiveDateProblems(command), ...addressProblems(command.address, command.regionCode), ...householdIdProblems(command.householdId, 'householdId'),
        ...(command.head === undefined ? [] : headProblems(command.head, command.effectiveDate, legalDateOf(command.now))),
      ]);
      const { householdId, kind, regionCode, address, head } = command;
      return [{ type: 'HouseholdEstablished', data: { householdId, kind, regionCode, address: address.trim(), ...(head ? { head } : {}) } }];
    }
    case 'ChangeHouseholdHead': {
      const h = active(state);
      const problems = effectiveDateProblems(command);
      if (!command.members.includes(command.newHead)) problems.push({ code: 'HOUSEHOLD.HEAD_NOT_MEMBER', message: `${command.newHead} is not a member of ${h.householdId}`, path: 'newHead' });
      if (command.newHead === h.head) problems.push({ code: 'HOUSEHOLD.HEAD_UNCHANGED', message: `${command.newHead} is already the head`, path: 'newHead' });
      refuseIfAny(problems);
      return [{ type: 'HouseholdHeadChanged', data: { householdId: h.householdId, previousHead: h.head, newHead: command.newHead, reason: command.reason } }];
    }
    case 'ChangeHouseholdAddress': {
      const h = active(state);
      const problems = [...effectiveDateProblems(command), ...addressProblems(command.address, command.regionCode)];
      if (command.address.trim() === h.address && command.regionCode === h.regionCode) problems.push({ code: 'HOUSEHOLD.ADDRESS_UNCHANGED', message: 'the address is unchanged', path: 'address' });
      refuseIfAny(problems);
      return [{ type: 'HouseholdAddressChanged', data: { householdId: h.householdId, previousAddress: h.address, address: command.address.trim(), previousRegionCode: h.regionCode, regionCode: command.regionCode } }];
    }
    case 'DissolveHousehold': {
      const h = active(state);
      refuseIfAny(effectiveDateProblems(command));
      if (command.memberCount > 0) throw illegal('HOUSEHOLD.HAS_MEMBERS', `household ${h.householdId} still has ${command.memberCount} member(s)`);
      return [{ type: 'HouseholdDissolved', data: { householdId: h.householdId, reason: command.reason } }];
    }
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
};

export const householdDecider: Decider<HouseholdCommand, HouseholdEvent, HouseholdState> = {
  initialState: () => ({ status: 'none' }),
  evolve: evolveHousehold,
  decide: decideHousehold,
};
