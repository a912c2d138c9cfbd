import { type StatisticsCube } from './cube';
import { exact, type Publish } from './perturbation';
import { type Basis, flowsSlices, headlineSlices } from './queries';
import { complete, type Sliced } from './slices';

/**
 * 规划目标: a measurable target of a policy document (RULES.md §3). Kinds:
 * - `registered-rate` / `resident-rate`: the urbanization rate at the end of `year` is at least `value` (%);
 * - `gap-narrowing`: the gap (resident − registered rate) at the end of `year` is at least `value`
 *   points narrower than at the end of `baseYear`;
 * - `registered-rate-gain`: the registered rate rises by at least `value` points in each year from
 *   `baseYear` + 1 to `year`;
 * - `rural-to-urban-per-year`: at least `value` moves from rural into urban units (转户) in each year
 *   from `baseYear` + 1 to `year`.
 */
export interface Target {
  readonly id: string;
  readonly jurisdiction: string;
  readonly documentNo: string;
  readonly kind: 'registered-rate' | 'resident-rate' | 'gap-narrowing' | 'registered-rate-gain' | 'rural-to-urban-per-year';
  readonly year: number;
  readonly baseYear?: number;
  readonly value: number;
  readonly text: string;
}

export const TARGETS: readonly Target[] = [
  { id: 'zz-2020-resident-rate', jurisdiction: '4101', documentNo: '郑政〔2017〕18号', kind: 'resident-rate', year: 2020, value: 75, text: '2020年常住人口城镇化率达到75%' },
  { id: 'zz-2020-registered-rate', jurisdiction: '4101', documentNo: '郑政〔2017〕18号', kind: 'registered-rate', year: 2020, value: 60, text: '2020年户籍人口城镇化率达到60%' },
  { id: 'zz-2020-gap', jurisdiction: '4101', documentNo: '郑政〔2017〕18号', kind: 'gap-narrowing', year: 2020, baseYear: 2015, value: 4, text: '两个城镇化率差距比2015年缩小4个百分点以上' },
  { id: 'ha-2020-registered-rate', jurisdiction: '41', documentNo: '豫政办〔2017〕27号', kind: 'registered-rate', year: 2020, value: 37, text: '2020年户籍人口城镇化率达到37%以上' },
  { id: 'ha-yearly-gain', jurisdiction: '41', documentNo: '豫政办〔2017〕27号', kind: 'registered-rate-gain', year: 2020, baseYear: 2016, value: 2, text: '户籍人口城镇化率年均提高2个百分点' },
  { id: 'ha-yearly-conversions', jurisdiction: '41', documentNo: '豫政办〔2017〕27号', kind: 'rural-to-urban-per-year', year: 2020, baseYear: 2016, value: 2_250_000, text: '每年转户225万人以上' },
  { id: 'ha-2020-gap', jurisdiction: '41', documentNo: '豫政办〔2017〕27号', kind: 'gap-narrowing', year: 2020, baseYear: 2013, value: 2, text: '两个城镇化率差距比2013年缩小2个百分点' },
];

/** A target next to what the registry shows, as of a date: `met` is null while the target year has not ended by then. */
export interface TargetProgress {
  readonly target: Target;
  /** The measured value: a rate (%), a narrowing or the smallest yearly gain (points), or the smallest yearly count. */
  readonly actual: number | null;
  readonly met: boolean | null;
  /** The last year the measurement covers (the target year, or the last full year before the as-of date). */
  readonly measuredYear: number;
}

const yearEnd = (year: number): string => `${year}-12-31`;

/** The measured value from the published counts (perturbed for statisticians: rates, gains and yearly counts computed from them). */
function* measure(cube: StatisticsCube, t: Target, year: number, basis: Basis, publish: Publish): Sliced<number | null> {
  const at = (y: number) => headlineSlices(cube, { region: t.jurisdiction, date: yearEnd(y), basis }, publish);
  const base = t.baseYear ?? year;
  const years = Array.from({ length: Math.max(0, year - base) }, (_, i) => base + 1 + i);
  switch (t.kind) {
    case 'registered-rate': return (yield* at(year)).registered.urbanizationRate;
    case 'resident-rate': return (yield* at(year)).resident.urbanizationRate;
    case 'gap-narrowing': {
      const [then, now] = [(yield* at(base)).gap, (yield* at(year)).gap];
      return then === null || now === null ? null : Math.round(10 * (then - now)) / 10;
    }
    case 'registered-rate-gain': {
      const gains: (number | null)[] = [];
      for (const y of years) {
        const [a, b] = [(yield* at(y - 1)).registered.urbanizationRate, (yield* at(y)).registered.urbanizationRate];
        gains.push(a == null || b == null ? null : Math.round(10 * (b - a)) / 10);
      }
      return gains.length === 0 || gains.includes(null) ? null : Math.min(...(gains as number[]));
    }
    case 'rural-to-urban-per-year': {
      const counts: number[] = [];
      for (const y of years) counts.push((yield* flowsSlices(cube, { region: t.jurisdiction, from: `${y}-01-01`, date: yearEnd(y), basis }, publish)).ruralToUrban);
      return counts.length === 0 ? null : Math.min(...counts);
    }
  }
}

/** Every target of the documents (those within `region`, or all), measured as of `date` from counts as `publish` shows them, a slice at a time. */
export function* targetProgressSlices(cube: StatisticsCube, date: string, basis: Basis, region = '', publish: Publish = exact): Sliced<TargetProgress[]> {
  const lastFullYear = Number(date.slice(0, 4)) - (date.slice(5) === '12-31' ? 0 : 1);
  const out: TargetProgress[] = [];
  for (const target of TARGETS.filter((t) => t.jurisdiction.startsWith(region) || region.startsWith(t.jurisdiction))) {
    const measuredYear = Math.min(target.year, lastFullYear);
    const actual = measuredYear < (target.baseYear ?? measuredYear) ? null : yield* measure(cube, target, measuredYear, basis, publish);
    const met = measuredYear < target.year || actual === null ? null : actual >= target.value;
    out.push({ target, actual, met, measuredYear });
  }
  return out;
}

export const targetProgress = (cube: StatisticsCube, date: string, basis: Basis, region = '', publish: Publish = exact): TargetProgress[] =>
  complete(targetProgressSlices(cube, date, basis, region, publish));
