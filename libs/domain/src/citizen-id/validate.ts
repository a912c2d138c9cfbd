import { fieldsOf, sexOfSequence } from './accessors';
import { addressCodeProblems } from './address-code';
import { assertToday, birthDateProblems, isoFromCompact } from './birth-date';
import { checkCharacter } from './check-character';
import {
  refused, type CitizenId, type CitizenIdCheckOptions, type CitizenIdFields, type CitizenIdProblem, type CitizenIdResult, type Sex,
} from './types';

export interface ValidateOptions extends CitizenIdCheckOptions {
  /** The sex the holder is known to have (e.g. from the birth record): the order code's parity must agree. */
  readonly sex?: Sex;
}

const CANONICAL = /^\d{17}[\dX]$/;
const DIGITS_THEN_DIGIT_OR_X = /^\d*[\dX]$/;
const DIGITS = /^\d+$/;

/**
 * Lower-case `x` is accepted and normalised to `X`: people type it, and GB 11643 means the same
 * Roman ten by both. Nothing else is normalised (no trimming, no full-width digits): a number that
 * needs more repair than that should be repaired by a person, not guessed at here.
 */
const normalise = (text: string): string => (text.endsWith('x') ? `${text.slice(0, -1)}X` : text);

const fieldProblems = (id: string, options: ValidateOptions): CitizenIdProblem[] => {
  const problems: CitizenIdProblem[] = [];
  // Each field is checked on its own when its characters are readable, so one bad field does not hide another.
  const address = id.slice(0, 6);
  if (DIGITS.test(address)) problems.push(...addressCodeProblems(address, options));
  const birth = id.slice(6, 14);
  if (DIGITS.test(birth)) problems.push(...birthDateProblems(isoFromCompact(birth), options.today));
  const sequence = id.slice(14, 17);
  if (options.sex !== undefined && DIGITS.test(sequence) && sexOfSequence(Number(sequence)) !== options.sex)
    problems.push({ code: 'CITIZEN_ID.SEX', message: `order code ${sequence} is ${options.sex === 'male' ? 'even (female)' : 'odd (male)'}, but the holder is ${options.sex}` });
  if (CANONICAL.test(id)) {
    const expected = checkCharacter(id.slice(0, 17));
    if (id.charAt(17) !== expected)
      problems.push({ code: 'CITIZEN_ID.CHECK_CHARACTER', message: `check character is ${id.charAt(17)}, but the first 17 digits give ${expected}` });
  }
  return problems;
};

/**
 * 公民身份号码校验: checks a citizen identity number against GB 11643-1999 and lists every problem
 * found, not just the first, so a registrar can fix a mistyped number in one pass.
 * The returned `id` is canonical (a trailing lower-case `x` becomes `X`).
 */
export const validateCitizenId = (text: string, options: ValidateOptions = {}): CitizenIdResult => {
  assertToday(options.today);
  const id = normalise(text);
  const problems: CitizenIdProblem[] = [];
  if (id.length !== 18)
    problems.push({ code: 'CITIZEN_ID.LENGTH', message: `must be 18 characters, got ${id.length}` });
  if (id.length === 18 ? !CANONICAL.test(id) : id.length > 0 && !DIGITS_THEN_DIGIT_OR_X.test(id))
    problems.push({ code: 'CITIZEN_ID.CHARACTERS', message: 'must be 17 digits followed by a digit or X' });
  // Positions mean something only in an 18-character text; in any other length the fields are guesses.
  if (id.length === 18) problems.push(...fieldProblems(id, options));
  return problems.length > 0 ? refused(problems) : { ok: true, ...fieldsOf(id as CitizenId) };
};

/** The fields of a valid number, or undefined: for callers that need no reasons (e.g. parsing a stream name). */
export const parseCitizenId = (text: string, options: ValidateOptions = {}): CitizenIdFields | undefined => {
  const result = validateCitizenId(text, options);
  if (!result.ok) return undefined;
  const { ok: _ok, ...fields } = result;
  return fields;
};
