import { fieldsOf } from './accessors';
import { addressCodeProblems } from './address-code';
import { assertToday, birthDateProblems } from './birth-date';
import { checkCharacter } from './check-character';
import { refused, type CitizenId, type CitizenIdCheckOptions, type CitizenIdResult, type IsoDate, type Sex } from './types';

/**
 * 顺序码分配: allocating the order code when a birth is registered (出生登记). The number is
 * county + date of birth + order code + check character, so the only free choice is the order code:
 * odd for men, even for women, unique among people of one county born on one day.
 *
 * Order code 000 is never allocated. GB 11643 does not forbid it and validation accepts it (old
 * records may carry it), but an all-zero field is what a blanked or placeholder number looks like,
 * and a registry should not make a real person look like one. So men get 001, 003 … 999 (500 codes)
 * and women 002, 004 … 998 (499 codes).
 */
const SEQUENCES: Readonly<Record<Sex, readonly number[]>> = {
  male: Array.from({ length: 500 }, (_, i) => 2 * i + 1),
  female: Array.from({ length: 499 }, (_, i) => 2 * i + 2),
};

/** How many order codes each sex can be given per county and day. */
export const SEQUENCE_CAPACITY: Readonly<Record<Sex, number>> = { male: SEQUENCES.male.length, female: SEQUENCES.female.length };

/**
 * 顺序码: the lowest free order code for `sex` that is not in `taken`, or undefined when none is left.
 * For bulk generation pass `after` (the last code handed out for this county, day and sex): the search
 * then resumes past it instead of rescanning from 001, so generating n numbers costs O(n), not O(n²).
 */
export const nextSequence = (sex: Sex, taken: ReadonlySet<number>, after?: number): number | undefined =>
  SEQUENCES[sex].find((s) => (after === undefined || s > after) && !taken.has(s));

export interface AllocationRequest extends CitizenIdCheckOptions {
  /** 地址码: the county of the place of registration, 6 digits. */
  readonly countyCode: string;
  readonly dateOfBirth: IsoDate;
  readonly sex: Sex;
  /** Whether a number is already held by someone: the registry answers, so allocation stays pure. */
  readonly isTaken: (candidate: CitizenId) => boolean;
}

const pad3 = (n: number): string => String(n).padStart(3, '0');

/**
 * 公民身份号码分配: the number for a newborn — the lowest free order code of the right parity. Refuses
 * an invalid county code or date of birth, and `CITIZEN_ID.SEQUENCE_EXHAUSTED` when every order code
 * of that sex is taken for that county and day (the registrar then needs a decision, not a retry).
 */
export const allocateCitizenId = (request: AllocationRequest): CitizenIdResult => {
  assertToday(request.today);
  const problems = [
    ...addressCodeProblems(request.countyCode, { forAllocation: true, path: 'countyCode', isKnownAddressCode: request.isKnownAddressCode }),
    ...birthDateProblems(request.dateOfBirth, request.today, 'dateOfBirth'),
  ];
  if (problems.length > 0) return refused(problems);
  const prefix = request.countyCode + request.dateOfBirth.replaceAll('-', '');
  for (const sequence of SEQUENCES[request.sex]) {
    const first17 = prefix + pad3(sequence);
    const candidate = (first17 + checkCharacter(first17)) as CitizenId;
    if (!request.isTaken(candidate)) return { ok: true, ...fieldsOf(candidate) };
  }
  return refused([{
    code: 'CITIZEN_ID.SEQUENCE_EXHAUSTED',
    message: `all ${SEQUENCE_CAPACITY[request.sex]} order codes for ${request.sex}s born on ${request.dateOfBirth} in county ${request.countyCode} are taken`,
  }]);
};
