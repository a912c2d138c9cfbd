import { type StatisticsCube } from './cube';
import { complete, type Sliced } from './slices';

/** Which axis "as of D" is on: what was true on D (effective), or what the registry knew on D (recorded). */
export type Basis = 'effective' | 'recorded';

export interface AsOf {
  readonly region: string;
  readonly date: string;
  readonly basis: Basis;
  /**
   * Bitemporal: what was true on `date` as the registry knew it on `knownAt` (deltas effective by `date`
   * and recorded by `knownAt`). Overrides `basis`; `knownAt` = `date` is the recorded basis.
   */
  readonly knownAt?: string;
}

const recordedByOf = (q: AsOf): string | null => q.knownAt ?? (q.basis === 'recorded' ? q.date : null);

/** The layers answer the two bases; any other `knownAt` is a scan of the region's rows (slower, same meaning). */
const onLayers = (q: AsOf): boolean => {
  const recordedBy = recordedByOf(q);
  return recordedBy === null || recordedBy === q.date;
};

function* sumsOf(cube: StatisticsCube, q: AsOf): Sliced<Float64Array> {
  const recordedBy = recordedByOf(q);
  if (onLayers(q)) return yield* cube.populationSumsSlices(q.region, q.date, recordedBy);
  const sums = new Float64Array(4);
  const urban = cube.urbanOn(q.date, recordedBy);
  const base = Uint8Array.from(cube.cells.values, (c) => (c.measure === 'away' ? 2 : 0));
  yield* cube.scanSlices(q.region, q.date, recordedBy, (i) => {
    const b = base[cube.cellOf(i)]!;
    const n = cube.countOf(i);
    sums[b]! += n;
    if (urban[cube.regionOf(i)]) sums[b + 1]! += n;
  });
  return sums;
}

/** 城镇化率 in percent, one decimal (null for an empty population). */
const rate = (urban: number, total: number): number | null => (total > 0 ? Math.round((1000 * urban) / total) / 10 : null);

export interface Population {
  readonly total: number;
  readonly urban: number;
  readonly rural: number;
  /** 城镇化率 (%): urban / total. */
  readonly urbanizationRate: number | null;
}

/** 户籍人口 and 常住人口 with their urbanization rates and the gap (resident − registered, in points). */
export interface Headline {
  readonly registered: Population;
  readonly resident: Population;
  readonly gap: number | null;
}

const population = (total: number, urban: number): Population => ({ total, urban, rural: total - urban, urbanizationRate: rate(urban, total) });

/** `headline` a slice at a time (a bitemporal `knownAt` is a scan of the region's rows). */
export function* headlineSlices(cube: StatisticsCube, q: AsOf): Sliced<Headline> {
  const sums = yield* sumsOf(cube, q); // [registered, its urban part, away, its urban part]
  const registered = population(sums[0]!, sums[1]!);
  const resident = population(sums[0]! + sums[2]!, sums[1]! + sums[3]!);
  const gap = registered.urbanizationRate === null || resident.urbanizationRate === null ? null : Math.round(10 * (resident.urbanizationRate - registered.urbanizationRate)) / 10;
  return { registered, resident, gap };
}

export const headline = (cube: StatisticsCube, q: AsOf): Headline => complete(headlineSlices(cube, q));

/** 人口流动: what changed the registered population of a region in a period. */
export interface Flows {
  readonly births: number;
  readonly deaths: number;
  /** 首次登记: people registered other than by birth (无户口人员, historical imports). */
  readonly registrations: number;
  /** 迁入 / 迁出: moves across the region's boundary (moves inside it are neither). */
  readonly movesIn: number;
  readonly movesOut: number;
  /** 统一登记为居民户口 (record conversions). */
  readonly conversions: number;
  /** 农业转移人口落户城镇 (转户): moves in from a rural-classed unit to an urban-classed one. */
  readonly ruralToUrban: number;
  /** Net changes by correction (a withdrawn death, a corrected type moves people between cells, not in or out). */
  readonly corrections: number;
  /** 落户 by category and the rule that admitted them (moves into units of the region, from anywhere). */
  readonly settlements: readonly { readonly category: string; readonly ruleId: string | null; readonly count: number }[];
}

/** The flows of a region for effective dates in [from, to], on the given basis (recorded by `to` for `recorded`), a slice at a time. */
export function* flowsSlices(cube: StatisticsCube, q: AsOf & { readonly from: string }): Sliced<Flows> {
  const recordedBy = recordedByOf(q);
  const urban = cube.urbanOn(q.date, recordedBy);
  const registered = Uint8Array.from(cube.cells.values, (c) => (c.measure === 'registered' ? 1 : 0));
  const f = { births: 0, deaths: 0, registrations: 0, movesIn: 0, movesOut: 0, conversions: 0, ruralToUrban: 0, corrections: 0 };
  const settlements = new Map<string, { category: string; ruleId: string | null; count: number }>();
  const visitPeriod = (visit: (i: number) => void): Sliced<void> =>
    (onLayers(q) ? cube.visitPeriodSlices(q.region, q.from, q.date, recordedBy, visit) : cube.scanSlices(q.region, q.date, recordedBy, visit, q.from));
  yield* visitPeriod((i) => {
    if (!registered[cube.cellOf(i)]) return;
    const n = cube.countOf(i);
    switch (cube.causeOf(i)) {
      case 'BirthRegistered': f.births += n; break;
      case 'PersonRegistered': f.registrations += n; break;
      case 'DeathRegistered': f.deaths -= n; break;
      case 'RegistrationTypeUnified': if (n > 0) f.conversions += n; break;
      case 'RecordCorrected': f.corrections += n; break;
      case 'HukouMigrated': {
        const move = cube.moveOf(i);
        const other = move?.otherRegion ?? null;
        const crosses = other === null || !other.startsWith(q.region);
        if (n > 0) {
          if (crosses) f.movesIn += n;
          const key = `${move?.category ?? ''}|${move?.ruleId ?? ''}`;
          const s = settlements.get(key) ?? { category: move?.category ?? 'unknown', ruleId: move?.ruleId ?? null, count: 0 };
          settlements.set(key, { ...s, count: s.count + n });
          const from = other === null ? undefined : cube.regionIdOf(other);
          if (urban[cube.regionOf(i)] && from !== undefined && !urban[from]) f.ruralToUrban += n;
        } else if (crosses) f.movesOut -= n;
        break;
      }
      case 'ResidencePermitIssued': case 'ResidencePermitRenewed': case 'ResidencePermitCancelled': case 'ActualResidenceRegistered': case 'ActualResidenceEnded': case undefined:
        break; // they move the resident population, not the registered one
    }
  });
  return { ...f, settlements: [...settlements.values()].sort((a, b) => b.count - a.count || a.category.localeCompare(b.category) || (a.ruleId ?? '').localeCompare(b.ruleId ?? '')) };
}

export const flows = (cube: StatisticsCube, q: AsOf & { readonly from: string }): Flows => complete(flowsSlices(cube, q));

/** 人口结构: counts by urban/rural, sex, birth year and registration type (current and original), for one measure. */
export interface StructureCell {
  readonly urban: boolean;
  readonly sex: string;
  readonly birthYear: number;
  readonly regType: string;
  readonly origType: string;
  /** Null when suppressed: fewer than the threshold (but not zero). */
  readonly count: number | null;
}

export type StructureQuery = AsOf & { readonly measure: 'registered' | 'resident'; readonly minCell: number };

/** The population structure of a region on a date (registered or resident), small cells suppressed: a scan of the region's rows, a slice at a time. */
export function* structureSlices(cube: StatisticsCube, q: StructureQuery): Sliced<StructureCell[]> {
  const recordedBy = recordedByOf(q);
  const urban = cube.urbanOn(q.date, recordedBy);
  const cells = cube.cells.values;
  const counted = Uint8Array.from(cells, (c) => (c.measure === 'registered' || q.measure === 'resident' ? 1 : 0));
  const key = (c: (typeof cells)[number]) => `${c.sex}|${c.birthYear}|${c.regType}|${c.origType}`;
  const slot = new Map<string, number>();
  const slotOfCell = Int32Array.from(cells, (c) => slot.get(key(c)) ?? (slot.set(key(c), slot.size), slot.size - 1));
  const sums = new Float64Array(slot.size * 2);
  yield* cube.scanSlices(q.region, q.date, recordedBy, (i) => {
    const c = cube.cellOf(i);
    if (counted[c]) sums[slotOfCell[c]! * 2 + urban[cube.regionOf(i)]!]! += cube.countOf(i);
  });
  const out: StructureCell[] = [];
  for (const [k, s] of slot) {
    const [sex, birthYear, regType, origType] = k.split('|') as [string, string, string, string];
    for (const u of [1, 0]) {
      const n = sums[s * 2 + u]!;
      if (n !== 0) out.push({ urban: u === 1, sex, birthYear: Number(birthYear), regType, origType, count: n < q.minCell ? null : n });
    }
  }
  return out.sort((a, b) => Number(b.urban) - Number(a.urban) || a.sex.localeCompare(b.sex) || a.birthYear - b.birthYear || a.regType.localeCompare(b.regType) || a.origType.localeCompare(b.origType));
}

export const structure = (cube: StatisticsCube, q: StructureQuery): StructureCell[] => complete(structureSlices(cube, q));
