import { citizenId, isoDate, regionPrefix } from '../../../../events/common';
import { type Schema, type SchemaProblem } from '../../../../events/schema';
import { upgradeCitizenId, validateCitizenId } from '../../../../libs/domain/src/citizen-id';
import { regionPrefixOf, validateRegionCode } from '../../../../libs/domain/src/regions';
import { legalDateOf } from '../../../../libs/domain/src/shared/dates';

/**
 * 公民身份号码 as a request field: the published pattern, then the full GB 11643 check (check character,
 * address code, date of birth not after today), each problem with its CITIZEN_ID.* code.
 */
export const validCitizenId = (description = '公民身份号码 (GB 11643-1999)'): Schema<string> => ({
  json: { ...citizenId.json, description }, optional: false,
  check: (v, path) => {
    const hint = typeof v === 'string' ? nearMiss(v, path) : [];
    if (hint.length > 0) return hint;
    const form = citizenId.check(v, path);
    if (form.length > 0) return form;
    const result = validateCitizenId(v as string, { today: legalDateOf(new Date()) });
    return result.ok ? [] : result.problems.map((p) => ({ code: p.code, path, message: p.message }));
  },
});

/**
 * What people most often send instead, answered in words: a 15-digit first-generation number (一代证) with its
 * 18-digit form, and a lower-case check character with the number written as the registry keys it.
 */
const nearMiss = (v: string, path: string): SchemaProblem[] => {
  if (/^[0-9]{15}$/.test(v)) {
    const up = upgradeCitizenId(v, { today: legalDateOf(new Date()) });
    return [{
      code: 'CITIZEN_ID.FIRST_GENERATION', path,
      message: up.ok
        ? `${v} is a 15-digit first-generation number: its 18-digit form (GB 11643-1999) is ${up.id} — send that`
        : `${v} is a 15-digit first-generation number, and it cannot be upgraded to 18 digits: ${up.problems.map((p) => p.message).join('; ')}`,
    }];
  }
  if (/^[0-9]{17}x$/.test(v)) return [{ code: 'CITIZEN_ID.LOWERCASE_X', path, message: `the check character is written as a capital X: send ${v.slice(0, 17)}X` }];
  return [];
};

/** A legal date that has happened: a calendar date not after today (UTC+8). */
export const pastDate = (description: string): Schema<string> => ({
  json: { ...isoDate.json, description }, optional: false,
  check: (v, path) => {
    const form = isoDate.check(v, path);
    if (form.length > 0) return form;
    const today = legalDateOf(new Date());
    return (v as string) > today ? [{ code: 'DATE.IN_FUTURE', path, message: `${v as string} is after today (${today})` }] : [];
  },
});

/**
 * A region code prefix of a whole unit the registry knows: 2, 4, 6, 9 or 12 digits (province, prefecture, county,
 * township, village). Another length (`41010`) is REGION.FORMAT — as a prefix it would match part of a county's
 * codes and answer for no unit at all; an unknown unit is REGION.UNKNOWN.
 */
export const knownRegionPrefix = (description: string): Schema<string> => ({
  json: { ...regionPrefix.json, description }, optional: false,
  check: (v, path) => {
    if (typeof v !== 'string' || !/^[0-9]{1,12}$/.test(v)) return [{ code: 'EVENT.SCHEMA', path, message: 'must be a region code prefix of 2, 4, 6, 9 or 12 digits' }];
    // A short prefix padded with zeros (`410100`) names a unit of a higher level and, as a prefix, matches none of its codes.
    if ([4, 6, 9].includes(v.length) && /^0+$/.test(v.slice(v.length === 9 ? 6 : v.length - 2))) {
      const own = validateRegionCode(v).length === 0 ? regionPrefixOf(v) : undefined;
      return [{ code: 'REGION.FORMAT', path, message: `${v} ends in a zero segment: a prefix names the unit by its own digits${own ? ` (give ${own})` : ''}` }];
    }
    const problem = validateRegionCode(v)[0];
    if (!problem) return [];
    return [{ code: problem.code, path, message: problem.code === 'REGION.UNKNOWN' ? `${v} is not a region of this registry` : problem.message }];
  },
});
