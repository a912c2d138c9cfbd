import { type IsoDate } from '../shared/dates';
import { trackHousehold } from './ledger';
import { countyOf, isAlive, type SimHousehold, type SimPerson, type Unit, type World } from './world';

/**
 * A member leaves a household (death or move): a new head is named from the oldest remaining member when the
 * head left (变更户主), and a household left empty is dissolved (销户). Collective households are kept.
 */
export const leaveHousehold = (world: World, unit: Unit, household: SimHousehold, person: SimPerson, date: IsoDate, reason: 'death-of-head' | 'moved-out'): void => {
  household.members = household.members.filter((id) => id !== person.id);
  if (household.kind !== 'family' || household.t.state.status !== 'active') return;
  const at = { effectiveDate: date, now: world.now };
  const office = countyOf(household.regionCode);
  if (household.members.length === 0) {
    world.ledger.household(household.t, { type: 'DissolveHousehold', memberCount: 0, reason: 'no-members', ...at }, office);
    return;
  }
  if (household.t.state.head !== person.id) return;
  const remaining = household.members.map((id) => unit.persons.get(id)).filter((p): p is SimPerson => p !== undefined && isAlive(p));
  const oldest = remaining.reduce<SimPerson | undefined>((a, p) => (!a || p.dateOfBirth < a.dateOfBirth ? p : a), undefined);
  if (oldest) world.ledger.household(household.t, { type: 'ChangeHouseholdHead', newHead: oldest.id, members: household.members, reason, ...at }, office);
};

/** 社区公共户口 of a unit: established when the first settler without a home of their own needs it. */
export const collectiveHousehold = (world: World, regionCode: string, name: string, date: IsoDate): SimHousehold => {
  const known = world.collectives.get(regionCode);
  if (known) return known;
  const id = world.householdIds.collective(regionCode);
  const household: SimHousehold = { id, kind: 'community-collective', regionCode, t: trackHousehold(id), members: [] };
  world.ledger.household(household.t, { type: 'EstablishHousehold', householdId: id, kind: 'community-collective', regionCode, address: `${name}社区公共户`, effectiveDate: date, now: world.now }, countyOf(regionCode));
  world.collectives.set(regionCode, household);
  return household;
};

/** A new family household at the destination, headed by the settler who owns the home. */
export const newFamilyHousehold = (world: World, unit: Unit, regionCode: string, name: string, head: string, date: IsoDate): SimHousehold => {
  const id = world.householdIds.family(regionCode);
  const household: SimHousehold = { id, kind: 'family', regionCode, t: trackHousehold(id), members: [] };
  world.ledger.household(household.t, { type: 'EstablishHousehold', householdId: id, kind: 'family', regionCode, address: `${name}${world.random.int(1, 300)}号`, head, effectiveDate: date, now: world.now }, countyOf(regionCode));
  unit.households.set(id, household);
  return household;
};
