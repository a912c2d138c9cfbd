import fc from 'fast-check';
import { type PersonEvent } from '../../../../events';
import { type PersonCommand } from '../../src/person/commands';
import { personDecider } from '../../src/person/decide';
import { type HouseholdContext } from '../../src/shared/context';
import { isDomainError } from '../../src/shared/errors';
import { ACTIVE, birth, NOW, TODAY } from './support';

/** A pool of households the commands may target: some active, one dissolved, one missing. */
const HOUSEHOLDS: HouseholdContext[] = [
  ACTIVE,
  { status: 'active', householdId: 'h-2', regionCode: '410105002003', kind: 'family' },
  { status: 'active', householdId: 'h-3', regionCode: '410122100200', kind: 'community-collective' },
  { status: 'dissolved', householdId: 'h-4', regionCode: '410105001001', kind: 'family' },
  { status: 'missing', householdId: 'h-5' },
];

const date = fc.integer({ min: 0, max: 400 }).map((d) => new Date(Date.UTC(2025, 11, 1 + d)).toISOString().slice(0, 10));
const time = date.map((effectiveDate) => ({ effectiveDate, now: NOW }));

const command: fc.Arbitrary<PersonCommand> = fc.oneof(
  time.map((t) => birth(t.effectiveDate >= '2026-01-01' ? { effectiveDate: t.effectiveDate } : {})),
  fc.tuple(time, fc.constantFrom(...HOUSEHOLDS), fc.boolean(), fc.boolean()).map(([t, to, own, ok]): PersonCommand => ({
    type: 'Migrate', applicationRef: 'a', ownApplication: own, to, destinationRegionCode: to.status === 'missing' ? '410105009009' : to.regionCode, relationToHead: 'other', ...t,
    admission: ok ? { outcome: 'admitted', category: 'general', policy: null, ruleId: null } : { outcome: 'refused', category: 'general', code: 'SETTLEMENT.CONDITIONS_UNMET', policy: null, unmet: [{ condition: 'X' }] },
  })),
  fc.tuple(time, date).map(([t, dateOfDeath]): PersonCommand => ({ type: 'RegisterDeath', dateOfDeath, placeOfDeath: '410105001001', deathCertificateRef: 'd', ...t })),
  fc.tuple(time, fc.boolean()).map(([t, revokesDeath]): PersonCommand => ({ type: 'CorrectRecord', field: 'name', corrected: revokesDeath ? '张晓梅' : '张小梅', reason: 'r', evidence: [], revokesDeath, ...t })),
  time.map((t): PersonCommand => ({ type: 'UnifyRegistrationType', jurisdiction: { cutoverDate: '2017-06-30', prefix: '4101', documentNo: 'd' }, ...t })),
  time.map((t): PersonCommand => ({ type: 'RegisterActualResidence', regionCode: '410105009009', ...t })),
);

/** Runs the commands through the decider; refused ones must throw a DomainError and change nothing. */
const run = (commands: readonly PersonCommand[]) => {
  let state = personDecider.initialState();
  const history: { command: PersonCommand; events: readonly PersonEvent[] }[] = [];
  for (const c of commands) {
    try {
      const events = personDecider.decide(c, state);
      state = events.reduce(personDecider.evolve, state);
      history.push({ command: c, events });
    } catch (error) {
      if (!isDomainError(error)) throw error;
    }
  }
  return history;
};

describe('person decider: invariants over random command sequences', () => {
  it('Given any sequence of commands, Then no event follows a death except corrections, and effective dates never follow today', () => {
    fc.assert(fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
      let dead = false;
      for (const { command: c, events } of run(commands)) {
        if (events.length > 0) expect(c.effectiveDate <= TODAY).toBe(true);
        for (const e of events) {
          if (dead) expect(e.type).toBe('RecordCorrected');
          if (e.type === 'DeathRegistered') dead = true;
          if (e.type === 'RecordCorrected' && e.data.revokesDeath) dead = false;
        }
      }
    }), { numRuns: 500 });
  });

  it('Given any sequence, Then the person is always in exactly one household: each move leaves the current one for another active one', () => {
    const active = new Set(HOUSEHOLDS.filter((h) => h.status === 'active').map((h) => h.householdId));
    fc.assert(fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
      let current: string | undefined;
      for (const { command: c, events } of run(commands)) {
        for (const e of events) {
          if (e.type === 'BirthRegistered') { expect(current).toBeUndefined(); current = e.data.householdId; }
          if (e.type === 'HukouMigrated') {
            expect(e.data.from.householdId).toBe(current);
            expect(e.data.to.householdId).not.toBe(current);
            expect(active.has(e.data.to.householdId)).toBe(true);
            expect(c.type === 'Migrate' && c.ownApplication).toBe(true);
            current = e.data.to.householdId;
          }
        }
      }
    }), { numRuns: 500 });
  });

  it('Given any sequence, Then a death date lies between the birth and today, and unification happens at most once', () => {
    fc.assert(fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
      const events = run(commands).flatMap((h) => h.events);
      const birthDate = events.find((e) => e.type === 'BirthRegistered')?.data.dateOfBirth;
      for (const e of events) if (e.type === 'DeathRegistered') expect(birthDate! <= e.data.dateOfDeath && e.data.dateOfDeath <= TODAY).toBe(true);
      expect(events.filter((e) => e.type === 'RegistrationTypeUnified')).toHaveLength(0); // born resident: nothing to unify
    }), { numRuns: 300 });
  });
});
