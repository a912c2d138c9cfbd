import { type PersonEvent } from '../../../../events';
import { checkCharacter } from '../../src/citizen-id';
import { type PersonCommand } from '../../src/person/commands';
import { personDecider } from '../../src/person/decide';
import { type HouseholdContext } from '../../src/shared/context';
import { fold } from '../../src/shared/decider';
import { isDomainError } from '../../src/shared/errors';
import { type Timeline } from '../../src/shared/time';

/** "Now" for the tests: 2026-11-23 10:00 in Beijing. */
export const NOW = new Date('2026-11-23T02:00:00Z');
export const TODAY = '2026-11-23';

/** A valid citizen id for a county, date of birth and order code (odd male, even female). */
export const citizenIdFor = (county: string, dateOfBirth: string, sequence: number): string => {
  const first17 = `${county}${dateOfBirth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
};

type Placed = Exclude<HouseholdContext, { status: 'missing' }>;
export const ACTIVE: Placed = { status: 'active', householdId: 'h-410105-1', regionCode: '410105001001', kind: 'family' };
export const OTHER: Placed = { status: 'active', householdId: 'h-410122-7', regionCode: '410122100200', kind: 'family' };

export const BABY = citizenIdFor('410105', '2026-01-01', 2);

export const birth = (overrides: Partial<Extract<PersonCommand, { type: 'RegisterBirth' }>> = {}): PersonCommand => ({
  type: 'RegisterBirth', citizenId: BABY, name: '张晓梅', sex: 'female', dateOfBirth: '2026-01-01', placeOfBirth: '410105001001',
  household: ACTIVE, relationToHead: 'child', jurisdiction: { cutoverDate: '2017-06-30' }, effectiveDate: '2026-01-05', now: NOW, ...overrides,
});

/** Given events, when a command is decided: the new events, or the refusal's code and problem codes. */
export const decideGiven = (given: readonly PersonEvent[], command: PersonCommand, timeline: Timeline = []) => {
  try {
    return { events: personDecider.decide(command, fold(personDecider, given), timeline) };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { code: error.code, problems: error.problems.map((p) => p.code) };
  }
};

export const born = (): PersonEvent[] => decideGiven([], birth()).events as PersonEvent[];
