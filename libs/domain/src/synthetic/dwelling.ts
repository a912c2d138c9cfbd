import { type RelationToHead, type Sex } from '../../../../events';
import { seedSteps } from '../jurisdiction/seed';
import { countyOf, type VillageRegion } from '../regions';
import { addDays, type IsoDate } from '../shared/dates';
import { FAMILY_SIZE_SHAPE_2010 } from './calibration/national-2020';
import { CENSUS_DAY, type GroupPlan } from './plan';
import { OLDEST } from './pyramid';
import { type Random } from './random';

/** How a census-day household came to live where it does (see `GroupDynamics`). */
export type Arrangement = 'local' | 'actual' | 'settled' | 'permit';

/** A person of the plan: born on `dateOfBirth`; `diedOn` for those who died before census day (they are not residents). */
export interface Planned {
  readonly relation: RelationToHead;
  readonly sex: Sex;
  readonly dateOfBirth: IsoDate;
  readonly diedOn?: IsoDate;
  /** Registered in this household but living, on census day, as a collective resident elsewhere (a student, a dormitory worker). */
  readonly away?: { readonly unit: VillageRegion; readonly basis: 'stable-employment' | 'continuous-study'; readonly since: IsoDate };
}

/** 住户: a household as the census finds it — where it lives, who lives there, and where their hukou was in 2010. */
export interface Dwelling {
  readonly group: GroupPlan;
  readonly kind: 'family' | 'collective';
  readonly unit: VillageRegion;
  readonly home: VillageRegion;
  readonly arrangement: Arrangement;
  /** First day living at `unit` (permit, settled, actual); for `settled`, the day the hukou moved too. */
  readonly arrival?: IsoDate;
  readonly settledOn?: IsoDate;
  readonly members: readonly Planned[];
}

const START_OF_MOVES = '2010-03-01';

export const dayBetween = (random: Random, from: IsoDate, to: IsoDate): IsoDate => {
  const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return addDays(from, span <= 0 ? 0 : random.int(0, span));
};

/** A date of birth giving `age` completed years on census day. */
const bornAged = (random: Random, age: number): IsoDate => addDays(CENSUS_DAY, -Math.floor(age * 365.2425) - random.int(1, 364));

/** The sex of the next resident, steered to the group's sex ratio. */
const steeredSex = (random: Random, g: GroupPlan): Sex => (random.next() * Math.max(1, g.left.persons) < g.left.males ? 'male' : 'female');

const count = (g: GroupPlan, sex: Sex, urban: boolean): void => {
  g.left.persons--;
  if (sex === 'male') g.left.males--;
  if (urban) g.left.urban--;
};

/** The unit a dwelling of `size` lives in: urban or rural steered to the group's urban share. */
const drawUnit = (random: Random, g: GroupPlan, size: number): { unit: VillageRegion; urban: boolean } => {
  const urban = g.rural.length === 0 || (g.urban.length > 0 && random.next() * Math.max(1, g.left.persons) < g.left.urban + size / 2);
  return { unit: random.pick(urban ? g.urban : g.rural), urban };
};

/** A family size with the 2010 national shape tilted so its mean is what the group still needs (persons ÷ households left). */
const familySize = (random: Random, g: GroupPlan): number => {
  const { familyPersons, families } = g.left;
  if (families <= 1) return Math.max(1, Math.min(10, familyPersons));
  const target = familyPersons / families;
  const shares = FAMILY_SIZE_SHAPE_2010.shares;
  const meanAt = (t: number): number => {
    let w = 0, m = 0;
    shares.forEach((s, i) => { const x = s * Math.exp(t * (i + 1)); w += x; m += x * (i + 1); });
    return m / w;
  };
  let [lo, hi] = [-4, 4];
  for (let i = 0; i < 30; i++) { const mid = (lo + hi) / 2; if (meanAt(mid) < target) lo = mid; else hi = mid; }
  const size = 1 + random.weighted(shares.map((s, i) => s * Math.exp(lo * (i + 1))));
  return Math.max(1, Math.min(size, familyPersons - (families - 1)));
};

const policyDates = seedSteps().flatMap((s) => (s.kind === 'policy' ? [{ prefix: s.prefix, from: s.effectiveDate }] : []));

/** The first day the destination's settlement policy is in force (the registry holds no earlier one). */
const policyFrom = (code: string): IsoDate | undefined =>
  policyDates.filter((p) => code.startsWith(p.prefix)).sort((a, b) => b.prefix.length - a.prefix.length || (a.from < b.from ? -1 : 1))[0]?.from;

/** A unit of an origin group in another county than `unit`, mostly rural (where incomers' hukou is). */
const drawOrigin = (random: Random, plans: readonly GroupPlan[], g: GroupPlan, unit: VillageRegion): VillageRegion | undefined => {
  const names = Object.keys(g.dynamics.origins);
  if (names.length === 0) return undefined;
  for (let tries = 0; tries < 6; tries++) {
    const name = names[random.weighted(names.map((n) => g.dynamics.origins[n]!))]!;
    const origin = plans.find((p) => p.targets.name === name);
    if (!origin) continue;
    const pool = origin.rural.length > 0 && random.chance(0.8) ? origin.rural : origin.urban.length > 0 ? origin.urban : origin.rural;
    const home = random.pick(pool);
    if (countyOf(home.code) !== countyOf(unit.code)) return home;
  }
  return undefined;
};

interface Moves { readonly arrangement: Arrangement; readonly home: VillageRegion; readonly arrival?: IsoDate; readonly settledOn?: IsoDate }

/** How the dwelling came to `unit`: permit, settlement (after the destination's policy took effect), actual residence, or always there. */
const drawMoves = (random: Random, plans: readonly GroupPlan[], g: GroupPlan, unit: VillageRegion, urban: boolean, collective: boolean): Moves => {
  const { permit, settled, actual } = g.dynamics;
  const r = random.next();
  const local: Moves = { arrangement: 'local', home: unit };
  if (!collective && r >= permit + settled) {
    if (r >= permit + settled + actual || !urban) return local;
    const villages = g.ruralByCounty.get(countyOf(unit.code)) ?? [];
    return villages.length === 0 ? local : { arrangement: 'actual', home: random.pick(villages), arrival: dayBetween(random, START_OF_MOVES, addDays(CENSUS_DAY, -30)) };
  }
  if (collective && r >= g.dynamics.awayCollective) return local;
  const home = drawOrigin(random, plans, g, unit);
  if (!home) return local;
  const arrival = dayBetween(random, START_OF_MOVES, addDays(CENSUS_DAY, -60));
  const policy = policyFrom(unit.code);
  const earliest = policy && policy > addDays(arrival, 365) ? policy : addDays(arrival, 365);
  const settles = (collective ? random.chance(0.3) : r >= permit) && policy !== undefined && earliest < addDays(CENSUS_DAY, -30);
  return settles ? { arrangement: 'settled', home, arrival, settledOn: dayBetween(random, earliest, addDays(CENSUS_DAY, -30)) } : { arrangement: 'permit', home, arrival };
};

type Member = { relation: RelationToHead; age: number; sex: Sex };

/**
 * 家庭户 members by size: a head, usually a spouse, sometimes the head's parents, then children (or an adult
 * child's family). A member whose ages the group has used up joins as another relative of any age left; only a
 * head, who must have been an adult on the start date, may overdraw the quota (when no such age is left at all).
 */
const familyMembers = (random: Random, g: GroupPlan, size: number): Member[] => {
  const members: Member[] = [];
  const other = (s: Sex): Sex => (s === 'male' ? 'female' : 'male');
  /** Adds a member aged within [lo, hi] (else within [min, max]); undefined when it joined as another relative instead. */
  const add = (relation: RelationToHead, lo: number, hi: number, min: number, max: number, sex: Sex = steeredSex(random, g)): Member | undefined => {
    const age = g.ages.tryDraw(random, Math.max(0, lo), Math.min(OLDEST, Math.max(lo, hi)), Math.max(0, min), Math.min(OLDEST, max));
    const member = age === undefined ? { relation: 'other-relative' as RelationToHead, age: g.ages.draw(random, 0, OLDEST), sex } : { relation, age, sex };
    members.push(member);
    return age === undefined ? undefined : member;
  };
  // Heads and spouses were adults on the start date (the household was imported then); couples with children at home are mostly young.
  const founder = g.foundingAge;
  const head = { relation: 'head' as RelationToHead, age: g.ages.draw(random, founder, size >= 3 ? Math.max(founder, 55) : OLDEST, founder, OLDEST), sex: steeredSex(random, g) };
  members.push(head);
  const spouse = size >= 2 && random.chance(0.86) ? add('spouse', head.age - 6, head.age + 6, founder, OLDEST, other(head.sex)) : undefined;
  if (size - members.length >= 1 && head.age >= 25 && head.age <= 62 && random.chance(size >= 4 ? 0.35 : 0.1)) {
    const sex = random.chance(0.5) ? 'male' : 'female';
    add('parent', head.age + 20, head.age + 40, head.age + 16, OLDEST, sex);
    if (size - members.length >= 2) add('parent', head.age + 20, head.age + 40, head.age + 16, OLDEST, other(sex));
  }
  const younger = Math.min(head.age, spouse?.age ?? head.age);
  if (younger <= 62) {
    while (members.length < size) add('child', younger - 42, Math.min(17, younger - 18), 0, younger - 16); // minors first: most children at home are
    return members;
  }
  if (members.length >= size) return members;
  const child = add('child', younger - 40, younger - 20, 16, younger - 16);
  if (members.length < size && child && child.age >= founder && random.chance(0.6)) add('child-in-law', child.age - 5, child.age + 5, founder, OLDEST, other(child.sex));
  while (members.length < size) add(child ? 'grandchild' : 'other-relative', (child?.age ?? 40) - 40, (child?.age ?? 40) - 18, 0, Math.max(0, (child?.age ?? 40) - 16));
  return members;
};

/** Someone of the household who died before census day (the registry's deaths of 2010–2020): the head's late spouse or a parent. */
const diedBeforeCensus = (random: Random, g: GroupPlan, head: { age: number; sex: Sex }, hasSpouse: boolean): Planned | undefined => {
  if (g.left.deaths <= 0 || !random.chance(Math.min(1, g.left.deaths / Math.max(1, g.left.families)))) return undefined;
  const diedOn = dayBetween(random, '2010-01-02', addDays(CENSUS_DAY, -1));
  const late = !hasSpouse && head.age >= 55;
  const headThen = head.age - Number(CENSUS_DAY.slice(0, 4)) + Number(diedOn.slice(0, 4)); // the head's age the year they died
  const ageAtDeath = late ? Math.max(60, headThen + random.int(-6, 6)) : Math.max(random.int(62, 96), headThen + 20);
  if (!late && (head.age < 25 || head.age > 70 || ageAtDeath > OLDEST)) return undefined;
  g.left.deaths--;
  const sex: Sex = late ? (head.sex === 'male' ? 'female' : 'male') : random.chance(0.55) ? 'male' : 'female';
  return { relation: late ? 'spouse' : 'parent', sex, dateOfBirth: addDays(diedOn, -Math.floor(ageAtDeath * 365.2425) - random.int(1, 364)), diedOn };
};

/** A student or dormitory worker living in a collective household of another group, registered with this family: taken from that group's quotas. */
const awayChild = (random: Random, plans: readonly GroupPlan[], home: VillageRegion, headAge: number): Planned | undefined => {
  const wanting = plans.filter((p) => p.left.awayCollective > 0);
  const want = wanting.reduce((s, p) => s + p.left.awayCollective, 0);
  const families = plans.reduce((s, p) => s + p.left.families, 0);
  if (want === 0 || !random.chance(Math.min(1, want / Math.max(1, families)))) return undefined;
  const d = wanting[random.weighted(wanting.map((p) => p.left.awayCollective))]!;
  const { unit, urban } = drawUnit(random, d, 1);
  if (countyOf(unit.code) === countyOf(home.code)) return undefined;
  if (headAge < 34) return undefined;
  const age = d.ages.tryDraw(random, 16, Math.min(26, headAge - 18), 16, headAge - 18);
  if (age === undefined) return undefined;
  const sex = steeredSex(random, d);
  d.left.awayCollective--;
  count(d, sex, urban);
  const dateOfBirth = bornAged(random, age);
  const last = addDays(CENSUS_DAY, -45);
  const grown = addDays(dateOfBirth, Math.floor(15.5 * 365.2425)); // left home at fifteen or later
  const since = dayBetween(random, [START_OF_MOVES, grown < last ? grown : last].sort()[1]!, last);
  return { relation: 'child', sex, dateOfBirth, away: { unit, basis: age <= 22 ? 'continuous-study' : 'stable-employment', since } };
};

/** The next family dwelling of group `g`, its members and the moves behind it taken from the group's quotas. */
export const familyDwelling = (random: Random, plans: readonly GroupPlan[], g: GroupPlan): Dwelling => {
  const size = familySize(random, g);
  const { unit, urban } = drawUnit(random, g, size);
  const specs = familyMembers(random, g, size);
  g.left.families--;
  g.left.familyPersons -= size;
  for (const m of specs) count(g, m.sex, urban);
  const moves = drawMoves(random, plans, g, unit, urban, false);
  const members: Planned[] = specs.map((m) => ({ relation: m.relation, sex: m.sex, dateOfBirth: bornAged(random, m.age) }));
  const departed = diedBeforeCensus(random, g, specs[0]!, specs.some((m) => m.relation === 'spouse'));
  if (departed) members.push(departed);
  const away = moves.arrangement === 'permit' || specs[0]!.age < 40 || specs[0]!.age > 65 ? undefined : awayChild(random, plans, moves.home, specs[0]!.age);
  if (away) members.push(away);
  return { group: g, kind: 'family', unit, members, ...moves };
};

/** The next collective-household resident (集体户: campus, dormitory, 社区公共户口) of group `g`, from what its quotas have left. */
export const collectiveResident = (random: Random, plans: readonly GroupPlan[], g: GroupPlan): Dwelling => {
  const { unit, urban } = drawUnit(random, g, 1);
  const age = g.ages.tryDraw(random, 15, OLDEST, 15, OLDEST) ?? g.ages.draw(random, 0, OLDEST); // students, workers, residents of homes; a child only if families left one
  const sex = steeredSex(random, g);
  count(g, sex, urban);
  const adult = age >= g.foundingAge; // an adult on the start date: able to hold a household of their own at the origin
  const moves = adult ? drawMoves(random, plans, g, unit, urban, true) : { arrangement: 'local' as const, home: unit };
  if (moves.arrangement !== 'local' && g.left.awayCollective > 0) g.left.awayCollective--;
  return { group: g, kind: 'collective', unit, members: [{ relation: 'collective-member', sex, dateOfBirth: bornAged(random, age) }], ...moves };
};
