import { isCalendarDate } from '../citizen-id/birth-date';

/** A calendar date `YYYY-MM-DD`. Legal facts carry dates, not instants. */
export type IsoDate = string;

/** True for a real calendar date `YYYY-MM-DD` (leap years included): the citizen-id module's check. */
export const isIsoDate = isCalendarDate;

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
