import { countyOf, isUrbanClass, regionCatalog, type VillageRegion } from '../regions';
import { type IsoDate, yearsBetween } from '../shared/dates';
import { DYNAMICS, type GroupDynamics, LOCAL } from './calibration/dynamics';
import { groupTargets, type GroupTargets } from './calibration/targets';
import { agePyramid } from './pyramid';
import { apportion, Quota } from './quota';

/** 第七次全国人口普查 standard moment: the day the generated city is built to match. */
export const CENSUS_DAY = '2020-11-01';

/** The latest start of a calibrated history: the moves behind the census-day population are planned from 2010 on. */
export const LATEST_START = '2010-01-01';

/**
 * The earliest: the households found on the start date are census day's (their heads adults by then), so an earlier
 * start makes every head older and leaves the young couples of 2020 — and the births after census day — to nobody.
 */
export const EARLIEST_START = '2005-01-01';

/** One group's census-day quotas, filled as the dwellings are drawn. */
export interface GroupPlan {
  readonly targets: GroupTargets;
  readonly dynamics: GroupDynamics;
  readonly residents: number;
  readonly collective: number;
  readonly familyHouseholds: number;
  readonly urban: readonly VillageRegion[];
  readonly rural: readonly VillageRegion[];
  /** The rural units of each county (for 实际居住登记: hukou in a village, living in the county town). */
  readonly ruralByCounty: ReadonlyMap<string, readonly VillageRegion[]>;
  readonly ages: Quota;
  /** The youngest census-day age of anyone who headed or married into a household on the start date (18 then). */
  readonly foundingAge: number;
  /** What is still to be placed (persons, family persons and households, urban persons, males, deaths before census day). */
  left: { persons: number; familyPersons: number; families: number; awayCollective: number; urban: number; males: number; deaths: number };
}

const villagesOf = (t: GroupTargets): VillageRegion[] =>
  regionCatalog().villagesWithin(t.prefix).filter((v) => !t.excludes.some((x) => v.code.startsWith(x)));

/** The groups' quotas for a city of `persons` census-day residents, shared out in census proportion. */
export const planCity = (persons: number, start: IsoDate = LATEST_START, targets: readonly GroupTargets[] = groupTargets()): GroupPlan[] => {
  const foundingAge = yearsBetween(start, CENSUS_DAY) + 19;
  const sizes = apportion(targets.map((t) => t.residents), persons);
  return targets.map((t, i) => {
    const residents = sizes[i]!;
    const dynamics = DYNAMICS[t.name] ?? LOCAL;
    const collective = Math.round(residents * t.collectiveShare.value);
    const familyPersons = residents - collective;
    const familyHouseholds = familyPersons === 0 ? 0 : Math.max(1, Math.round(familyPersons / t.meanFamilySize.value));
    const villages = villagesOf(t);
    const males = Math.round((residents * t.sexRatio.value) / (100 + t.sexRatio.value));
    const rural = villages.filter((v) => !isUrbanClass(v.class));
    const ruralByCounty = new Map<string, VillageRegion[]>();
    for (const v of rural) {
      const county = ruralByCounty.get(countyOf(v.code));
      if (county) county.push(v);
      else ruralByCounty.set(countyOf(v.code), [v]);
    }
    return {
      targets: t, dynamics, residents, collective, familyHouseholds, ruralByCounty, foundingAge,
      urban: villages.filter((v) => isUrbanClass(v.class)), rural,
      ages: new Quota(apportion(agePyramid(t.ages.value), residents)),
      left: {
        persons: residents, familyPersons, families: familyHouseholds, awayCollective: Math.round(collective * dynamics.awayCollective),
        urban: Math.round(residents * t.urbanShare.value), males, deaths: Math.round((residents * dynamics.deathRate * 10.83) / 1000),
      },
    };
  });
};

/** Total census-day residents for a scale of the real population (e.g. 0.001 = 1:1000). */
export const personsAtScale = (scale: number, targets: readonly GroupTargets[] = groupTargets()): number =>
  Math.round(targets.reduce((s, t) => s + t.residents, 0) * scale);
