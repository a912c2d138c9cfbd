import { type RegionCatalog, regionCatalog } from './catalog';
import { normaliseRegionCode, type RegionProblem, regionFormatProblem } from './codes';
import { type RegionLevel } from './types';

/** What `validateRegionCode` checks besides the form. */
export interface RegionValidationOptions {
  /** The level the unit must have (e.g. `village` for a 户籍 address). */
  readonly level?: RegionLevel;
  /** The field path to put on each problem (e.g. `regionCode`). */
  readonly path?: string;
  /** The catalogue to look the unit up in; the committed one by default. */
  readonly catalog?: RegionCatalog;
}

/**
 * The problems with a 统计用区划代码 (or 2/4/6/9-digit prefix) a caller gave: `REGION.FORMAT` when it is not
 * one, `REGION.UNKNOWN` when the catalogue has no such unit, `REGION.LEVEL` when it is of another level
 * than `options.level`. Empty when it can be used.
 */
export const validateRegionCode = (text: unknown, options: RegionValidationOptions = {}): RegionProblem[] => {
  const at = (problem: RegionProblem): RegionProblem[] => [options.path === undefined ? problem : { ...problem, path: options.path }];
  const format = regionFormatProblem(text);
  if (format) return at(format);
  const code = normaliseRegionCode(text as string);
  const region = (options.catalog ?? regionCatalog()).get(code);
  if (!region) return at({ code: 'REGION.UNKNOWN', message: `${code} is not a unit of this registry's jurisdictions` });
  if (options.level !== undefined && region.level !== options.level) {
    return at({ code: 'REGION.LEVEL', message: `${code} (${region.name}) is a ${region.level}, not a ${options.level}` });
  }
  return [];
};
