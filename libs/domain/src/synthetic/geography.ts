import { SEED_CUTOVERS, seedCutoverOf } from '../jurisdiction/seed';
import { isUrbanClass, regionCatalog, type VillageRegion } from '../regions';
import { type Random } from './random';

/** One population group of the synthetic city: a jurisdiction's villages, split by urban-rural class. */
export interface Group {
  readonly name: string;
  readonly prefix: string;
  /** A prefix inside `prefix` that belongs to another group ('' for none). */
  readonly exclude: string;
  /** Share of the initial population. */
  readonly weight: number;
  /** Share of the initial population registered in urban-classed units (户籍人口城镇化率 at the start). */
  readonly urbanShare: number;
  /** Weight as a destination of migrants from elsewhere. */
  readonly attraction: number;
  readonly urban: readonly VillageRegion[];
  readonly rural: readonly VillageRegion[];
}

/** 统一城乡户口登记 cut-overs from the seed documents (RULES.md §1): the most specific prefix applies. */
/** The seed documents' cut-overs (统一城乡户口登记), the most specific first for `cutoverOf`. */
export const CUTOVERS = SEED_CUTOVERS;

export const cutoverOf = seedCutoverOf;

const SPEC = [
  { name: 'zhengzhou', prefix: '4101', exclude: '', weight: 0.25, urbanShare: 0.55, attraction: 0.4 },
  { name: 'henan', prefix: '41', exclude: '4101', weight: 0.3, urbanShare: 0.25, attraction: 0.05 },
  { name: 'chenzhou', prefix: '4310', exclude: '', weight: 0.08, urbanShare: 0.35, attraction: 0.1 },
  { name: 'wenzhou', prefix: '3303', exclude: '', weight: 0.14, urbanShare: 0.45, attraction: 0.2 },
  { name: 'harbin', prefix: '2301', exclude: '', weight: 0.11, urbanShare: 0.5, attraction: 0.2 },
  { name: 'heilongjiang', prefix: '23', exclude: '2301', weight: 0.12, urbanShare: 0.4, attraction: 0.05 },
] as const;

/** The groups with their village pools (built once from the region catalogue). */
export const buildGroups = (): readonly Group[] =>
  SPEC.map((s) => {
    const villages = regionCatalog().villagesWithin(s.prefix).filter((v) => s.exclude === '' || !v.code.startsWith(s.exclude));
    return { ...s, urban: villages.filter((v) => isUrbanClass(v.class)), rural: villages.filter((v) => !isUrbanClass(v.class)) };
  });

export const drawGroup = (random: Random, groups: readonly Group[]): Group => groups[random.weighted(groups.map((g) => g.weight))]!;

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
  groups.find((g) => regionCode.startsWith(g.prefix) && (g.exclude === '' || !regionCode.startsWith(g.exclude)))!;
