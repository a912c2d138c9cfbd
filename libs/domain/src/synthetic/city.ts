import { catalogueFloorsFor, seedSteps } from '../jurisdiction/seed';
import { addDays, type IsoDate } from '../shared/dates';
import { backcast } from './backcast';
import { collectiveResident, type Dwelling, familyDwelling } from './dwelling';
import { buildGroups } from './geography';
import { CitizenIdAllocator, HouseholdIds } from './ids';
import { Ledger, type SyntheticRecord, trackJurisdiction } from './ledger';
import { liveUnit } from './life';
import { CENSUS_DAY, EARLIEST_START, type GroupPlan, LATEST_START, planCity } from './plan';
import { type Random, seededRandom } from './random';
import { type World } from './world';

/** 合成城市: the options of a synthetic population history. */
export interface CityOptions {
  /**
   * How many residents (常住人口) the city has on census day (2020-11-01), shared among the jurisdictions in the
   * census's proportions; the history before (imports of 2010, births, deaths, moves) and after follows from them.
   */
  readonly persons: number;
  readonly seed: number;
  readonly start?: IsoDate;
  readonly end?: IsoDate;
}

export interface CitySummary {
  /** Residents planned for census day. */
  readonly residents: number;
  /** Persons registered on the start date (历史数据导入). */
  readonly imported: number;
  readonly households: number;
  readonly events: number;
  /** Events by type, and commands the rules refused (`refused <code>`). */
  readonly counts: Readonly<Record<string, number>>;
}

/** The jurisdictions' facts, as a fresh registry records them (`huji init`): the seed documents and their cut-overs. */
const jurisdictionFacts = (world: World): void => {
  const streams = new Map<string, ReturnType<typeof trackJurisdiction>>();
  const tracked = (prefix: string) => streams.get(prefix) ?? streams.set(prefix, trackJurisdiction(prefix)).get(prefix)!;
  for (const step of seedSteps()) {
    const at = { jurisdiction: step.prefix, effectiveDate: step.effectiveDate, now: world.now };
    world.ledger.jurisdiction(tracked(step.prefix), step.kind === 'policy'
      ? { type: 'EnactSettlementPolicy', ...at, policy: step.policy, superiorFloors: catalogueFloorsFor(step.policy) }
      : { type: 'DeclareUnificationCutover', ...at, cutoverDate: step.cutover.date, documentNo: step.cutover.documentNo }, step.prefix);
  }
};

/** The order codes of the city's ids come from a stream of their own, derived from the seed (see CitizenIdAllocator). */
const ORDER_CODE_STREAM = 0x5eed_0c0d;

/** The next group to draw a dwelling for, in proportion to what each still needs (`need`). */
const nextGroup = (random: Random, plans: readonly GroupPlan[], need: (g: GroupPlan) => number): GroupPlan | undefined => {
  const weights = plans.map((g) => Math.max(0, need(g)));
  return weights.some((w) => w > 0) ? plans[random.weighted(weights)] : undefined;
};

/** The census-day dwellings, one at a time: the family households first (they place the students and workers who live away), then the collective residents. */
function* dwellings(random: Random, plans: readonly GroupPlan[]): Generator<Dwelling> {
  for (let g = nextGroup(random, plans, (p) => p.left.families); g; g = nextGroup(random, plans, (p) => p.left.families)) yield familyDwelling(random, plans, g);
  for (let g = nextGroup(random, plans, (p) => p.left.persons); g; g = nextGroup(random, plans, (p) => p.left.persons)) yield collectiveResident(random, plans, g);
}

/**
 * A deterministic population history calibrated to the 2020 census, streamed as batches of records (one batch
 * per census-day dwelling and everyone it touches, so memory stays bounded): the jurisdictions' facts, then
 * dwelling after dwelling — its history back to the start date (backcast), then its life to the end date —
 * every event decided by the deciders.
 */
export function* generateCity(options: CityOptions): Generator<readonly SyntheticRecord[], CitySummary> {
  const start = options.start ?? '2010-01-01';
  const end = options.end ?? '2025-12-31';
  if (start < EARLIEST_START || start > LATEST_START || end <= CENSUS_DAY) throw new RangeError(`a calibrated history starts between ${EARLIEST_START} and ${LATEST_START} and ends after ${CENSUS_DAY}; got ${start}..${end}`);
  const random = seededRandom(options.seed);
  const plans = planCity(options.persons, start);
  const world: World = {
    random, ledger: new Ledger(random), groups: buildGroups(), ids: new CitizenIdAllocator(seededRandom(options.seed ^ ORDER_CODE_STREAM)), householdIds: new HouseholdIds(),
    collectives: new Set(), now: new Date(`${addDays(end, 1)}T00:00:00Z`), start, end, permits: 0, census: CENSUS_DAY, later: () => undefined,
  };
  let events = 0;
  let imported = 0;
  let households = 0;
  jurisdictionFacts(world);
  for (const dwelling of dwellings(random, plans)) {
    const unit = backcast(world, dwelling);
    liveUnit(world, unit);
    imported += dwelling.members.filter((m) => m.dateOfBirth < start).length;
    households++;
    const batch = world.ledger.drain();
    events += batch.length;
    if (batch.length > 0) yield batch;
  }
  const batch = world.ledger.drain();
  events += batch.length;
  if (batch.length > 0) yield batch;
  return { residents: options.persons, imported, households, events, counts: Object.fromEntries([...world.ledger.counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}
