import { isCalendarDate } from '../citizen-id/birth-date';

/** A calendar date `YYYY-MM-DD`. Legal facts carry dates, not instants. */
export type IsoDate = string;

/** True for a real calendar date `YYYY-MM-DD` (leap years included): the citizen-id module's check. */
export const isIsoDate = isCalendarDate;

/** The calendar date of an instant, in China Standard Time (UTC+8, no daylight saving): the registry's legal day. */
export const legalDateOf = (instant: Date): IsoDate => {
  const time = instant.getTime();
  if (time !== lastInstant) [lastInstant, lastLegalDate] = [time, new Date(time + 8 * 3_600_000).toISOString().slice(0, 10)];
  return lastLegalDate;
};

/** The last instant asked about, and its day: a generator or an import asks about the same `now` millions of times. */
let lastInstant = Number.NaN;
let lastLegalDate = '';

/** ISO dates compare as strings. */
export const isBefore = (a: IsoDate, b: IsoDate): boolean => a < b;

/** Whole years from `from` to `on` (an age). */
export const yearsBetween = (from: IsoDate, on: IsoDate): number => {
  const years = Number(on.slice(0, 4)) - Number(from.slice(0, 4));
  return on.slice(5) < from.slice(5) ? years - 1 : years;
};

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
const daysFromCivil = (y: number, m: number, d: number): number => {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
};

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** The date `days` after 1970-01-01 (H. Hinnant's civil_from_days), years 0–9999. */
const civilFromDays = (days: number): IsoDate => {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
};

/** Adds whole days to a date (arithmetic on day numbers: no Date objects, it runs millions of times in a generation). */
export const addDays = (date: IsoDate, days: number): IsoDate =>
  civilFromDays(daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))) + days);
