import { type StatisticsCube } from '../../../../projections/statistics/cube';
import { type Basis, type Flows, flowsSlices, type Headline, headlineSlices, type Population } from '../../../../projections/statistics/queries';
import { type Sliced } from '../../../../projections/statistics/slices';
import { type TargetProgress } from '../../../../projections/statistics/targets';

/**
 * 统计信息披露控制: small-cell suppression for statisticians. A count from 1 to k−1 is withheld (null); so
 * is any rate or difference that would let it be recomputed (a rate whose urban or rural part is withheld).
 */
export const cell = (n: number, k: number): number | null => (n === 0 || n >= k ? n : null);

export interface SuppressedPopulation {
  readonly total: number | null;
  readonly urban: number | null;
  readonly rural: number | null;
  readonly urbanizationRate: number | null;
}

export const suppressPopulation = (p: Population, k: number): SuppressedPopulation => {
  const [total, urban, rural] = [cell(p.total, k), cell(p.urban, k), cell(p.rural, k)];
  return { total, urban, rural, urbanizationRate: total === null || urban === null || rural === null ? null : p.urbanizationRate };
};

export const suppressHeadline = (h: Headline, k: number) => {
  const registered = suppressPopulation(h.registered, k);
  const resident = suppressPopulation(h.resident, k);
  return { registered, resident, gap: registered.urbanizationRate === null || resident.urbanizationRate === null ? null : h.gap };
};

export const suppressFlows = (f: Flows, k: number) => ({
  births: cell(f.births, k), deaths: cell(f.deaths, k), registrations: cell(f.registrations, k), movesIn: cell(f.movesIn, k), movesOut: cell(f.movesOut, k),
  conversions: cell(f.conversions, k), ruralToUrban: cell(f.ruralToUrban, k), corrections: f.corrections === 0 || Math.abs(f.corrections) >= k ? f.corrections : null,
  settlements: f.settlements.map((s) => ({ ...s, count: cell(s.count, k) })),
});

/**
 * A target's measured value for a statistician: withheld when any population it is computed from has a
 * withheld part (the rates of the measured and the base year), or, for yearly rural→urban moves, when a
 * year's count is below k. A slice at a time: it measures again what the target is computed from.
 */
export function* suppressTargetSlices(cube: StatisticsCube, p: TargetProgress, basis: Basis, k: number): Sliced<TargetProgress> {
  const t = p.target;
  const years = Array.from({ length: p.measuredYear - (t.baseYear ?? p.measuredYear) + 1 }, (_, i) => (t.baseYear ?? p.measuredYear) + i);
  for (const y of t.kind === 'rural-to-urban-per-year' ? years.slice(1) : years) {
    const exposed = t.kind === 'rural-to-urban-per-year'
      ? cell((yield* flowsSlices(cube, { region: t.jurisdiction, from: `${y}-01-01`, date: `${y}-12-31`, basis })).ruralToUrban, k) === null
      : suppressHeadline(yield* headlineSlices(cube, { region: t.jurisdiction, date: `${y}-12-31`, basis }), k).gap === null;
    if (exposed) return { ...p, actual: null, met: null };
  }
  return p;
}
