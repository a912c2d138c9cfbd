import { type PersonEvent } from '../../../events';
import { classOn, isUrbanClass } from '../../../libs/domain/src/regions';
import { evolvePerson, initialPersonState, type PersonState } from '../../../libs/domain/src/person/state';
import { type ProjectedEvent } from '../../view';

/**
 * An independent recomputation of the statistics (the test's oracle): fold the person decider's own
 * `evolvePerson` over the events effective by D (and recorded by D on the recorded basis), then count
 * each registered person at the hukou's region and, for residents, where they live on D.
 */
export const statesOn = (events: readonly ProjectedEvent[], date: string, recordedBy: string | null): Map<string, PersonState> => {
  const states = new Map<string, PersonState>();
  for (const e of events) {
    if (!e.stream.startsWith('person-') || e.effectiveDate > date) continue;
    if (recordedBy !== null && e.recordedAt.slice(0, 10) > recordedBy) continue;
    const id = (e.event as PersonEvent).data.citizenId;
    states.set(id, evolvePerson(states.get(id) ?? initialPersonState(), e.event as PersonEvent));
  }
  return states;
};

/** Where a registered person lives on `date`: an actual residence, else the latest permit valid that day, else the hukou. */
export const livesIn = (s: Extract<PersonState, { status: 'registered' }>, date: string): string => {
  if (s.actualResidence && s.actualResidence.since <= date) return s.actualResidence.regionCode;
  const valid = s.permits.filter((p) => p.validFrom <= date && date <= p.validUntil).sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
  return valid.at(-1)?.residenceRegionCode ?? s.regionCode;
};

const urban = (code: string, date: string): boolean => {
  const c = classOn(code, date, []);
  return c !== undefined && isUrbanClass(c);
};

/** Registered and resident totals and urban counts of a region prefix on a date, from person states. */
export const countsOf = (states: Iterable<PersonState>, region: string, date: string) => {
  const out = { registered: 0, registeredUrban: 0, resident: 0, residentUrban: 0 };
  for (const s of states) {
    if (s.status !== 'registered') continue;
    if (s.regionCode.startsWith(region)) {
      out.registered++;
      if (urban(s.regionCode, date)) out.registeredUrban++;
    }
    const lives = livesIn(s, date);
    if (lives.startsWith(region)) {
      out.resident++;
      if (urban(lives, date)) out.residentUrban++;
    }
  }
  return out;
};
