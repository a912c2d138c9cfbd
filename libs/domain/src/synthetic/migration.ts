import { type RelationToHead } from '../../../../events';
import { type FollowerApplication, type SettlementApplication, type SettlementCategory, type SettlementDecision, evaluateSettlement } from '../policy';
import { type IsoDate, yearsBetween } from '../shared/dates';
import { isDomainError } from '../shared/errors';
import { cutoverOf, drawDestination, groupOf } from './geography';
import { collectiveHousehold, establishedCollective, leaveHousehold, newFamilyHousehold } from './household-life';
import { contextOf, countyOf, isAlive, regionOf, type SimHousehold, type SimPerson, typeOf, type Unit, type World } from './world';

export const householdOf = (world: World, unit: Unit, p: SimPerson): SimHousehold | undefined =>
  unit.households.get(p.householdId) ?? establishedCollective(world, p.householdId);

/** Co-residing family who may ask to follow (随迁): the spouse and the children in the same household. */
interface Follower {
  readonly person: SimPerson;
  readonly follower: FollowerApplication;
}

const familyOf = (unit: Unit, applicant: SimPerson, date: IsoDate): Follower[] =>
  [...unit.persons.values()].flatMap((p): Follower[] => {
    if (p === applicant || !isAlive(p) || p.householdId !== applicant.householdId || p.t.state.status !== 'registered') return [];
    const age = yearsBetween(p.dateOfBirth, date);
    if (p.id === applicant.spouse) return [{ person: p, follower: { personRef: p.id, relation: 'spouse', coResiding: true, consents: true, married: true, hasIncome: true } }];
    const relation = p.t.state.relationToHead;
    const isChild = applicant.t.state.status === 'registered' && ['head', 'spouse'].includes(applicant.t.state.relationToHead) ? relation === 'child' : false;
    if (!isChild) return [];
    return [{ person: p, follower: { personRef: p.id, relation: 'child', coResiding: true, consents: true, minor: age < 18, married: age >= 25 && p.spouse !== undefined, hasIncome: age >= 20 } }];
  });

const drawApplication = (world: World, family: readonly Follower[], applicant: SimPerson, date: IsoDate): SettlementApplication => {
  const { random } = world;
  const age = yearsBetween(applicant.dateOfBirth, date);
  const category: SettlementCategory = age <= 30 && random.chance(0.25) ? 'graduate' : random.chance(0.5) ? 'migrant-worker' : 'general';
  const kinds = ['owned', 'rented', 'none'] as const;
  return {
    applicationRef: `app-${random.uuid().slice(0, 13)}`, applicant: applicant.id, ownApplication: true, consentRef: `consent-${applicant.id}-${date}`, category,
    residence: { kind: kinds[random.weighted([30, 55, 15])]!, sameAddressMonths: random.int(0, 48), rentalRegistered: random.chance(0.7) },
    employment: { legalStableEmployment: random.chance(0.75), contractMonths: random.int(0, 36) },
    urbanSocialInsuranceMonths: random.int(0, 60), continuousResidenceMonths: random.int(0, 72), ruralOrigin: typeOf(applicant) === 'agricultural',
    originRegionCode: regionOf(applicant), followers: family.map((f) => f.follower), keepsRuralLandRights: true,
  };
};

/** The destination's decision on an application, or undefined where the engine cannot decide it (no such region …). */
export const decideSettlement = (application: SettlementApplication, regionCode: string, date: IsoDate): SettlementDecision | undefined => {
  try {
    return evaluateSettlement(application, { regionCode }, date);
  } catch (error) {
    if (isDomainError(error)) return undefined;
    throw error;
  }
};

/**
 * Records a decided application (户口迁移): a refusal on the applicant's stream with every unmet condition, or
 * the moves of the applicant and the admitted followers into a home of their own (`owned`: a new family
 * household) or the destination's 社区公共户口. A decision the registry holds no policy for records nothing.
 */
export const carryOutSettlement = (world: World, unit: Unit, application: SettlementApplication, decision: SettlementDecision, applicant: SimPerson, family: readonly SimPerson[], destination: { readonly code: string; readonly name: string }, owned: boolean, relationOf: (mover: SimPerson) => RelationToHead, date: IsoDate): void => {
  if (decision.outcome === 'refused' && decision.code === 'SETTLEMENT.NO_POLICY') return;
  const cutover = cutoverOf(destination.code);
  const at = {
    effectiveDate: date, now: world.now, applicationRef: application.applicationRef, ownApplication: true, destinationRegionCode: destination.code,
    destinationJurisdiction: cutover ? { cutoverDate: cutover.date, prefix: cutover.prefix, documentNo: cutover.documentNo } : {},
  } as const;
  const office = countyOf(destination.code);
  if (decision.outcome === 'refused') {
    const { category, code, unmet } = decision;
    world.ledger.person(applicant.t, { type: 'Migrate', ...at, consentRef: application.consentRef ?? '', to: { status: 'missing', householdId: '-' }, relationToHead: 'other', admission: { outcome: 'refused', category, code, policy: decision.policy ?? null, unmet } }, office);
    return;
  }
  const target = owned ? newFamilyHousehold(world, unit, destination.code, destination.name, applicant.id, date) : collectiveHousehold(world, destination.code, destination.name, 'community-collective');
  const admitted = new Set(decision.followers.filter((f) => f.admitted).map((f) => f.personRef));
  const admission = { outcome: 'admitted', category: decision.category, policy: decision.policy, ruleId: decision.ruleId } as const;
  for (const mover of [applicant, ...family.filter((p) => admitted.has(p.id))]) {
    const source = householdOf(world, unit, mover);
    const moved = world.ledger.person(mover.t, {
      type: 'Migrate', ...at, consentRef: `consent-${mover.id}-${date}`, to: contextOf(target), relationToHead: owned ? relationOf(mover) : 'collective-member', admission,
      ...(mover === applicant ? {} : { principalApplicant: applicant.id }),
    }, office);
    if (moved.length === 0) continue;
    if (source) leaveHousehold(world, unit, source, mover, date, 'moved-out');
    mover.householdId = target.id;
    if (target.kind === 'family') target.members.push(mover.id);
    if (mover.permit && mover.t.state.status === 'registered' && !mover.t.state.permits.some((h) => h.permitNo === mover.permit?.permitNo)) mover.permit = undefined;
  }
};

/**
 * 户口迁移 by application. Applications are only made where a policy is in force (the registry holds no
 * earlier policies); a refusal is recorded; on admission the family members admitted to follow move too.
 */
export const migrate = (world: World, unit: Unit, applicant: SimPerson, date: IsoDate): void => {
  if (!isAlive(applicant)) return;
  const origin = regionOf(applicant);
  const destination = drawDestination(world.random, world.groups, groupOf(world.groups, origin));
  if (destination.code === origin) return;
  const family = familyOf(unit, applicant, date);
  const application = drawApplication(world, family, applicant, date);
  const decision = decideSettlement(application, destination.code, date);
  if (!decision) return;
  const relationOf = (mover: SimPerson): RelationToHead => (mover === applicant ? 'head' : mover.id === applicant.spouse ? 'spouse' : 'child');
  carryOutSettlement(world, unit, application, decision, applicant, family.map((f) => f.person), destination, application.residence.kind === 'owned', relationOf, date);
};

/** A person arriving in a jurisdiction already cut over is registered as resident (统一登记为居民户口). */
export const unifyIfCutOver = (world: World, p: SimPerson, date: IsoDate): void => {
  const cutover = cutoverOf(regionOf(p));
  if (!cutover || cutover.date > date || typeOf(p) === 'resident') return;
  const recordedOn = p.knownFrom && p.knownFrom > date ? p.knownFrom : date; // not before the registry knew of the person
  world.ledger.person(p.t, { type: 'UnifyRegistrationType', jurisdiction: { cutoverDate: cutover.date, prefix: cutover.prefix, documentNo: cutover.documentNo }, effectiveDate: date, now: world.now }, countyOf(regionOf(p)), 'registrar', recordedOn);
};
