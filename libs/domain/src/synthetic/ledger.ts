import { CATALOGUE, type EventMetadata, type EventOfType, type RegistryEventType, type HouseholdEvent, householdStream, type JurisdictionEvent, jurisdictionStream, type PersonEvent, personStream, type RegistryEvent } from '../../../../events';
import { type HouseholdCommand, householdDecider, type HouseholdState } from '../household/household';
import { type JurisdictionCommand, jurisdictionDecider, type JurisdictionState } from '../jurisdiction/jurisdiction';
import { type PersonCommand } from '../person/commands';
import { personDecider } from '../person/decide';
import { type PersonState } from '../person/state';
import { type Decider } from '../shared/decider';
import { isDomainError } from '../shared/errors';
import { type Fact, factOf } from '../shared/time';
import { type Random } from './random';

type Role = 'registrar' | 'import';

/** One line of the synthetic city's NDJSON: an event for a stream at an exact revision, ready to import. */
export type SyntheticRecord = {
  readonly [T in RegistryEventType]: {
    readonly id: string;
    readonly stream: string;
    /** The event's revision in its stream: the importer appends at exactly this place. */
    readonly revision: number;
    readonly type: T;
    readonly data: EventOfType<T>['data'];
    readonly metadata: EventMetadata;
  };
}[RegistryEventType];

/** An aggregate the generator tracks: its stream, its folded state and the revision of its last event. */
export interface Tracked<S> {
  readonly stream: string;
  state: S;
  revision: number;
  /** The stream's facts with their effective dates (the order of time). */
  readonly timeline: Fact[];
}

export const trackPerson = (citizenId: string): Tracked<PersonState> => ({ stream: personStream(citizenId), state: personDecider.initialState(), revision: -1, timeline: [] });
export const trackHousehold = (householdId: string): Tracked<HouseholdState> => ({ stream: householdStream(householdId), state: householdDecider.initialState(), revision: -1, timeline: [] });
export const trackJurisdiction = (prefix: string): Tracked<JurisdictionState> => ({ stream: jurisdictionStream(prefix), state: jurisdictionDecider.initialState(), revision: -1, timeline: [] });

/**
 * Every synthetic event goes through its aggregate's decider: a command the rules refuse is counted and
 * produces nothing, so the generated history obeys the same invariants as the registry itself.
 */
export class Ledger {
  readonly records: SyntheticRecord[] = [];
  readonly counts = new Map<string, number>();

  constructor(private readonly random: Random) {}

  /**
   * `office` is the acting registry office (派出所): here the county code of the unit concerned. A fact is
   * recorded on the day it takes effect unless `recordedOn` says later (a birth registered weeks after it).
   */
  person(p: Tracked<PersonState>, command: PersonCommand, office: string, role: Role = 'registrar', recordedOn?: string): readonly PersonEvent[] {
    return this.apply(personDecider, p, command, office, role, recordedOn);
  }

  household(h: Tracked<HouseholdState>, command: HouseholdCommand, office: string, role: Role = 'registrar', recordedOn?: string): readonly HouseholdEvent[] {
    return this.apply(householdDecider, h, command, office, role, recordedOn);
  }

  jurisdiction(j: Tracked<JurisdictionState>, command: JurisdictionCommand, office: string): readonly JurisdictionEvent[] {
    return this.apply(jurisdictionDecider, j, command, office, 'registrar');
  }

  /** Takes the records produced so far (the caller writes them out). */
  drain(): SyntheticRecord[] {
    return this.records.splice(0, this.records.length);
  }

  private apply<C extends { readonly effectiveDate: string }, E extends RegistryEvent, S>(decider: Decider<C, E, S>, target: Tracked<S>, command: C, office: string, role: Role, recordedOn = command.effectiveDate): readonly E[] {
    let events: readonly E[];
    try {
      events = decider.decide(command, target.state, target.timeline);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      this.count(`refused ${error.code}`);
      return [];
    }
    const correlationId = this.random.uuid();
    for (const event of events) {
      target.revision++;
      target.state = decider.evolve(target.state, event);
      target.timeline.push(factOf(target.stream, event, target.revision, command.effectiveDate));
      this.count(event.type);
      this.records.push({
        id: this.random.uuid(), stream: target.stream, revision: target.revision, type: event.type, data: event.data,
        // The synthetic registry records a fact at 10:00 (Beijing) on the day it is recorded: an import keeps that time.
        metadata: { schemaVersion: CATALOGUE[event.type].schemaVersion, effectiveDate: command.effectiveDate, actor: { id: `synthetic-${role}`, role, office }, correlationId, originallyRecordedAt: `${recordedOn}T02:00:00.000Z` },
      } as SyntheticRecord);
    }
    return events;
  }

  private count(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
}
