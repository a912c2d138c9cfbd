import { regionCatalog } from '../regions';
import { addDays, type IsoDate, yearsBetween } from '../shared/dates';
import { actualResidenceProbability, birthProbability, deathProbability, migrationProbability, permitProbability } from './demography';
import { CUTOVERS, cutoverOf, drawElsewhere } from './geography';
import { leaveHousehold } from './household-life';
import { trackPerson } from './ledger';
import { householdOf, migrate, unifyIfCutOver } from './migration';
import { drawName, surnameOf } from './names';
import { contextOf, countyOf, isAlive, jurisdictionOf, regionOf, type SimPerson, typeOf, type Unit, type World } from './world';

interface Action {
  readonly date: IsoDate;
  readonly run: (date: IsoDate) => void;
}

const officeOf = (p: SimPerson): string => countyOf(regionOf(p));

/** 死亡注销, then the household follows (new head or dissolution). */
const die = (world: World, unit: Unit, p: SimPerson, date: IsoDate): void => {
  if (!isAlive(p)) return;
  const done = world.ledger.person(p.t, { type: 'RegisterDeath', dateOfDeath: date, placeOfDeath: regionOf(p), deathCertificateRef: `DC-${world.random.uuid().slice(0, 8)}`, effectiveDate: date, now: world.now }, officeOf(p));
  const household = householdOf(world, unit, p);
  if (done.length > 0 && household) leaveHousehold(world, unit, household, p, date, 'death-of-head');
};

/** 出生登记 into the mother's household: resident after the cut-over, else the mother's type (随母). */
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
    registrationType: cutover && cutover.date <= registered ? 'resident' : typeOf(mother), jurisdiction: jurisdictionOf(household.regionCode),
    effectiveDate: registered, now: world.now,
  }, officeOf(mother));
  if (born.length === 0) return;
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

/** One year of the unit's life: everyone's events of the year, in date order. */
export const liveYear = (world: World, unit: Unit, year: number): void => {
  const { random } = world;
  const actions: Action[] = [];
  const on = (date: IsoDate, run: (date: IsoDate) => void): void => {
    if (date > world.start && date <= world.end) actions.push({ date, run });
  };
  const dayIn = (): IsoDate => addDays(`${year}-01-01`, random.int(0, 364));
  for (const p of unit.persons.values()) {
    if (!isAlive(p)) continue;
    const age = yearsBetween(p.dateOfBirth, `${year}-07-01`);
    if (random.chance(deathProbability(age))) on(dayIn(), (d) => die(world, unit, p, d));
    if (p.sex === 'female' && random.chance(birthProbability(age))) on(dayIn(), (d) => giveBirth(world, unit, p, d));
    if (random.chance(migrationProbability(age))) on(dayIn(), (d) => migrate(world, unit, p, d));
    if (p.permit?.validUntil.startsWith(String(year))) on(addDays(p.permit.validUntil, -random.int(1, 20)), (d) => permit(world, p, d));
    else if (!p.permit && random.chance(permitProbability(age))) on(dayIn(), (d) => permit(world, p, d));
    if (random.chance(actualResidenceProbability(age))) on(dayIn(), (d) => actualResidence(world, p, d));
  }
  for (const c of CUTOVERS.filter((x) => x.date.startsWith(String(year))))
    on(c.date, (d) => { for (const p of unit.persons.values()) if (isAlive(p) && cutoverOf(regionOf(p))?.prefix === c.prefix) unifyIfCutOver(world, p, d); });
  const ordered = actions.map((a, i) => ({ a, i })).sort((x, y) => (x.a.date < y.a.date ? -1 : x.a.date > y.a.date ? 1 : x.i - y.i));
  for (const { a } of ordered) a.run(a.date);
};
