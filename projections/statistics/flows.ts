import { type AsOf, count, onLayers, recordedByOf, type Tally, tally } from './as-of';
import { type StatisticsCube } from './cube';
import { exact, type Publish } from './perturbation';
import { complete, type Sliced } from './slices';

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
  /** 落户 by category and the rule that admitted them (moves into units of the region, from anywhere); published counts above 0 only, largest first. */
  readonly settlements: readonly { readonly category: string; readonly ruleId: string | null; readonly count: number }[];
}

type Counts = Record<Exclude<keyof Flows, 'settlements'>, Tally>;
interface Settlement { readonly category: string; readonly ruleId: string | null; readonly tally: Tally }

/** Counts one registered-population row of the period into the flows by its cause. */
const countRow = (cube: StatisticsCube, q: AsOf, urban: Uint8Array, f: Counts, settlements: Map<string, Settlement>, i: number): void => {
  const n = cube.countOf(i);
  const key = cube.keyOf(i);
  switch (cube.causeOf(i)) {
    case 'BirthRegistered': count(f.births, n, key); break;
    case 'PersonRegistered': count(f.registrations, n, key); break;
    case 'DeathRegistered': count(f.deaths, n, key, -1); break;
    case 'RegistrationTypeUnified': if (n > 0) count(f.conversions, n, key); break;
    case 'RecordCorrected': count(f.corrections, n, key); break;
    case 'HukouMigrated': {
      const move = cube.moveOf(i);
      const other = move?.otherRegion ?? null;
      const crosses = other === null || !other.startsWith(q.region);
      if (n > 0) {
        if (crosses) count(f.movesIn, n, key);
        const id = `${move?.category ?? ''}|${move?.ruleId ?? ''}`;
        const s = settlements.get(id) ?? { category: move?.category ?? 'unknown', ruleId: move?.ruleId ?? null, tally: tally() };
        settlements.set(id, s);
        count(s.tally, n, key);
        const from = other === null ? undefined : cube.regionIdOf(other);
        if (urban[cube.regionOf(i)] && from !== undefined && !urban[from]) count(f.ruralToUrban, n, key);
      } else if (crosses) count(f.movesOut, n, key, -1);
      break;
    }
    case 'ResidencePermitIssued': case 'ResidencePermitRenewed': case 'ResidencePermitCancelled': case 'ActualResidenceRegistered': case 'ActualResidenceEnded': case undefined:
      break; // they move the resident population, not the registered one
  }
};

/**
 * The flows as published: every count through `publish` (its cell key the rows it summed); settlements
 * published as 0 are left out (listing them would say that some exist) and the rest ordered by what is shown.
 */
const published = (f: Counts, settlements: Iterable<Settlement>, publish: Publish): Flows => {
  const p = (t: Tally) => publish(t.n, t.key);
  return {
    births: p(f.births), deaths: p(f.deaths), registrations: p(f.registrations), movesIn: p(f.movesIn), movesOut: p(f.movesOut),
    conversions: p(f.conversions), ruralToUrban: p(f.ruralToUrban), corrections: p(f.corrections),
    settlements: [...settlements].map((s) => ({ category: s.category, ruleId: s.ruleId, count: p(s.tally) })).filter((s) => s.count !== 0)
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category) || (a.ruleId ?? '').localeCompare(b.ruleId ?? '')),
  };
};

/** The flows of a region for effective dates in [from, to], on the given basis (recorded by `to` for `recorded`), a slice at a time. */
export function* flowsSlices(cube: StatisticsCube, q: AsOf & { readonly from: string }, publish: Publish = exact): Sliced<Flows> {
  const recordedBy = recordedByOf(q);
  const urban = cube.urbanOn(q.date, recordedBy);
  const registered = Uint8Array.from(cube.cells.values, (c) => (c.measure === 'registered' ? 1 : 0));
  const f: Counts = {
    births: tally(), deaths: tally(), registrations: tally(), movesIn: tally(), movesOut: tally(), conversions: tally(), ruralToUrban: tally(), corrections: tally(),
  };
  const settlements = new Map<string, Settlement>();
  const visit = (i: number) => {
    if (registered[cube.cellOf(i)]) countRow(cube, q, urban, f, settlements, i);
  };
  yield* (onLayers(q) ? cube.visitPeriodSlices(q.region, q.from, q.date, recordedBy, visit) : cube.scanSlices(q.region, q.date, recordedBy, visit, q.from));
  return published(f, settlements.values(), publish);
}

export const flows = (cube: StatisticsCube, q: AsOf & { readonly from: string }, publish: Publish = exact): Flows => complete(flowsSlices(cube, q, publish));
