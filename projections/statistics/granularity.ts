/**
 * 最小发布粒度: the finest region and time a statistician's figures may be about. Regions by level (digits of
 * the statistical division code); dates by period — an as-of date is a period's last day, a flow period
 * runs from a period's first day to a period's last.
 */
export const REGION_LEVELS = { province: 2, prefecture: 4, county: 6, township: 9, village: 12 } as const;
export type RegionLevel = keyof typeof REGION_LEVELS;

export const GRAINS = ['month', 'quarter', 'year'] as const;
export type Grain = (typeof GRAINS)[number];

/** Whether a region prefix ('' = all) is no finer than the level. */
export const isCoarseEnough = (region: string, finest: RegionLevel): boolean => region.length <= REGION_LEVELS[finest];

/** The level of a region prefix of 2, 4, 6, 9 or 12 digits. */
export const levelOf = (region: string): RegionLevel | undefined => (Object.keys(REGION_LEVELS) as RegionLevel[]).find((l) => REGION_LEVELS[l] === region.length);

const parts = (date: string): [number, number, number] => [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
const monthsPer: Readonly<Record<Grain, number>> = { month: 1, quarter: 3, year: 12 };

/** Whether `date` (YYYY-MM-DD) is the last day of a period of the grain (a month's, a quarter's, the year's). */
export const isPeriodEnd = (date: string, grain: Grain): boolean => {
  const [y, m, d] = parts(date);
  return m % monthsPer[grain] === 0 && d === daysIn(y, m);
};

/** Whether `date` is the first day of a period of the grain. */
export const isPeriodStart = (date: string, grain: Grain): boolean => {
  const [, m, d] = parts(date);
  return d === 1 && (m - 1) % monthsPer[grain] === 0;
};

const iso = (y: number, m: number, d: number): string => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The last day of the latest period of the grain that has ended by `date` (`date` itself when it is one). */
export const lastPeriodEnd = (date: string, grain: Grain): string => {
  if (isPeriodEnd(date, grain)) return date;
  let [y, m] = parts(date);
  do {
    [y, m] = m === 1 ? [y - 1, 12] : [y, m - 1];
  } while (m % monthsPer[grain] !== 0);
  return iso(y, m, daysIn(y, m));
};

/** The last day of the period of the grain that contains `date`. */
export const periodEndOf = (date: string, grain: Grain): string => {
  const [y, m] = parts(date);
  const end = Math.ceil(m / monthsPer[grain]) * monthsPer[grain];
  return iso(y, end, daysIn(y, end));
};

/** The first day of the period of the grain that contains `date`. */
export const periodStartOf = (date: string, grain: Grain): string => {
  const [y, m] = parts(date);
  return iso(y, Math.floor((m - 1) / monthsPer[grain]) * monthsPer[grain] + 1, 1);
};
