import { type CitizenIdProblem, type IsoDate } from './types';

/**
 * 出生日期码: the date-of-birth code, characters 7-14 as `YYYYMMDD` (Gregorian calendar).
 */

/** The earliest date of birth accepted: the standard's own example (440524188001010014) was born on it. */
export const EARLIEST_BIRTH_DATE: IsoDate = '1880-01-01';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** True when `date` is `YYYY-MM-DD` and names a day that exists (2000-02-29 does, 1900-02-29 does not). */
export const isCalendarDate = (date: string): boolean => {
  const match = ISO_DATE.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
};

/** `YYYYMMDD` as written inside a number → `YYYY-MM-DD`. */
export const isoFromCompact = (yyyymmdd: string): IsoDate => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

/**
 * `today` is configuration, not data: a malformed one is the caller's bug, so it throws rather than
 * turning into a problem that would blame the person's number.
 */
export const assertToday = (today: IsoDate | undefined): void => {
  if (today !== undefined && !isCalendarDate(today)) throw new RangeError(`today must be a calendar date YYYY-MM-DD, got "${today}"`);
};

/** Every reason `date` (`YYYY-MM-DD`) cannot be a date of birth; ISO dates compare correctly as strings. */
export const birthDateProblems = (date: IsoDate, today?: IsoDate, path?: string): CitizenIdProblem[] => {
  assertToday(today);
  const problem = (message: string): CitizenIdProblem[] =>
    [{ code: 'CITIZEN_ID.BIRTH_DATE', message, ...(path === undefined ? {} : { path }) }];
  if (!isCalendarDate(date)) return problem(`date of birth ${date} is not a calendar date`);
  if (date < EARLIEST_BIRTH_DATE) return problem(`date of birth ${date} is before ${EARLIEST_BIRTH_DATE}`);
  if (today !== undefined && date > today) return problem(`date of birth ${date} is after today (${today})`);
  return [];
};
