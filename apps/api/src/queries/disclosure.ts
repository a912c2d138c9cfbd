import { type Flows, type Headline, type Population } from '../../../../projections/statistics/queries';

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
