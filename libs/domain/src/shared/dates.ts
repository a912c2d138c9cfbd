/** A calendar date `YYYY-MM-DD`. Legal facts carry dates, not instants. */
export type IsoDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date (leap years included). */
export const isIsoDate = (text: string): boolean => {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
};

/** The calendar date of an instant, in China Standard Time (UTC+8, no daylight saving): the registry's legal day. */
export const legalDateOf = (instant: Date): IsoDate => new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** ISO dates compare as strings. */
export const isBefore = (a: IsoDate, b: IsoDate): boolean => a < b;

/** Whole years from `from` to `on` (an age). */
export const yearsBetween = (from: IsoDate, on: IsoDate): number => {
  const years = Number(on.slice(0, 4)) - Number(from.slice(0, 4));
  return on.slice(5) < from.slice(5) ? years - 1 : years;
};

/** Adds whole days to a date. */
export const addDays = (date: IsoDate, days: number): IsoDate => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
};
