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
 * The code is drawn at random among the free ones, never counted up from 001: with a counter, the first
 * boy of a county and day is always 001, so whoever learns the county, the day and the sex of a birth
 * (a feed event, a birth announcement) knows the number. Drawn, each free code is equally likely.
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

/** A uniform random integer in [0, n), supplied by the caller (`crypto.randomInt` in the registry, a seeded source in the generator). */
export type Draw = (n: number) => number;

/** Random tries before the free codes are listed: a county and day rarely holds more than a few births, so one try nearly always does. */
const TRIES = 32;

const drawn = (draw: Draw, n: number): number => {
  const k = draw(n);
  if (!Number.isInteger(k) || k < 0 || k >= n) throw new RangeError(`draw(${n}) must return an integer in [0, ${n}), returned ${k}`);
  return k;
};

/**
 * 顺序码: an order code for `sex` drawn uniformly among the free ones (`isFree`), or undefined when none is
 * left. A few draws among all codes of the parity first (a taken one is drawn again, which keeps every free
 * code equally likely), then a draw among the listed free codes: O(1) for the sparse days of real life and
 * of bulk generation, at most one pass over the codes for a crowded day.
 */
export const drawSequence = (sex: Sex, isFree: (sequence: number) => boolean, draw: Draw): number | undefined => {
  const codes = SEQUENCES[sex];
  for (let i = 0; i < TRIES; i++) {
    const code = codes[drawn(draw, codes.length)]!;
    if (isFree(code)) return code;
  }
  const free = codes.filter(isFree);
  return free.length === 0 ? undefined : free[drawn(draw, free.length)];
};

export interface AllocationRequest extends CitizenIdCheckOptions {
  /** 地址码: the county of the place of registration, 6 digits. */
  readonly countyCode: string;
  readonly dateOfBirth: IsoDate;
  readonly sex: Sex;
  /** Whether a number is already held by someone: the registry answers, so allocation stays pure. */
  readonly isTaken: (candidate: CitizenId) => boolean;
  /** Randomness comes in as an argument: a uniform integer in [0, n). */
  readonly draw: Draw;
}

const pad3 = (n: number): string => String(n).padStart(3, '0');

/** The full number of a 17-digit head (county, date, order code). */
const withCheckCharacter = (first17: string): CitizenId => (first17 + checkCharacter(first17)) as CitizenId;

/**
 * 公民身份号码分配: the number for a newborn — an order code of the right parity drawn uniformly among the
 * free ones. Refuses an invalid county code or date of birth, and `CITIZEN_ID.SEQUENCE_EXHAUSTED` when every
 * order code of that sex is taken for that county and day (the registrar then needs a decision, not a retry).
 */
export const allocateCitizenId = (request: AllocationRequest): CitizenIdResult => {
  assertToday(request.today);
  const problems = [
    ...addressCodeProblems(request.countyCode, { forAllocation: true, path: 'countyCode', isKnownAddressCode: request.isKnownAddressCode }),
    ...birthDateProblems(request.dateOfBirth, request.today, 'dateOfBirth'),
  ];
  if (problems.length > 0) return refused(problems);
  const prefix = request.countyCode + request.dateOfBirth.replaceAll('-', '');
  const sequence = drawSequence(request.sex, (s) => !request.isTaken(withCheckCharacter(prefix + pad3(s))), request.draw);
  if (sequence !== undefined) return { ok: true, ...fieldsOf(withCheckCharacter(prefix + pad3(sequence))) };
  return refused([{
    code: 'CITIZEN_ID.SEQUENCE_EXHAUSTED',
    message: `all ${SEQUENCE_CAPACITY[request.sex]} order codes for ${request.sex}s born on ${request.dateOfBirth} in county ${request.countyCode} are taken`,
  }]);
};
