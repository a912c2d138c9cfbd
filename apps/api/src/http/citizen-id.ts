import { citizenId, isoDate } from '../../../../events/common';
import { type Schema } from '../../../../events/schema';
import { validateCitizenId } from '../../../../libs/domain/src/citizen-id';
import { regionCatalog } from '../../../../libs/domain/src/regions';
import { legalDateOf } from '../../../../libs/domain/src/shared/dates';

/**
 * 公民身份号码 as a request field: the published pattern, then the full GB 11643 check (check character,
 * address code, date of birth not after today), each problem with its CITIZEN_ID.* code.
 */
export const validCitizenId = (description = '公民身份号码 (GB 11643-1999)'): Schema<string> => ({
  json: { ...citizenId.json, description }, optional: false,
  check: (v, path) => {
    const form = citizenId.check(v, path);
    if (form.length > 0) return form;
    const result = validateCitizenId(v as string, { today: legalDateOf(new Date()) });
    return result.ok ? [] : result.problems.map((p) => ({ code: p.code, path, message: p.message }));
  },
});

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

/** A region code prefix (2 to 12 digits) of a unit the registry knows: REGION.UNKNOWN otherwise. */
export const knownRegionPrefix = (description: string): Schema<string> => ({
  json: { type: 'string', pattern: '^[0-9]{2,12}$', maxLength: 12, description }, optional: false,
  check: (v, path) => {
    if (typeof v !== 'string' || !/^[0-9]{2,12}$/.test(v)) return [{ code: 'EVENT.SCHEMA', path, message: 'must be a region code prefix (2 to 12 digits)' }];
    return regionCatalog().has(v.padEnd(12, '0')) ? [] : [{ code: 'REGION.UNKNOWN', path, message: `${v} is not a region of this registry` }];
  },
});
