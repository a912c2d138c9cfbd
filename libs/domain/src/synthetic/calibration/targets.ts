import { type AgeShares, CENSUS_2020, type CensusArea } from './census-2020';
import { NATIONAL_2020 } from './national-2020';

/** Where a generation target came from: the area's bulletin, a subtraction of bulletins, or a stand-in. */
export type TargetBasis = 'census' | 'derived' | 'stand-in';

export interface Target<T> {
  readonly value: T;
  readonly basis: TargetBasis;
  /** For a stand-in: whose figure it is and why. */
  readonly note?: string;
}

/**
 * 生成目标: what one group of the synthetic city must look like on census day. A group is a census area
 * less the areas inside it (Henan without Zhengzhou), so the groups tile the jurisdictions without overlap.
 */
export interface GroupTargets {
  readonly name: string;
  /** The group's region prefix, and the prefixes inside it that belong to other groups. */
  readonly prefix: string;
  readonly excludes: readonly string[];
  readonly residents: number;
  /** Urban share of residents, 0–1. */
  readonly urbanShare: Target<number>;
  readonly ages: Target<AgeShares>;
  /** Males per 100 females. */
  readonly sexRatio: Target<number>;
  /** Share of residents in collective households (集体户), 0–1. */
  readonly collectiveShare: Target<number>;
  readonly meanFamilySize: Target<number>;
}

interface Households { readonly familyHouseholds: number; readonly familyPersons: number; readonly collectivePersons: number }

const householdsOf = (a: CensusArea): Households | undefined =>
  a.familyHouseholds !== undefined && a.familyPersons !== undefined && a.collectivePersons !== undefined
    ? { familyHouseholds: a.familyHouseholds, familyPersons: a.familyPersons, collectivePersons: a.collectivePersons }
    : undefined;

const enclosing = (a: CensusArea, areas: readonly CensusArea[]): CensusArea | undefined =>
  areas.filter((b) => b !== a && a.code.startsWith(b.code)).sort((x, y) => y.code.length - x.code.length)[0];

/** An area's own figure, else the enclosing area's, else the national one (a stand-in, named). */
const resolved = <T>(a: CensusArea, areas: readonly CensusArea[], own: (x: CensusArea) => T | null | undefined, national: T, what: string): Target<T> => {
  const mine = own(a);
  if (mine !== null && mine !== undefined) return { value: mine, basis: 'census' };
  const outer = enclosing(a, areas);
  const theirs = outer ? own(outer) : undefined;
  if (outer && theirs !== null && theirs !== undefined) return { value: theirs, basis: 'stand-in', note: `${what}: ${a.name}'s bulletin figure not found; ${outer.name}'s used` };
  return { value: national, basis: 'stand-in', note: `${what}: ${a.name}'s bulletin figure not found; the national figure used` };
};

const areaTargets = (a: CensusArea, areas: readonly CensusArea[]) => {
  const households = resolved(a, areas, householdsOf, NATIONAL_2020 as Households, 'households');
  const h = households.value;
  const scale = <T>(t: Target<T>, value: number): Target<number> => ({ value, basis: t.basis, ...(t.note ? { note: t.note } : {}) });
  return {
    residents: a.residents,
    urbanShare: resolved(a, areas, (x) => (x.urbanShare === null ? null : x.urbanShare / 100), NATIONAL_2020.urbanShare / 100, 'urban share'),
    ages: resolved(a, areas, (x) => x.ages, NATIONAL_2020.ages, 'ages'),
    sexRatio: resolved(a, areas, (x) => x.sexRatio, NATIONAL_2020.sexRatio, 'sex ratio'),
    collectiveShare: scale(households, h.collectivePersons / (h.familyPersons + h.collectivePersons)),
    meanFamilySize: scale(households, h.familyPersons / h.familyHouseholds),
    familyHouseholdsPerResident: h.familyHouseholds / (h.familyPersons + h.collectivePersons),
  };
};

type AreaTargets = ReturnType<typeof areaTargets>;

/** outer − Σ inner, weighted by residents (or by family households for the mean size). */
const less = (outer: AreaTargets, inner: readonly AreaTargets[]) => {
  const n = outer.residents - inner.reduce((s, i) => s + i.residents, 0);
  const minus = (f: (t: AreaTargets) => number, w: (t: AreaTargets) => number = (t) => t.residents) =>
    (f(outer) * w(outer) - inner.reduce((s, i) => s + f(i) * w(i), 0)) / (w(outer) - inner.reduce((s, i) => s + w(i), 0));
  const basis = <T>(pick: (t: AreaTargets) => Target<T>): TargetBasis => ([outer, ...inner].every((t) => pick(t).basis === 'census') ? 'derived' : 'stand-in');
  const derived = <T>(pick: (t: AreaTargets) => Target<T>, value: T): Target<T> => {
    const notes = [outer, ...inner].flatMap((t) => pick(t).note ?? []);
    return { value, basis: basis(pick), ...(notes.length > 0 ? { note: notes.join('; ') } : {}) };
  };
  const male = (t: AreaTargets) => t.sexRatio.value / (100 + t.sexRatio.value);
  const m = minus(male);
  const families = (t: AreaTargets) => t.familyHouseholdsPerResident * t.residents;
  return {
    residents: n,
    urbanShare: derived((t) => t.urbanShare, minus((t) => t.urbanShare.value)),
    ages: derived((t) => t.ages, {
      under15: minus((t) => t.ages.value.under15), from15to59: minus((t) => t.ages.value.from15to59),
      over60: minus((t) => t.ages.value.over60), over65: minus((t) => t.ages.value.over65),
    }),
    sexRatio: derived((t) => t.sexRatio, (100 * m) / (1 - m)),
    collectiveShare: derived((t) => t.collectiveShare, minus((t) => t.collectiveShare.value)),
    meanFamilySize: derived((t) => t.meanFamilySize, minus((t) => t.meanFamilySize.value, families)),
  };
};

const NAMES: Readonly<Record<string, string>> = { '4101': 'zhengzhou', '41': 'henan', '4310': 'chenzhou', '3303': 'wenzhou', '23': 'heilongjiang', '2301': 'harbin' };

/** The groups of the synthetic city and their census-day targets, from the census areas (default: the 2020 bulletins). */
export const groupTargets = (areas: readonly CensusArea[] = CENSUS_2020): GroupTargets[] =>
  areas.map((a) => {
    const inner = areas.filter((b) => b !== a && b.code.startsWith(a.code));
    const own = areaTargets(a, areas);
    const t = inner.length === 0 ? own : less(own, inner.map((i) => areaTargets(i, areas)));
    const { residents, urbanShare, ages, sexRatio, collectiveShare, meanFamilySize } = t;
    return { name: NAMES[a.code] ?? a.code, prefix: a.code, excludes: inner.map((i) => i.code), residents, urbanShare, ages, sexRatio, collectiveShare, meanFamilySize };
  });
