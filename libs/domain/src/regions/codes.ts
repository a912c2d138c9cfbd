import { DomainError, type Problem } from '../shared/errors';
import { REGION_LEVELS, type RegionCode, type RegionLevel, SIGNIFICANT_DIGITS } from './types';

/** Stable problem codes of region input: callers branch on `code`, never on message text. */
export type RegionProblemCode =
  /** Not 2, 4, 6, 9 or 12 digits, or zero segments before non-zero ones (e.g. 410000001000). */
  | 'REGION.FORMAT'
  /** Well formed, but not a unit of this registry's catalogue. */
  | 'REGION.UNKNOWN'
  /** A known unit, but not of the level asked for (e.g. a township where a 村级 unit is needed). */
  | 'REGION.LEVEL';

/** One problem with a region code a caller gave (a domain `Problem` with a region code). */
export interface RegionProblem extends Problem {
  readonly code: RegionProblemCode;
}

/** A region code could not be used (invalid input, 400 at the API); `problems` lists why. */
export class RegionError extends DomainError {
  constructor(code: RegionProblemCode, message: string, problems: readonly RegionProblem[] = [{ code, message }]) {
    super('invalid', code, message, problems);
    this.name = 'RegionError';
  }
}

const PREFIX_LENGTHS: readonly number[] = REGION_LEVELS.map((level) => SIGNIFICANT_DIGITS[level]);
const DIGITS = /^[0-9]+$/;

/** The segments of a 12-digit code: [start, end) of province, prefecture, county, township, village. */
const SEGMENTS: readonly (readonly [number, number])[] = [[0, 2], [2, 4], [4, 6], [6, 9], [9, 12]];

/** How many leading segments are non-zero; NaN when a zero segment precedes a non-zero one. */
const depthOf = (padded: string): number => {
  const zero = SEGMENTS.map(([s, e]) => /^0+$/.test(padded.slice(s, e)));
  const depth = zero.indexOf(true) < 0 ? SEGMENTS.length : zero.indexOf(true);
  return zero.slice(depth).every(Boolean) ? depth : NaN;
};

/** Why `text` is not a well-formed 统计用区划代码 or prefix of one, or undefined if it is. */
export const regionFormatProblem = (text: unknown): RegionProblem | undefined => {
  const problem = (message: string): RegionProblem => ({ code: 'REGION.FORMAT', message });
  if (typeof text !== 'string') return problem('a region code must be a string of digits');
  if (!DIGITS.test(text)) return problem(`"${text}" is not all digits`);
  if (!PREFIX_LENGTHS.includes(text.length)) return problem(`"${text}" has ${text.length} digits, not 2, 4, 6, 9 or 12`);
  const depth = depthOf(text.padEnd(12, '0'));
  if (depth === 0) return problem(`"${text}" has no province (the first two digits are 00)`);
  if (Number.isNaN(depth)) return problem(`"${text}" has a zero segment before a non-zero one`);
  return undefined;
};

/** Whether `value` is a well-formed 12-digit 统计用区划代码 (not whether the unit exists). */
export const isRegionCode = (value: unknown): value is RegionCode =>
  typeof value === 'string' && value.length === 12 && regionFormatProblem(value) === undefined;

/**
 * 统计用区划代码 from a prefix or code: accepts 2, 4, 6, 9 or 12 digits and pads with zeros to 12
 * (`4101` → `410100000000`). Throws `RegionError` `REGION.FORMAT` on anything else.
 */
export const normaliseRegionCode = (text: string): RegionCode => {
  const problem = regionFormatProblem(text);
  if (problem) throw new RegionError(problem.code, problem.message);
  return text.padEnd(12, '0') as RegionCode;
};

/** The level of a code or prefix, read from its zero segments: `410105000000` → county. */
export const regionLevelOf = (code: string): RegionLevel => {
  const level = REGION_LEVELS[depthOf(normaliseRegionCode(code)) - 1];
  if (level === undefined) throw new RegionError('REGION.FORMAT', `"${code}" has no level`);
  return level;
};

const atLevel = (code: string, level: RegionLevel): { padded: RegionCode; digits: number } => {
  const padded = normaliseRegionCode(code);
  const own = regionLevelOf(padded);
  if (REGION_LEVELS.indexOf(level) > REGION_LEVELS.indexOf(own)) {
    throw new RangeError(`${padded} is a ${own}: it has no ${level} part`);
  }
  return { padded, digits: SIGNIFICANT_DIGITS[level] };
};

/** The significant digits of a code at a level at or above its own: prefixAt('410105001001', 'county') → '410105'. */
/** 县级: the county part (first 6 digits) of a region code, as written (no validation: callers report bad codes themselves). */
export const countyOf = (regionCode: string): string => regionCode.slice(0, 6);

export const prefixAt = (code: string, level: RegionLevel): string => {
  const { padded, digits } = atLevel(code, level);
  return padded.slice(0, digits);
};

/** The code of the unit at `level` that contains `code` (itself at its own level), zero-padded to 12 digits. */
export const codeAt = (code: string, level: RegionLevel): RegionCode => normaliseRegionCode(prefixAt(code, level));

/** The significant digits of a code at its own level: '410105000000' → '410105'. */
export const regionPrefixOf = (code: string): string => prefixAt(code, regionLevelOf(code));

/** The unit one level up (上级区划), or undefined for a province. */
export const parentOf = (code: string): RegionCode | undefined => {
  const level = REGION_LEVELS[REGION_LEVELS.indexOf(regionLevelOf(code)) - 1];
  return level === undefined ? undefined : codeAt(code, level);
};

/** The units above a code, from the province down to its parent. */
export const ancestorsOf = (code: string): RegionCode[] => {
  const own = REGION_LEVELS.indexOf(regionLevelOf(code));
  return REGION_LEVELS.slice(0, own).map((level) => codeAt(code, level));
};

/**
 * Whether `code` lies within `ancestor` (a prefix or a code, at any level); a unit lies within itself.
 * isWithin('410105001001', '4101') → true.
 */
export const isWithin = (code: string, ancestor: string): boolean =>
  normaliseRegionCode(code).startsWith(regionPrefixOf(ancestor));
