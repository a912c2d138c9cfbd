import { householdsView } from '../views/households';
import { membershipsView } from '../views/memberships';
import { personsView } from '../views/persons';
import { cityEvents, project, projected } from './support';

const ID = '11010519491231002X';
const registered = projected({ type: 'PersonRegistered', data: { citizenId: ID, name: '李秀英', sex: 'female', dateOfBirth: '1949-12-31', householdId: 'h-1', relationToHead: 'head', regionCode: '410105001001', registrationType: 'agricultural', reason: 'historical-import' } }, '2010-01-01');
const moved = projected({ type: 'HukouMigrated', data: { citizenId: ID, from: { householdId: 'h-1', regionCode: '410105001001' }, to: { householdId: 'h-2', regionCode: '410122100200' }, relationToHead: 'collective-member', category: 'general', policy: null, ruleId: null, applicationRef: 'a', ownApplication: 'yes', consentRef: 'c' } }, '2020-05-01', 1);
const unified = projected({ type: 'RegistrationTypeUnified', data: { citizenId: ID, previousType: 'agricultural', newType: 'resident', cutover: { jurisdiction: '4101', effectiveDate: '2017-06-30', documentNo: 'd' } } }, '2020-05-01', 2);
const died = projected({ type: 'DeathRegistered', data: { citizenId: ID, dateOfDeath: '2026-03-01', placeOfDeath: '410122100200', deathCertificateRef: 'DC' } }, '2026-03-01', 3);

describe('persons view', () => {
  it('Given a registration, a move and a unification, Then the row has the new household and region, resident now and agricultural originally', () => {
    const row = project(personsView, [registered, moved, unified]).get(ID);
    expect(row).toMatchObject({ status: 'registered', householdId: 'h-2', regionCode: '410122100200', registrationType: 'resident', originalRegistrationType: 'agricultural', revision: 2, registeredOn: '2010-01-01' });
  });

  it('Given a death, Then the row says deceased with the date, and a withdrawn death makes it registered again', () => {
    expect(project(personsView, [registered, died]).get(ID)).toMatchObject({ status: 'deceased', dateOfDeath: '2026-03-01' });
    const withdrawn = projected({ type: 'RecordCorrected', data: { citizenId: ID, field: 'dateOfDeath', previous: '2026-03-01', corrected: '2026-03-01', reason: 'error', evidence: [], revokesDeath: true } });
    expect(project(personsView, [registered, died, withdrawn]).get(ID)).toMatchObject({ status: 'registered' });
  });
});

describe('memberships view', () => {
  it('Given a registration and a move, Then the person is a member of the new household since the move; after death, no longer a member', () => {
    expect(project(membershipsView, [registered, moved]).get(ID)).toEqual({ citizenId: ID, householdId: 'h-2', relationToHead: 'collective-member', since: '2020-05-01', status: 'member' });
    expect(project(membershipsView, [registered, moved, died]).get(ID)?.status).toBe('deceased');
  });
});

describe('households view', () => {
  it('Given a household established, its head changed and dissolved, Then the row follows and keeps the dates', () => {
    const rows = project(householdsView, [
      projected({ type: 'HouseholdEstablished', data: { householdId: 'h-1', kind: 'family', regionCode: '410105001001', address: '经三路1号' } }, '2010-01-01'),
      projected({ type: 'HouseholdHeadChanged', data: { householdId: 'h-1', previousHead: null, newHead: ID, reason: 'family-decision' } }, '2011-01-01', 1),
      projected({ type: 'HouseholdDissolved', data: { householdId: 'h-1', reason: 'no-members' } }, '2020-05-01', 2),
    ]);
    expect(rows.get('h-1')).toEqual({ householdId: 'h-1', kind: 'family', status: 'dissolved', regionCode: '410105001001', address: '经三路1号', head: ID, establishedOn: '2010-01-01', dissolvedOn: '2020-05-01', revision: 2 });
  });
});

describe('the three views over a generated city (3,000 persons) agree with each other', () => {
  const events = cityEvents(3_000, 11);
  const persons = project(personsView, events);
  const members = project(membershipsView, events);
  const households = project(householdsView, events);

  it('Then every living person is a member of the household the persons view names, and that household is active', () => {
    const living = [...persons.values()].filter((p) => p.status === 'registered');
    expect(living.length).toBeGreaterThan(2_500);
    for (const p of living) {
      expect(members.get(p.citizenId)).toMatchObject({ householdId: p.householdId, status: 'member' });
      expect(households.get(p.householdId)?.status).toBe('active');
    }
  });

  it('Then a dissolved household has no members, and every deceased person is no longer a member', () => {
    const memberCount = new Map<string, number>();
    for (const m of members.values()) if (m.status === 'member') memberCount.set(m.householdId, (memberCount.get(m.householdId) ?? 0) + 1);
    for (const h of households.values()) if (h.status === 'dissolved') expect(memberCount.get(h.householdId) ?? 0).toBe(0);
    for (const p of persons.values()) if (p.status === 'deceased') expect(members.get(p.citizenId)?.status).toBe('deceased');
  });

  it('Then each family household\'s head is one of its current members', () => {
    const byHousehold = new Map<string, Set<string>>();
    for (const m of members.values()) if (m.status === 'member') byHousehold.set(m.householdId, (byHousehold.get(m.householdId) ?? new Set()).add(m.citizenId));
    const families = [...households.values()].filter((h) => h.status === 'active' && h.kind === 'family' && h.head !== null);
    const headless = families.filter((h) => !byHousehold.get(h.householdId)?.has(h.head!));
    expect(headless.map((h) => h.householdId)).toEqual([]);
  });
});
