import { isoFromCompact } from './birth-date';
import { type CitizenId, type CitizenIdFields, type IsoDate, type Sex } from './types';

/**
 * Readers of a number already known to be valid (the brand proves it), so they need no checks: each
 * field sits at a fixed position — 地址码 1-6, 出生日期码 7-14, 顺序码 15-17, 校验码 18.
 */

/** 地址码: the 6-digit county code the number was assigned under. */
export const countyCodeOf = (id: CitizenId): string => id.slice(0, 6);

/** 出生日期: the date of birth, `YYYY-MM-DD`. */
export const dateOfBirthOf = (id: CitizenId): IsoDate => isoFromCompact(id.slice(6, 14));

/** 顺序码: the order code, 0-999. */
export const sequenceOf = (id: CitizenId): number => Number(id.slice(14, 17));

/** 性别: odd order codes are given to men, even ones to women. */
export const sexOf = (id: CitizenId): Sex => sexOfSequence(sequenceOf(id));

export const sexOfSequence = (sequence: number): Sex => (sequence % 2 === 1 ? 'male' : 'female');

/** Every field at once. */
export const fieldsOf = (id: CitizenId): CitizenIdFields => ({
  id, countyCode: countyCodeOf(id), dateOfBirth: dateOfBirthOf(id), sex: sexOf(id), sequence: sequenceOf(id),
});
