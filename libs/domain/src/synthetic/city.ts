import { catalogueFloorsFor, seedSteps } from '../jurisdiction/seed';
import { addDays, type IsoDate } from '../shared/dates';
import { createUnit } from './family';
import { buildGroups } from './geography';
import { CitizenIdAllocator, HouseholdIds } from './ids';
import { Ledger, type SyntheticRecord, trackJurisdiction } from './ledger';
import { liveYear } from './life';
import { seededRandom } from './random';
import { type World } from './world';

/** 合成城市: the options of a synthetic population history. */
export interface CityOptions {
  /** How many persons the registry holds on the start date (历史数据导入); births and deaths follow. */
  readonly persons: number;
  readonly seed: number;
  readonly start?: IsoDate;
  readonly end?: IsoDate;
}

export interface CitySummary {
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

/**
 * A deterministic population history, streamed as batches of records (one batch per source household and
 * its descendants, so memory stays bounded): the jurisdictions' facts, then household after household
 * imported on the start date and lived year by year to the end date, every event decided by the deciders.
 */
export function* generateCity(options: CityOptions): Generator<readonly SyntheticRecord[], CitySummary> {
  const start = options.start ?? '2010-01-01';
  const end = options.end ?? '2025-12-31';
  const random = seededRandom(options.seed);
  const world: World = {
    random, ledger: new Ledger(random), groups: buildGroups(), ids: new CitizenIdAllocator(seededRandom(options.seed ^ ORDER_CODE_STREAM)), householdIds: new HouseholdIds(),
    collectives: new Map(), now: new Date(`${addDays(end, 1)}T00:00:00Z`), start, end, permits: 0,
  };
  let events = 0;
  let imported = 0;
  let households = 0;
  jurisdictionFacts(world);
  for (;;) {
    const batch = world.ledger.drain();
    events += batch.length;
    if (batch.length > 0) yield batch;
    if (imported >= options.persons) break;
    const unit = createUnit(world);
    imported += unit.persons.size;
    households++;
    for (let year = Number(start.slice(0, 4)); year <= Number(end.slice(0, 4)); year++) liveYear(world, unit, year);
  }
  return { imported, households, events, counts: Object.fromEntries([...world.ledger.counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}
