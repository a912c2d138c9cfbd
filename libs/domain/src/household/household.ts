import { type HouseholdEvent, type HouseholdKind } from '../../../../events';
import { type CommandTime, effectiveDateProblems } from '../shared/context';
import { type Decider } from '../shared/decider';
import { legalDateOf } from '../shared/dates';
import { illegal, type Problem, refuseIfAny } from '../shared/errors';
import { citizenIdRefProblems, householdIdProblems, regionCodeProblems } from '../shared/fields';

/** 户: a household, its stream holding household-level facts (membership comes from person events). */
export type HouseholdState =
  | { readonly status: 'none' }
  | { readonly status: 'active' | 'dissolved'; readonly householdId: string; readonly kind: HouseholdKind; readonly regionCode: string; readonly address: string; readonly head: string | null };

export type HouseholdCommand =
  | (CommandTime & { readonly type: 'EstablishHousehold'; readonly householdId: string; readonly kind: HouseholdKind; readonly regionCode: string; readonly address: string; readonly head?: string })
  | (CommandTime & { readonly type: 'ChangeHouseholdHead'; readonly newHead: string; readonly members: readonly string[]; readonly reason: 'death-of-head' | 'moved-out' | 'family-decision' | 'correction' })
  | (CommandTime & { readonly type: 'ChangeHouseholdAddress'; readonly address: string; readonly regionCode: string })
  | (CommandTime & { readonly type: 'DissolveHousehold'; readonly memberCount: number; readonly reason: 'no-members' | 'merged' | 'correction' });

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

const active = (state: HouseholdState) => {
  if (state.status === 'none') throw illegal('HOUSEHOLD.NOT_FOUND', 'the household does not exist');
  if (state.status === 'dissolved') throw illegal('HOUSEHOLD.DISSOLVED', `household ${state.householdId} is dissolved`);
  return state;
};

export const decideHousehold = (command: HouseholdCommand, state: HouseholdState): readonly HouseholdEvent[] => {
  switch (command.type) {
    case 'EstablishHousehold': {
      if (state.status !== 'none') throw illegal('HOUSEHOLD.ALREADY_EXISTS', `household ${command.householdId} already exists`);
      refuseIfAny([
        ...effectiveDateProblems(command), ...addressProblems(command.address, command.regionCode), ...householdIdProblems(command.householdId, 'householdId'),
        ...(command.head === undefined ? [] : citizenIdRefProblems(command.head, 'head', legalDateOf(command.now))),
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
