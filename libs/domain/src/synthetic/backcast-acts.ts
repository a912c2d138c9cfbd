import { type RelationToHead } from '../../../../events';
import { type FollowerApplication, type SettlementApplication } from '../policy';
import { addDays, type IsoDate, yearsBetween } from '../shared/dates';
import { type Dwelling } from './dwelling';
import { cutoverOf } from './geography';
import { leaveHousehold } from './household-life';
import { carryOutSettlement, decideSettlement, householdOf } from './migration';
import { CENSUS_DAY } from './plan';
import { contextOf, countyOf, isAlive, jurisdictionOf, regionOf, type SimPerson, typeOf, type Unit, type World } from './world';

/** 死亡注销 of a death on `date`, recorded on `recordedOn` (a family reports a death days or weeks later), then the household follows (new head or dissolution). */
export const die = (world: World, unit: Unit, p: SimPerson, date: IsoDate, recordedOn: IsoDate = date): void => {
  if (!isAlive(p)) return;
  const recorded = recordedOn > world.end ? world.end : recordedOn;
  const done = world.ledger.person(p.t, { type: 'RegisterDeath', dateOfDeath: date, placeOfDeath: regionOf(p), deathCertificateRef: `DC-${world.random.uuid().slice(0, 8)}`, effectiveDate: date, now: world.now }, countyOf(regionOf(p)), 'registrar', recorded);
  const household = householdOf(world, unit, p);
  if (done.length > 0 && household) leaveHousehold(world, unit, household, p, date, 'death-of-head', recorded);
};

/** 居住证 at `regionCode` from `date`, renewed a year at a time while the renewal falls by census day (after that the yearly life decides). */
export const holdPermit = (world: World, p: SimPerson, regionCode: string, basis: 'stable-employment' | 'stable-residence' | 'continuous-study', date: IsoDate): void => {
  if (!isAlive(p) || p.permit || countyOf(regionCode) === countyOf(regionOf(p))) return;
  const permitNo = `JZZ-${countyOf(regionCode)}-${++world.permits}`;
  let validUntil = addDays(date, 365);
  const issued = world.ledger.person(p.t, { type: 'IssueResidencePermit', permitNo, residenceRegionCode: regionCode, validFrom: date, validUntil, basis, effectiveDate: date, now: world.now }, countyOf(regionCode));
  if (issued.length === 0) return;
  p.permit = { permitNo, validUntil };
  for (;;) {
    const on = addDays(validUntil, -world.random.int(1, 20));
    if (on > CENSUS_DAY) break; // from here on the yearly life renews or gives up the permit
    const seen = validUntil;
    validUntil = addDays(validUntil, 365);
    const next = validUntil;
    world.later(on, (d) => {
      if (!isAlive(p) || p.permit?.permitNo !== permitNo || p.permit.validUntil !== seen || p.t.state.status !== 'registered' || !p.t.state.permits.some((h) => h.permitNo === permitNo)) return;
      const renewed = world.ledger.person(p.t, { type: 'RenewResidencePermit', permitNo, validUntil: next, effectiveDate: d, now: world.now }, countyOf(regionCode));
      if (renewed.length > 0) p.permit.validUntil = next;
    });
  }
};

/** 出生登记 of a planned child, in force from the birth and recorded on `recordedOn`, into the household its parents (or the head) are registered in that day. */
export const registerBirth = (world: World, unit: Unit, child: SimPerson, name: string, relation: RelationToHead, parents: readonly SimPerson[], placeOfBirth: string, date: IsoDate, recordedOn: IsoDate): void => {
  const anchor = parents.find(isAlive) ?? [...unit.persons.values()].find((p) => isAlive(p) && p.householdId !== '' && p !== child);
  const household = (anchor && householdOf(world, unit, anchor)) ?? householdOf(world, unit, child);
  if (!household || household.t.state.status !== 'active') return;
  const father = parents.find((p) => p.sex === 'male' && p.t.state.status !== 'unregistered');
  const mother = parents.find((p) => p.sex === 'female' && p.t.state.status !== 'unregistered');
  const cutover = cutoverOf(household.regionCode);
  const born = world.ledger.person(child.t, {
    type: 'RegisterBirth', citizenId: child.id, name, sex: child.sex, dateOfBirth: child.dateOfBirth, placeOfBirth, household: contextOf(household),
    ...(father || mother ? { parents: { ...(father ? { fatherId: father.id } : {}), ...(mother ? { motherId: mother.id } : {}) } } : {}),
    relationToHead: household.kind === 'family' ? relation : 'collective-member',
    registrationType: cutover && cutover.date <= date ? 'resident' : mother ? typeOf(mother) : 'agricultural', jurisdiction: jurisdictionOf(household.regionCode),
    effectiveDate: date, now: world.now,
  }, countyOf(household.regionCode), 'registrar', recordedOn);
  if (born.length === 0) return;
  child.householdId = household.id;
  if (household.kind === 'family') household.members.push(child.id);
};

/** The principal's spouse, child or parent as the documents' follower rules name them (随迁); anyone else does not follow. */
const followerOf = (principal: SimPerson, p: SimPerson, date: IsoDate): FollowerApplication | undefined => {
  const age = yearsBetween(p.dateOfBirth, date);
  const recorded = p.t.state.status === 'registered' ? p.t.state.relationToHead : undefined;
  const relation = p.id === principal.spouse || recorded === 'spouse' ? 'spouse' : recorded === 'parent' ? 'parent' : recorded === 'child' ? 'child' : undefined;
  return relation && { personRef: p.id, relation, coResiding: true, consents: true, minor: age < 18, married: relation === 'spouse' || p.spouse !== undefined, hasIncome: age >= 20 };
};

/**
 * 落户 of a dwelling that came on permits: one application by the head with the family as followers (随迁), a
 * home of their own (a new family household) or, for a single worker, the community's collective household
 * (社区公共户口). Whoever the rules do not admit keeps the permit and lives on where they are.
 */
export const settle = (world: World, unit: Unit, dw: Dwelling, movers: readonly SimPerson[], date: IsoDate): void => {
  const [principal, ...others] = movers.filter((p) => isAlive(p) && p.t.state.status === 'registered');
  if (!principal) return;
  const family = others.filter((p) => followerOf(principal, p, date) !== undefined); // the others keep their permits
  const { random } = world;
  const months = Math.max(12, Math.round(yearsBetween(dw.arrival ?? world.start, date) * 12));
  const owned = dw.kind === 'family';
  const application: SettlementApplication = {
    applicationRef: `app-${random.uuid().slice(0, 13)}`, applicant: principal.id, ownApplication: true, consentRef: `consent-${principal.id}-${date}`,
    category: random.chance(0.3) ? 'migrant-worker' : 'general',
    residence: { kind: owned ? 'owned' : 'rented', sameAddressMonths: months, rentalRegistered: true },
    employment: { legalStableEmployment: true, contractMonths: months }, urbanSocialInsuranceMonths: months, continuousResidenceMonths: months,
    ruralOrigin: typeOf(principal) === 'agricultural', originRegionCode: regionOf(principal), followers: family.map((p) => followerOf(principal, p, date)!), keepsRuralLandRights: true,
  };
  const decision = decideSettlement(application, dw.unit.code, date);
  if (decision) carryOutSettlement(world, unit, application, decision, principal, family, dw.unit, owned, (mover) => (mover === principal ? 'head' : followerOf(principal, mover, date)!.relation), date);
};
