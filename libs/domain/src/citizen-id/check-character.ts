/**
 * 校验码: the check character, the 18th character, computed with ISO 7064 MOD 11-2 over the first 17
 * digits. MOD 11-2 catches every single-character error and every swap of two adjacent characters,
 * which is why a mistyped number fails instead of naming another person.
 */

/** 加权因子: the weight of each of the first 17 positions, 2^(17-i) mod 11. */
export const CHECK_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** The check character for each remainder 0-10 of the weighted sum mod 11; `X` is the Roman ten. */
export const CHECK_CHARACTERS = '10X98765432';

const SEVENTEEN_DIGITS = /^\d{17}$/;

/**
 * 校验码: the check character of the first 17 digits of a citizen identity number.
 * Throws a RangeError on anything but 17 digits: a check character over other text is meaningless,
 * and returning one would hide the caller's bug.
 */
export const checkCharacter = (first17: string): string => {
  if (!SEVENTEEN_DIGITS.test(first17)) throw new RangeError(`checkCharacter needs exactly 17 digits, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (CHECK_WEIGHTS[i] ?? 0);
  return CHECK_CHARACTERS.charAt(sum % 11);
};
