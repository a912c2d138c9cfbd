import { type RegistrationType, type RelationToHead } from '../../../../events';
import { isUrbanClass } from '../regions';
import { addDays, type IsoDate, yearsBetween } from '../shared/dates';
import { type Dwelling } from './dwelling';
import { cutoverOf } from './geography';
import { collectiveHousehold } from './household-life';
import { trackHousehold, trackPerson } from './ledger';
import { die, holdPermit, registerBirth, settle } from './backcast-acts';
import { drawName, surnameOf } from './names';
import { CENSUS_DAY } from './plan';
import { contextOf, countyOf, jurisdictionOf, type SimHousehold, type SimPerson, type Unit, type World } from './world';

/** The registration type of an import (历史数据导入): resident after the cut-over, else the historical type of an urban or a rural unit. */
const importedType = (world: World, dw: Dwelling): RegistrationType => {
  const cutover = cutoverOf(dw.home.code);
  if (cutover && cutover.date <= world.start) return 'resident';
  return isUrbanClass(dw.home.class) ? (world.random.chance(0.85) ? 'non-agricultural' : 'agricultural') : world.random.chance(0.92) ? 'agricultural' : 'non-agricultural';
};

/** The household a dwelling was registered in on the start date: a family household at home, or an institution's collective household. */
const homeHousehold = (world: World, unit: Unit, dw: Dwelling, head: string): SimHousehold => {
  if (dw.kind === 'collective' && dw.arrangement === 'local') return collectiveHousehold(world, dw.unit.code, dw.unit.name, 'collective');
  const id = world.householdIds.family(dw.home.code);
  const household: SimHousehold = { id, kind: 'family', regionCode: dw.home.code, t: trackHousehold(id), members: [] };
  world.ledger.household(household.t, { type: 'EstablishHousehold', householdId: id, kind: 'family', regionCode: dw.home.code, address: `${dw.home.name}${world.random.int(1, 300)}号`, head, effectiveDate: world.start, now: world.now }, countyOf(dw.home.code), 'import');
  unit.households.set(id, household);
  return household;
};

/** The day a person's life at the dwelling's unit starts to be recorded: the move, or just after the birth's registration. */
const fromDay = (registeredOn: IsoDate, since: IsoDate | undefined): IsoDate => {
  const soon = addDays(registeredOn, 3);
  const after = soon < CENSUS_DAY ? soon : registeredOn;
  return since && since > after ? since : after;
};

/**
 * 回溯: the registry's history of one census-day dwelling, from the start date to census day — the imports of
 * 2010, the births since, the permits, actual residences and settlements that put each person where the census
 * finds them, and the deaths of those who did not live to see it. Every act is a command the deciders judge.
 */
export const backcast = (world: World, dw: Dwelling): Unit => {
  const { random } = world;
  const unit: Unit = { persons: new Map(), households: new Map(), schedule: [] };
  const later = (date: IsoDate, run: (date: IsoDate) => void): void => { unit.schedule.push({ date, run }); };
  const planned = dw.members.map((m) => {
    const id = world.ids.allocate(countyOf(dw.home.code), m.dateOfBirth, m.sex);
    const person: SimPerson = { id, sex: m.sex, dateOfBirth: m.dateOfBirth, t: trackPerson(id), householdId: '' };
    unit.persons.set(id, person);
    return { m, person };
  });
  const byRelation = (r: RelationToHead) => planned.filter((x) => x.m.relation === r && !x.m.away);
  const couple = (a: SimPerson | undefined, b: SimPerson | undefined): void => {
    if (a && b) [a.spouse, b.spouse] = [b.id, a.id];
  };
  couple(planned[0]!.person, byRelation('spouse').find((x) => !x.m.diedOn)?.person);
  couple(byRelation('child').find((x) => x.m.dateOfBirth < world.start)?.person, byRelation('child-in-law')[0]?.person);
  /** Who may be named a newborn's parents: the couple above it, alive at the birth and of an age to be its mother (16–49) or father (16–70). */
  const parentsOf = (m: Dwelling['members'][number]): SimPerson[] => {
    if (m.relation !== 'child' && m.relation !== 'grandchild') return [];
    const [fathers, mothers] = m.relation === 'grandchild' ? [byRelation('child'), byRelation('child-in-law')] : [byRelation('head'), byRelation('spouse')];
    const ageAt = (p: { m: { dateOfBirth: IsoDate } }): number => yearsBetween(p.m.dateOfBirth, m.dateOfBirth);
    return [...fathers, ...mothers]
      .filter((p) => (!p.m.diedOn || p.m.diedOn > m.dateOfBirth) && ageAt(p) >= 16 && ageAt(p) <= (p.m.sex === 'female' ? 49 : 70))
      .map((p) => p.person).slice(0, 2);
  };
  const head = planned[0]!;
  const household = homeHousehold(world, unit, dw, head.person.id);
  const surname = surnameOf(drawName(random, 'male'));
  const type = importedType(world, dw);
  const office = countyOf(dw.home.code);
  for (const { m, person } of planned) {
    person.householdId = household.id;
    const name = drawName(random, m.sex, m.relation === 'spouse' || m.relation === 'child-in-law' || m.relation === 'collective-member' ? undefined : surname);
    let registeredOn: IsoDate = world.start;
    if (m.dateOfBirth < world.start) {
      world.ledger.person(person.t, {
        type: 'RegisterPerson', citizenId: person.id, name, sex: m.sex, dateOfBirth: m.dateOfBirth, household: contextOf(household), relationToHead: m.relation,
        registrationType: type, reason: 'historical-import', jurisdiction: jurisdictionOf(household.regionCode), effectiveDate: world.start, now: world.now,
      }, office, 'import');
      if (household.kind === 'family') household.members.push(person.id);
    } else {
      const late = addDays(m.dateOfBirth, random.int(0, 30));
      registeredOn = late > world.end ? world.end : late;
      const parents = parentsOf(m);
      person.knownFrom = registeredOn;
      const born = dw.arrival && m.dateOfBirth >= dw.arrival ? dw.unit.code : household.regionCode;
      const recordedOn = registeredOn;
      later(m.dateOfBirth, (d) => registerBirth(world, unit, person, name, m.relation, parents, born, d, recordedOn));
    }
    if (m.diedOn) later(m.diedOn, (d) => die(world, unit, person, d, addDays(d, random.int(0, 40))));
    if (m.away) later(fromDay(registeredOn, m.away.since), (d) => holdPermit(world, person, m.away!.unit.code, m.away!.basis, d));
    else if (!m.diedOn && (dw.arrangement === 'permit' || dw.arrangement === 'settled')) {
      const from = fromDay(registeredOn, dw.arrival);
      if (!dw.settledOn || from < dw.settledOn) later(from, (d) => holdPermit(world, person, dw.unit.code, dw.kind === 'family' ? 'stable-residence' : 'stable-employment', d));
    } else if (!m.diedOn && dw.arrangement === 'actual') {
      later(fromDay(registeredOn, dw.arrival), (d) => world.ledger.person(person.t, { type: 'RegisterActualResidence', regionCode: dw.unit.code, effectiveDate: d, now: world.now }, countyOf(dw.home.code)));
    }
  }
  if (dw.settledOn) {
    const movers = planned.filter((x) => !x.m.away && !x.m.diedOn).map((x) => x.person);
    later(dw.settledOn, (d) => settle(world, unit, dw, movers, d));
  }
  unit.schedule.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return unit;
};
