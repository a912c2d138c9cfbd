import { SEED_CUTOVERS, seedCutoverOf } from '../jurisdiction/seed';
import { isUrbanClass, regionCatalog, type VillageRegion } from '../regions';
import { groupTargets } from './calibration/targets';
import { type Random } from './random';

/** One population group of the synthetic city: a jurisdiction's villages, split by urban-rural class. */
export interface Group {
  readonly name: string;
  readonly prefix: string;
  /** Prefixes inside `prefix` that belong to other groups. */
  readonly excludes: readonly string[];
  /** Weight as a destination of migrants from elsewhere. */
  readonly attraction: number;
  readonly urban: readonly VillageRegion[];
  readonly rural: readonly VillageRegion[];
}

/** The seed documents' cut-overs (统一城乡户口登记), the most specific first for `cutoverOf`. */
export const CUTOVERS = SEED_CUTOVERS;

export const cutoverOf = seedCutoverOf;

/** Weight of each group as a destination of migrants after census day (the capital and the coastal city draw most). */
const ATTRACTION: Readonly<Record<string, number>> = { zhengzhou: 0.4, henan: 0.05, chenzhou: 0.1, wenzhou: 0.2, harbin: 0.2, heilongjiang: 0.05 };

/** The groups with their village pools (built once from the region catalogue), one per census area less the areas inside it. */
export const buildGroups = (): readonly Group[] =>
  groupTargets().map((t) => {
    const villages = regionCatalog().villagesWithin(t.prefix).filter((v) => !t.excludes.some((x) => v.code.startsWith(x)));
    return { name: t.name, prefix: t.prefix, excludes: t.excludes, attraction: ATTRACTION[t.name] ?? 0.05, urban: villages.filter((v) => isUrbanClass(v.class)), rural: villages.filter((v) => !isUrbanClass(v.class)) };
  });

/** Where a migrant from `origin` settles: mostly the urban units of their own group, else another city. */
export const drawDestination = (random: Random, groups: readonly Group[], origin: Group): VillageRegion => {
  const group = random.chance(0.6) ? origin : groups[random.weighted(groups.map((g) => g.attraction))]!;
  return random.pick(group.urban.length > 0 ? group.urban : group.rural);
};

/** A unit in another county (for a residence permit, 居住证): an urban unit of a random city. */
export const drawElsewhere = (random: Random, groups: readonly Group[], county: string): VillageRegion | undefined => {
  const group = groups[random.weighted(groups.map((g) => g.attraction))]!;
  const unit = random.pick(group.urban);
  return unit.code.startsWith(county) ? undefined : unit;
};

export const groupOf = (groups: readonly Group[], regionCode: string): Group =>
  groups.find((g) => regionCode.startsWith(g.prefix) && !g.excludes.some((x) => regionCode.startsWith(x)))!;
