import fc from 'fast-check';
import { type PersonEvent } from '../../../../events';
import { type Admission, type PersonCommand } from '../../src/person/commands';
import { personDecider } from '../../src/person/decide';
import { type HouseholdContext } from '../../src/shared/context';
import { isDomainError } from '../../src/shared/errors';
import { type Fact, factOf } from '../../src/shared/time';
import { ACTIVE, birth, citizenIdFor, NOW, TODAY } from './support';

/** Two jurisdictions with their cut-overs, and a pool of households (two active in each, one dissolved, one missing). */
const CUTOVERS = { '4101': { cutoverDate: '2017-06-30', prefix: '4101', documentNo: '郑政〔2017〕18号' }, '2301': { cutoverDate: '2014-11-01', prefix: '2301', documentNo: '黑政发〔2014〕25号' } } as const;
const cutoverOf = (region: string) => CUTOVERS[region.slice(0, 4) as keyof typeof CUTOVERS];
const HOUSEHOLDS: HouseholdContext[] = [
  ACTIVE,
  { status: 'active', householdId: 'h-2', regionCode: '410105002003', kind: 'family' },
  { status: 'active', householdId: 'h-3', regionCode: '230102001001', kind: 'community-collective' },
  { status: 'active', householdId: 'h-4', regionCode: '230103002001', kind: 'family' },
  { status: 'dissolved', householdId: 'h-5', regionCode: '410105001001', kind: 'family' },
  { status: 'missing', householdId: 'h-6' },
];
const POLICY = { id: 'p', version: '1', documentNo: 'd', contentHash: 'a'.repeat(64) };
const IMPORTED = citizenIdFor('410105', '1980-03-01', 11);

const date = fc.integer({ min: 0, max: 6_300 }).map((d) => new Date(Date.UTC(2010, 0, 1 + d)).toISOString().slice(0, 10));
const time = date.map((effectiveDate) => ({ effectiveDate, now: NOW }));
const region = fc.constantFrom('410105001001', '410105009009', '410122100200', '230102001001', 'bogus');

const registration: fc.Arbitrary<PersonCommand> = fc.oneof(
  fc.constant(birth()),
  fc.tuple(fc.constantFrom('agricultural', 'non-agricultural', 'resident') , fc.constantFrom(...HOUSEHOLDS), time).map(([type, household, t]): PersonCommand => ({
    type: 'RegisterPerson', citizenId: IMPORTED, name: '李建军', sex: 'male', dateOfBirth: '1980-03-01', household, relationToHead: 'head', registrationType: type, reason: 'historical-import',
    jurisdiction: household.status === 'missing' ? {} : cutoverOf(household.regionCode), ...t,
  })),
);

const admission: fc.Arbitrary<Admission> = fc.constantFrom<Admission>(
  { outcome: 'admitted', category: 'general', policy: POLICY, ruleId: 'r' },
  { outcome: 'admitted', category: 'general', policy: null, ruleId: null },
  { outcome: 'refused', category: 'general', code: 'SETTLEMENT.CONDITIONS_UNMET', policy: POLICY, unmet: [{ condition: 'X' }] },
);

const later: fc.Arbitrary<PersonCommand> = fc.oneof(
  fc.tuple(time, fc.constantFrom(...HOUSEHOLDS), fc.boolean(), admission).map(([t, to, own, a]): PersonCommand => {
    const destination = to.status === 'missing' ? '410105009009' : to.regionCode;
    return { type: 'Migrate', applicationRef: 'a', ownApplication: own, consentRef: own ? 'c' : '', to, destinationRegionCode: destination, destinationJurisdiction: cutoverOf(destination), relationToHead: 'other', admission: a, ...t };
  }),
  fc.tuple(time, date).map(([t, dateOfDeath]): PersonCommand => ({ type: 'RegisterDeath', dateOfDeath, placeOfDeath: '410105001001', deathCertificateRef: 'd', ...t })),
  fc.tuple(time, fc.constantFrom('name', 'registrationType', 'dateOfDeath', 'relationToHead'), fc.constantFrom('张小梅', 'agricultural', 'resident', '2020-01-01', 'child', 'martian', ''), fc.boolean())
    .map(([t, field, corrected, revokesDeath]): PersonCommand => ({ type: 'CorrectRecord', field, corrected, reason: 'r', evidence: [], revokesDeath, jurisdiction: cutoverOf('410105'), ...t })),
  fc.tuple(time, fc.constantFrom('4101', '2301', '4310')).map(([t, prefix]): PersonCommand => ({
    type: 'UnifyRegistrationType', jurisdiction: prefix === '4310' ? { cutoverDate: '2016-01-06', prefix, documentNo: 'd' } : CUTOVERS[prefix], ...t,
  })),
  fc.tuple(time, region).map(([t, r]): PersonCommand => ({ type: 'IssueResidencePermit', permitNo: 'P1', residenceRegionCode: r, validFrom: t.effectiveDate, validUntil: '2030-01-01', basis: 'stable-employment', ...t })),
  time.map((t): PersonCommand => ({ type: 'RenewResidencePermit', permitNo: 'P1', validUntil: '2031-01-01', ...t })),
  time.map((t): PersonCommand => ({ type: 'CancelResidencePermit', permitNo: 'P1', reason: 'r', ...t })),
  fc.tuple(time, region).map(([t, r]): PersonCommand => ({ type: 'RegisterActualResidence', regionCode: r, ...t })),
  time.map((t): PersonCommand => ({ type: 'EndActualResidence', ...t })),
  time.map((t): PersonCommand => ({ type: 'RefuseSettlement', applicationRef: 'a', destinationRegionCode: '410105001001', category: 'general', unmet: [{ condition: 'X' }], ...t })),
);

const sequence = fc.tuple(registration, fc.array(later, { maxLength: 40 })).map(([first, rest]) => [first, ...rest]);

/** Runs the commands through the decider; a refused one must throw a DomainError and change nothing. */
const run = (commands: readonly PersonCommand[]) => {
  let state = personDecider.initialState();
  const timeline: Fact[] = [];
  const history: { command: PersonCommand; events: readonly PersonEvent[] }[] = [];
  for (const command of commands) {
    // As the command handler does: a correction is judged under the cut-over of where the person is registered.
    const c: PersonCommand = command.type === 'CorrectRecord' && state.status !== 'unregistered' ? { ...command, jurisdiction: cutoverOf(state.regionCode) ?? {} } : command;
    try {
      const events = personDecider.decide(c, state, timeline);
      state = events.reduce(personDecider.evolve, state);
      for (const e of events) timeline.push(factOf('person-p', e, timeline.length, c.effectiveDate));
      history.push({ command: c, events });
    } catch (error) {
      if (!isDomainError(error)) throw error;
    }
  }
  return history;
};

const PROPERTY = { numRuns: Number(process.env.PROPERTY_RUNS ?? 600) };

describe('person decider: invariants over random command sequences', () => {
  it('Given any sequence, Then nothing but corrections follows a death (until it is withdrawn), and no accepted effective date follows today', () => {
    fc.assert(fc.property(sequence, (commands) => {
      let dead = false;
      for (const { command, events } of run(commands)) {
        if (events.length > 0) expect(command.effectiveDate <= TODAY).toBe(true);
        for (const e of events) {
          if (dead) expect(e.type).toBe('RecordCorrected');
          if (e.type === 'DeathRegistered') dead = true;
          if (e.type === 'RecordCorrected' && e.data.revokesDeath) dead = false;
        }
      }
    }), PROPERTY);
  });

  it('Given any sequence, Then the person is in exactly one household: each move leaves the current one for another active one, on their own application', () => {
    const active = new Set(HOUSEHOLDS.filter((h) => h.status === 'active').map((h) => h.householdId));
    fc.assert(fc.property(sequence, (commands) => {
      let current: string | undefined;
      for (const { command, events } of run(commands)) {
        for (const e of events) {
          if (e.type === 'BirthRegistered' || e.type === 'PersonRegistered') {
            expect(current).toBeUndefined();
            expect(active.has(e.data.householdId)).toBe(true);
            current = e.data.householdId;
          }
          if (e.type === 'HukouMigrated') {
            expect([e.data.from.householdId, e.data.to.householdId !== current, active.has(e.data.to.householdId)]).toEqual([current, true, true]);
            expect(command.type === 'Migrate' && command.ownApplication && command.consentRef !== '').toBe(true);
            current = e.data.to.householdId;
          }
        }
      }
    }), PROPERTY);
  });

  it('Given any sequence, Then after a jurisdiction\'s cut-over nobody there holds a historical type once a decision ends, and unification happens only from a historical type', () => {
    fc.assert(fc.property(sequence, (commands) => {
      let region = '';
      let type = '';
      for (const { command, events } of run(commands)) {
        for (const e of events) {
          if (e.type === 'BirthRegistered' || e.type === 'PersonRegistered') [region, type] = [e.data.regionCode, e.data.registrationType];
          if (e.type === 'HukouMigrated') region = e.data.to.regionCode;
          if (e.type === 'RegistrationTypeUnified') {
            expect(e.data.previousType).not.toBe('resident');
            expect(region.startsWith(e.data.cutover.jurisdiction)).toBe(true);
            type = 'resident';
          }
          if (e.type === 'RecordCorrected' && e.data.field === 'registrationType') type = e.data.corrected;
        }
        const cut = cutoverOf(region);
        const registeredOrMoved = events.some((e) => ['BirthRegistered', 'PersonRegistered', 'HukouMigrated'].includes(e.type) || (e.type === 'RecordCorrected' && e.data.field === 'registrationType'));
        if (registeredOrMoved && cut && cut.cutoverDate <= command.effectiveDate) expect(type).toBe('resident');
      }
    }), PROPERTY);
  });

  it('Given any sequence, Then a death date lies between the birth and today', () => {
    fc.assert(fc.property(sequence, (commands) => {
      const events = run(commands).flatMap((h) => h.events);
      const registered = events.find((e) => e.type === 'BirthRegistered' || e.type === 'PersonRegistered');
      for (const e of events) {
        const death = e.type === 'DeathRegistered' ? e.data.dateOfDeath : e.type === 'RecordCorrected' && e.data.field === 'dateOfDeath' && !e.data.revokesDeath ? e.data.corrected : undefined;
        if (death !== undefined && registered) expect(registered.data.dateOfBirth <= death && death <= TODAY).toBe(true);
      }
    }), PROPERTY);
  });
});
