import { assertToday } from './birth-date';
import { checkCharacter } from './check-character';
import { type CitizenIdProblem, type CitizenIdResult, refused } from './types';
import { validateCitizenId, type ValidateOptions } from './validate';

/**
 * 15位升18位: upgrading a 15-digit number of the first-generation card (一代证: 6 address digits,
 * YYMMDD, 3 order digits, no check character) to the 18 characters of GB 11643-1999, for imports of
 * old records. The holder keeps the same person's number: only the century and check character are added.
 */

export interface UpgradeOptions extends ValidateOptions {
  /** The century the two-digit year belongs to: '19' unless the record says otherwise (someone born before 1900). */
  readonly century?: '18' | '19';
}

const FIFTEEN_DIGITS = /^\d{15}$/;

/**
 * The 18-character number for a 15-digit one, checked like any other number (address code, date,
 * and `sex` / `today` when given), or the problems: `CITIZEN_ID.LENGTH` / `CITIZEN_ID.CHARACTERS`
 * for anything but 15 digits, `CITIZEN_ID.BIRTH_DATE` for a date that does not exist in that century.
 */
export const upgradeCitizenId = (text: string, options: UpgradeOptions = {}): CitizenIdResult => {
  assertToday(options.today);
  const problems: CitizenIdProblem[] = [];
  if (text.length !== 15) problems.push({ code: 'CITIZEN_ID.LENGTH', message: `a first-generation number must be 15 characters, got ${text.length}` });
  if (!/^\d*$/.test(text)) problems.push({ code: 'CITIZEN_ID.CHARACTERS', message: 'a first-generation number must be digits only' });
  if (!FIFTEEN_DIGITS.test(text)) return refused(problems);
  const first17 = text.slice(0, 6) + (options.century ?? '19') + text.slice(6);
  // Validating the result reports the date, address and sex problems exactly as for an 18-character number.
  return validateCitizenId(first17 + checkCharacter(first17), options);
};
