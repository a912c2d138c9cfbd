import { type AgeShares, type CensusArea } from '../../libs/domain/src/synthetic/calibration/census-2020';
import { type HouseholdsOn, householdFigures } from './census-households';
import { type StatisticsCube } from './cube';
import { type Basis, headline } from './queries';
import { structure } from './structure';

/**
 * 普查对照: what the registry shows for a census area on the census day — the resident population (常住人口),
 * its urban share, age structure and sex ratio — next to the bulletin's figures. Ages come from the cube's
 * birth years (age reached in the census year), so a cohort born in November or December of a boundary year
 * falls on the older side: at most a sixth of one year's births, about 0.2 points of a share.
 */
export interface AreaFigures {
  readonly code: string;
  readonly residents: number;
  readonly registered: number;
  /** Urban share of the resident population, %. */
  readonly urbanShare: number | null;
  readonly ages: AgeShares | null;
  /** Males per 100 females of the resident population. */
  readonly sexRatio: number | null;
}

const percent = (part: number, whole: number): number => Math.round((10_000 * part) / whole) / 100;

/** The registry's figures for one area (a region prefix) on `date`, on the effective basis (what was true) or the recorded one (what the registry knew that day). */
export const areaFigures = (cube: StatisticsCube, code: string, date: string, basis: Basis = 'effective'): AreaFigures => {
  const h = headline(cube, { region: code, date, basis });
  const year = Number(date.slice(0, 4));
  const counts = { all: 0, under15: 0, from15to59: 0, over60: 0, over65: 0, male: 0, female: 0 };
  for (const c of structure(cube, { region: code, date, basis, measure: 'resident' })) {
    const age = year - c.birthYear;
    counts.all += c.count;
    if (age < 15) counts.under15 += c.count;
    else if (age < 60) counts.from15to59 += c.count;
    else counts.over60 += c.count;
    if (age >= 65) counts.over65 += c.count;
    if (c.sex === 'male') counts.male += c.count;
    else counts.female += c.count;
  }
  const ages = counts.all === 0 ? null : {
    under15: percent(counts.under15, counts.all), from15to59: percent(counts.from15to59, counts.all), over60: percent(counts.over60, counts.all), over65: percent(counts.over65, counts.all),
  };
  return {
    code, residents: h.resident.total, registered: h.registered.total, urbanShare: h.resident.total === 0 ? null : percent(h.resident.urban, h.resident.total), ages,
    sexRatio: counts.female === 0 ? null : Math.round((10_000 * counts.male) / counts.female) / 100,
  };
};

/** One line of the comparison: a figure on a basis, the registry's value, the census value, and the difference (registry − census). */
export interface ComparedFigure {
  readonly area: string;
  readonly basis: Basis;
  readonly figure: string;
  readonly registry: number | null;
  readonly census: number | null;
  readonly difference: number | null;
}

const round2 = (n: number): number => Math.round(100 * n) / 100;

const compared = (area: string, basis: Basis, figure: string, registry: number | null, census: number | null): ComparedFigure =>
  ({ area, basis, figure, registry, census, difference: registry === null || census === null ? null : round2(registry - census) });

/** The areas that do not contain one another (a province and the cities outside it): their residents are the whole. */
const topLevel = (areas: readonly CensusArea[]): CensusArea[] => areas.filter((a) => !areas.some((b) => b !== a && a.code.startsWith(b.code)));

/** The persons and households on census day, folded per basis (see `HouseholdsFold`): without them the household lines are left out. */
export type HouseholdsByBasis = Readonly<Partial<Record<Basis, HouseholdsOn>>>;

const householdLines = (a: CensusArea, basis: Basis, on: HouseholdsOn | undefined): ComparedFigure[] => {
  if (!on) return [];
  const f = householdFigures(on, a.code);
  const persons = f.familyPersons + f.collectivePersons;
  const census = a.familyPersons !== undefined && a.collectivePersons !== undefined ? { persons: a.familyPersons + a.collectivePersons, family: a.familyPersons } : undefined;
  return [
    compared(a.name, basis, 'family-household persons %', persons === 0 ? null : percent(f.familyPersons, persons), census ? percent(census.family, census.persons) : null),
    compared(a.name, basis, 'mean family household size', f.familyHouseholds === 0 ? null : round2(f.familyPersons / f.familyHouseholds), a.familyPersons !== undefined && a.familyHouseholds ? round2(a.familyPersons / a.familyHouseholds) : null),
  ];
};

/**
 * The comparison for every census area on each basis: its share of all the areas' residents (%, the registry's
 * scale is not the census's), urban share, age shares, sex ratio and — given the folded households — the share
 * of residents in family households (家庭户) and their mean size (see `householdFigures` for how the registry's
 * households stand in for the census's 住户).
 */
export const calibrationReport = (cube: StatisticsCube, areas: readonly CensusArea[], date: string, households: HouseholdsByBasis = {}, bases: readonly Basis[] = ['effective', 'recorded']): ComparedFigure[] =>
  bases.flatMap((basis) => {
    const figures = new Map(areas.map((a) => [a.code, areaFigures(cube, a.code, date, basis)]));
    const roots = topLevel(areas);
    const registryWhole = roots.reduce((n, a) => n + figures.get(a.code)!.residents, 0);
    const censusWhole = roots.reduce((n, a) => n + a.residents, 0);
    return areas.flatMap((a) => {
      const f = figures.get(a.code)!;
      return [
        compared(a.name, basis, 'share of residents %', registryWhole === 0 ? null : percent(f.residents, registryWhole), percent(a.residents, censusWhole)),
        compared(a.name, basis, 'urban share %', f.urbanShare, a.urbanShare),
        compared(a.name, basis, 'aged 0–14 %', f.ages?.under15 ?? null, a.ages?.under15 ?? null),
        compared(a.name, basis, 'aged 15–59 %', f.ages?.from15to59 ?? null, a.ages?.from15to59 ?? null),
        compared(a.name, basis, 'aged 60+ %', f.ages?.over60 ?? null, a.ages?.over60 ?? null),
        compared(a.name, basis, 'aged 65+ %', f.ages?.over65 ?? null, a.ages?.over65 ?? null),
        compared(a.name, basis, 'sex ratio (m per 100 f)', f.sexRatio, a.sexRatio),
        ...householdLines(a, basis, households[basis]),
      ];
    });
  });
