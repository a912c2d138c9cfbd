import { regionCatalog } from '../regions';
import { addDays, type IsoDate, yearsBetween } from '../shared/dates';
import { actualResidenceProbability, birthProbability, deathProbability, migrationProbability, permitProbability } from './demography';
import { CUTOVERS, cutoverOf, drawElsewhere } from './geography';
import { ActQueue } from './acts';
import { die } from './backcast-acts';
import { trackPerson } from './ledger';
import { householdOf, migrate, unifyIfCutOver } from './migration';
import { drawName, surnameOf } from './names';
import { contextOf, countyOf, isAlive, jurisdictionOf, regionOf, type SimPerson, typeOf, type Unit, type World } from './world';

const officeOf = (p: SimPerson): string => countyOf(regionOf(p));

/** 出生登记 into the mother's household, in force from the birth and recorded up to a month later: resident after the cut-over, else the mother's type (随母). */
const giveBirth = (world: World, unit: Unit, mother: SimPerson, date: IsoDate): void => {
  const father = mother.spouse ? unit.persons.get(mother.spouse) : undefined;
  const household = householdOf(world, unit, mother);
  if (!isAlive(mother) || !father || !isAlive(father) || father.householdId !== mother.householdId || !household || mother.t.state.status !== 'registered') return;
  const { random } = world;
  const sex = random.chance(0.515) ? 'male' : 'female';
  const id = world.ids.allocate(countyOf(household.regionCode), date, sex);
  const child: SimPerson = { id, sex, dateOfBirth: date, t: trackPerson(id), householdId: household.id };
  const cutover = cutoverOf(household.regionCode);
  const late = addDays(date, random.int(0, 30));
  const registered = late > world.end ? world.end : late;
  const born = world.ledger.person(child.t, {
    type: 'RegisterBirth', citizenId: id, name: drawName(random, sex, surnameOf(father.t.state.status === 'registered' ? father.t.state.name : '')), sex,
    dateOfBirth: date, placeOfBirth: household.regionCode, parents: { fatherId: father.id, motherId: mother.id }, household: contextOf(household),
    relationToHead: ['head', 'spouse'].includes(mother.t.state.relationToHead) ? 'child' : 'grandchild',
    registrationType: cutover && cutover.date <= date ? 'resident' : typeOf(mother), jurisdiction: jurisdictionOf(household.regionCode),
    effectiveDate: date, now: world.now,
  }, officeOf(mother), 'registrar', registered);
  if (born.length === 0) return;
  child.knownFrom = registered;
  unit.persons.set(id, child);
  household.members.push(id);
};

/** 居住证: issued for a year in another county; renewed or cancelled when it runs out. */
const permit = (world: World, p: SimPerson, date: IsoDate): void => {
  if (!isAlive(p)) return;
  const at = { effectiveDate: date, now: world.now };
  if (p.permit) {
    const { permitNo, validUntil } = p.permit;
    if (world.random.chance(0.6)) {
      const renewed = world.ledger.person(p.t, { type: 'RenewResidencePermit', permitNo, validUntil: addDays(validUntil, 365), ...at }, officeOf(p));
      if (renewed.length > 0) p.permit.validUntil = addDays(validUntil, 365);
    } else {
      world.ledger.person(p.t, { type: 'CancelResidencePermit', permitNo, reason: '离开居住地', ...at }, officeOf(p));
      p.permit = undefined;
    }
    return;
  }
  const unit = drawElsewhere(world.random, world.groups, countyOf(regionOf(p)));
  if (!unit) return;
  const permitNo = `JZZ-${countyOf(unit.code)}-${++world.permits}`;
  const validUntil = addDays(date, 365);
  const issued = world.ledger.person(p.t, { type: 'IssueResidencePermit', permitNo, residenceRegionCode: unit.code, validFrom: date, validUntil, basis: world.random.chance(0.7) ? 'stable-employment' : 'stable-residence', ...at }, countyOf(unit.code));
  if (issued.length > 0) p.permit = { permitNo, validUntil };
};

/** 实际居住登记 elsewhere in the county of registration. */
const actualResidence = (world: World, p: SimPerson, date: IsoDate): void => {
  if (!isAlive(p) || (p.t.state.status === 'registered' && p.t.state.actualResidence)) return;
  const unit = world.random.pick(regionCatalog().villagesWithin(countyOf(regionOf(p))));
  if (unit.code === regionOf(p)) return;
  world.ledger.person(p.t, { type: 'RegisterActualResidence', regionCode: unit.code, effectiveDate: date, now: world.now }, officeOf(p));
};

/** The yearly chances of a person's life (after census day: before it, the backcast decides who is where). */
const chancesOfYear = (world: World, unit: Unit, year: number, on: (date: IsoDate, run: (date: IsoDate) => void) => void): void => {
  const { random } = world;
  const dayIn = (): IsoDate => addDays(`${year}-01-01`, random.int(0, 364));
  for (const p of unit.persons.values()) {
    if (!isAlive(p)) continue;
    const age = yearsBetween(p.dateOfBirth, `${year}-07-01`);
    if (random.chance(deathProbability(age))) on(dayIn(), (d) => die(world, unit, p, d, addDays(d, random.int(0, 40))));
    if (p.sex === 'female' && random.chance(birthProbability(age))) on(dayIn(), (d) => giveBirth(world, unit, p, d));
    if (random.chance(migrationProbability(age))) on(dayIn(), (d) => migrate(world, unit, p, d));
    if (p.permit?.validUntil.startsWith(String(year))) {
      const seen = p.permit.validUntil; // renewed once: not again if something renewed it in between
      on(addDays(seen, -random.int(1, 20)), (d) => { if (p.permit?.validUntil === seen) permit(world, p, d); });
    }
    else if (!p.permit && random.chance(permitProbability(age))) on(dayIn(), (d) => permit(world, p, d));
    if (random.chance(actualResidenceProbability(age))) on(dayIn(), (d) => actualResidence(world, p, d));
  }
};

/**
 * A unit's life from the start date to the end: its planned acts (the backcast to census day, and whatever
 * they schedule in turn) and, after census day, the yearly chances — all run in date order, one queue.
 */
export const liveUnit = (world: World, unit: Unit): void => {
  const queue = new ActQueue(unit.schedule);
  world.later = (date, run) => { if (date > world.start && date <= world.end) queue.push(date, run); };
  for (let year = Number(world.start.slice(0, 4)); year <= Number(world.end.slice(0, 4)); year++) {
    const last = `${year}-12-31`;
    if (last > world.census) chancesOfYear(world, unit, year, (date, run) => { if (date > world.census) world.later(date, run); });
    for (const c of CUTOVERS.filter((x) => x.date.startsWith(String(year))))
      world.later(c.date, (d) => { for (const p of unit.persons.values()) if (isAlive(p) && cutoverOf(regionOf(p))?.prefix === c.prefix) unifyIfCutOver(world, p, d); });
    for (let act = queue.popUntil(last); act; act = queue.popUntil(last)) act.run(act.date);
  }
  world.later = NO_LATER; // the world outlives the unit: it must not keep the unit's queue (and everything it reaches) alive
};

const NO_LATER = (): void => undefined;
