import { householdStream, type HouseholdEvent, type PersonEvent, type RegistryEvent } from '../../../events';
import { householdDecider, type HouseholdState } from '../../domain/src/household/household';
import { personDecider } from '../../domain/src/person/decide';
import { type PersonState } from '../../domain/src/person/state';
import { type HouseholdContext } from '../../domain/src/shared/context';
import { fold } from '../../domain/src/shared/decider';
import { type EventStore, type StoredEvent } from '../../event-store/src';
import { decodeStored, timelineOf } from './command-loop';

const eventsOf = <E extends RegistryEvent>(stored: readonly StoredEvent[]): E[] => stored.map((e) => decodeStored<E>(e));

/** A stream's stored events folded by the aggregate's own decider (the state the rules see). */
export const personStateOf = (stored: readonly StoredEvent[]): PersonState => fold(personDecider, eventsOf<PersonEvent>(stored));
export const householdStateOf = (stored: readonly StoredEvent[]): HouseholdState => fold(householdDecider, eventsOf<HouseholdEvent>(stored));

/**
 * What a person command needs to know of a household, read from its stream (never from a view: views lag):
 * whether it exists or was dissolved, its region and kind, and the facts that bound its life in time.
 */
export const householdContext = async (store: EventStore, householdId: string): Promise<HouseholdContext> => {
  const stored = await store.readStream(householdStream(householdId));
  const state = householdStateOf(stored);
  if (state.status === 'none') return { status: 'missing', householdId };
  const timeline = timelineOf(stored);
  const established = timeline.find((f) => f.event === 'HouseholdEstablished');
  const dissolved = timeline.findLast((f) => f.event === 'HouseholdDissolved');
  return { status: state.status, householdId, regionCode: state.regionCode, kind: state.kind, ...(established ? { established } : {}), ...(dissolved ? { dissolved } : {}) };
};
