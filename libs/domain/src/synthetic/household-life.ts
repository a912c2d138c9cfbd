import { type HouseholdKind } from '../../../../events';
import { type IsoDate } from '../shared/dates';
import { trackHousehold } from './ledger';
import { countyOf, isAlive, type SimHousehold, type SimPerson, type Unit, type World } from './world';

/**
 * A member leaves a household (death or move): a new head is named from the oldest remaining member when the
 * head left (变更户主), and a household left empty is dissolved (销户) — recorded when the leaving was (a death
 * reported late changes the head no earlier). Collective households are kept.
 */
export const leaveHousehold = (world: World, unit: Unit, household: SimHousehold, person: SimPerson, date: IsoDate, reason: 'death-of-head' | 'moved-out', recordedOn: IsoDate = date): void => {
  household.members = household.members.filter((id) => id !== person.id);
  if (household.kind !== 'family' || household.t.state.status !== 'active') return;
  const at = { effectiveDate: date, now: world.now };
  const office = countyOf(household.regionCode);
  if (household.members.length === 0) {
    world.ledger.household(household.t, { type: 'DissolveHousehold', memberCount: 0, reason: 'no-members', ...at }, office, 'registrar', recordedOn);
    return;
  }
  if (household.t.state.head !== person.id) return;
  const remaining = household.members.map((id) => unit.persons.get(id)).filter((p): p is SimPerson => p !== undefined && isAlive(p));
  const oldest = remaining.reduce<SimPerson | undefined>((a, p) => (!a || p.dateOfBirth < a.dateOfBirth ? p : a), undefined);
  if (oldest) world.ledger.household(household.t, { type: 'ChangeHouseholdHead', newHead: oldest.id, members: household.members, reason, ...at }, office, 'registrar', recordedOn);
};

const COLLECTIVE_KINDS = { 'hc-': 'community-collective', 'hi-': 'collective' } as const;

/**
 * A collective household already established, by id (`hc-<unit>`, `hi-<unit>`): rebuilt on demand rather than
 * held, since nothing happens on its own stream after it is established and a million-person city has tens of
 * thousands of them. Undefined for any other id.
 */
export const establishedCollective = (world: World, id: string): SimHousehold | undefined => {
  const kind = COLLECTIVE_KINDS[id.slice(0, 3) as keyof typeof COLLECTIVE_KINDS] as HouseholdKind | undefined;
  if (!kind || !world.collectives.has(id)) return undefined;
  const regionCode = id.slice(3);
  const t = trackHousehold(id);
  t.state = { status: 'active', householdId: id, kind, regionCode, address: '', head: null };
  return { id, kind, regionCode, t, members: [] };
};

/**
 * A unit's collective household — 社区公共户口 for residents without a home of their own, or an institution's 集体户
 * (a school, a works) — as the registry found it on the start date: established the first time it is needed.
 */
export const collectiveHousehold = (world: World, regionCode: string, name: string, kind: 'community-collective' | 'collective'): SimHousehold => {
  const id = kind === 'community-collective' ? world.householdIds.collective(regionCode) : world.householdIds.institution(regionCode);
  if (!world.collectives.has(id)) {
    const address = kind === 'community-collective' ? `${name}社区公共户` : `${name}集体户`;
    world.ledger.household(trackHousehold(id), { type: 'EstablishHousehold', householdId: id, kind, regionCode, address, effectiveDate: world.start, now: world.now }, countyOf(regionCode), 'import');
    world.collectives.add(id);
  }
  return establishedCollective(world, id)!;
};

/** A new family household at the destination, headed by the settler who owns the home. */
export const newFamilyHousehold = (world: World, unit: Unit, regionCode: string, name: string, head: string, date: IsoDate): SimHousehold => {
  const id = world.householdIds.family(regionCode);
  const household: SimHousehold = { id, kind: 'family', regionCode, t: trackHousehold(id), members: [] };
  world.ledger.household(household.t, { type: 'EstablishHousehold', householdId: id, kind: 'family', regionCode, address: `${name}${world.random.int(1, 300)}号`, head, effectiveDate: date, now: world.now }, countyOf(regionCode));
  unit.households.set(id, household);
  return household;
};
