import { householdStream, type HouseholdEvent, type PersonEvent, type RegistryEvent } from '../../../events';
import { householdDecider, type HouseholdState } from '../../domain/src/household/household';
import { personDecider } from '../../domain/src/person/decide';
import { type PersonState } from '../../domain/src/person/state';
import { type HouseholdContext } from '../../domain/src/shared/context';
import { fold } from '../../domain/src/shared/decider';
import { type EventStore, type StoredEvent } from '../../event-store/src';
import { type Fact, latestFact } from '../../domain/src/shared/time';
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

/**
 * The household facts that name a person as its head (立户 with that head, 变更户主 to them) and as the head
 * replaced (变更户主 from them): a move out may not precede either (they headed it until then), a death not the naming.
 */
export const headFactsOf = async (store: EventStore, citizenId: string, householdId: string): Promise<{ readonly named?: Fact; readonly replaced?: Fact }> => {
  const stored = await store.readStream(householdStream(householdId));
  const facts = timelineOf(stored);
  const naming = (e: StoredEvent): boolean => (e.type === 'HouseholdEstablished' && (e.data as { head?: string }).head === citizenId) || (e.type === 'HouseholdHeadChanged' && (e.data as { newHead?: string }).newHead === citizenId);
  const replacing = (e: StoredEvent): boolean => e.type === 'HouseholdHeadChanged' && (e.data as { previousHead?: string | null }).previousHead === citizenId;
  const named = latestFact(stored.flatMap((e, i) => (naming(e) ? [facts[i]!] : [])));
  const replaced = latestFact(stored.flatMap((e, i) => (replacing(e) ? [facts[i]!] : [])));
  return { ...(named ? { named } : {}), ...(replaced ? { replaced } : {}) };
};

/** The latest of a person's head facts in a household, as a Migrate's `headSince` (undefined when none). */
export const headSinceForMove = (h: { readonly named?: Fact; readonly replaced?: Fact }): { readonly headSince?: Fact } => {
  const latest = latestFact([h.named, h.replaced].filter((f): f is Fact => f !== undefined));
  return latest ? { headSince: latest } : {};
};
