import { checkCharacter, type CitizenIdResult } from '../../src/citizen-id';

/** A full 18-character number from its first 17 digits, with the right check character. */
export const withCheck = (first17: string): string => first17 + checkCharacter(first17);

/** The problem codes of a result, in order (empty when it passed). */
export const codesOf = (result: CitizenIdResult): readonly string[] => (result.ok ? [] : result.problems.map((p) => p.code));

/** A different check character than the right one, to make a number fail only its check. */
export const wrongCheck = (first17: string): string => first17 + (checkCharacter(first17) === '0' ? '1' : '0');
