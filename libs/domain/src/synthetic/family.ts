import { type RegistrationType, type RelationToHead, type Sex } from '../../../../events';
import { addDays } from '../shared/dates';
import { drawAge, drawHouseholdSize } from './demography';
import { cutoverOf, drawGroup } from './geography';
import { trackHousehold, trackPerson } from './ledger';
import { drawName, surnameOf } from './names';
import { contextOf, countyOf, jurisdictionOf, type SimHousehold, type SimPerson, type Unit, type World } from './world';

interface Member {
  readonly relation: RelationToHead;
  readonly age: number;
  readonly sex: Sex;
}

const other = (sex: Sex): Sex => (sex === 'male' ? 'female' : 'male');

/** Who lives in a household of `size`: a head, usually a spouse, then children (or an adult child and grandchildren). */
const membersOf = (world: World, size: number): Member[] => {
  const { random } = world;
  const head: Member = { relation: 'head', age: Math.min(90, drawAge(random, 20)), sex: random.chance(0.7) ? 'male' : 'female' };
  const members: Member[] = [head];
  if (size >= 2 && random.chance(0.9)) members.push({ relation: 'spouse', age: Math.max(18, head.age + random.int(-3, 3)), sex: other(head.sex) });
  const adultChild = head.age >= 55 && random.chance(0.5);
  while (members.length < size) {
    if (adultChild && members.every((m) => m.relation !== 'child')) {
      members.push({ relation: 'child', age: Math.max(18, head.age - random.int(25, 32)), sex: random.chance(0.5) ? 'male' : 'female' });
    } else {
      const eldest = adultChild ? Math.max(0, head.age - 50) : Math.max(0, Math.min(head.age - 20, 35));
      members.push({ relation: adultChild ? 'grandchild' : 'child', age: random.int(0, Math.min(eldest, 17)), sex: random.chance(0.515) ? 'male' : 'female' });
    }
  }
  return members;
};

/** 历史数据导入: a household as the registry found it on the start date, with its historical registration type. */
export const createUnit = (world: World): Unit => {
  const { random, ledger } = world;
  const group = drawGroup(random, world.groups);
  const urban = random.chance(group.urbanShare);
  const village = random.pick(urban ? group.urban : group.rural);
  const county = countyOf(village.code);
  const historical: RegistrationType = urban ? (random.chance(0.85) ? 'non-agricultural' : 'agricultural') : random.chance(0.92) ? 'agricultural' : 'non-agricultural';
  const cutover = cutoverOf(village.code);
  const type: RegistrationType = cutover && cutover.date <= world.start ? 'resident' : historical;
  const householdId = world.householdIds.family(village.code);
  const household: SimHousehold = { id: householdId, kind: 'family', regionCode: village.code, t: trackHousehold(householdId), members: [] };
  const specs = membersOf(world, drawHouseholdSize(random));
  const people = specs.map((m) => {
    const dateOfBirth = addDays(world.start, -(m.age * 365 + random.int(1, 364)));
    const id = world.ids.allocate(county, dateOfBirth, m.sex);
    return { m, id, dateOfBirth };
  });
  const at = { effectiveDate: world.start, now: world.now };
  ledger.household(household.t, { type: 'EstablishHousehold', householdId: household.id, kind: 'family', regionCode: village.code, address: `${village.name}${random.int(1, 300)}号`, head: people[0]!.id, ...at }, county, 'import');
  const unit: Unit = { persons: new Map(), households: new Map([[household.id, household]]) };
  const surname = surnameOf(drawName(random, 'male'));
  for (const { m, id, dateOfBirth } of people) {
    const person: SimPerson = { id, sex: m.sex, dateOfBirth, t: trackPerson(id), householdId: household.id };
    const name = drawName(random, m.sex, m.relation === 'spouse' ? undefined : surname);
    const events = ledger.person(person.t, {
      type: 'RegisterPerson', citizenId: id, name, sex: m.sex, dateOfBirth, household: contextOf(household), relationToHead: m.relation,
      registrationType: type, reason: 'historical-import', jurisdiction: jurisdictionOf(village.code), ...at,
    }, county, 'import');
    if (events.length === 0) continue;
    unit.persons.set(id, person);
    household.members.push(id);
  }
  if (unit.persons.size === 0) throw new Error(`the synthetic household ${householdId} registered nobody: ${JSON.stringify([...world.ledger.counts])}`);
  const [head, spouse] = people;
  const [h, s] = [head && unit.persons.get(head.id), spouse?.m.relation === 'spouse' ? unit.persons.get(spouse.id) : undefined];
  if (h && s) {
    h.spouse = s.id;
    s.spouse = h.id;
  }
  return unit;
};
