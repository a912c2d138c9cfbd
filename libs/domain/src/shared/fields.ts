import { relationToHead as relations } from '../../../../events';
import { validateCitizenId } from '../citizen-id';
import { type Problem } from './errors';

/** Field checks the deciders share; each returns the problems found (empty when the value is fine). */
const REGION_CODE = /^\d{12}$/;
const HOUSEHOLD_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export const regionCodeProblems = (code: string, path: string): Problem[] =>
  REGION_CODE.test(code) ? [] : [{ code: 'REGION.FORMAT', message: `${code} is not a 12-digit region code (统计用区划代码)`, path }];

export const householdIdProblems = (id: string, path: string): Problem[] =>
  HOUSEHOLD_ID.test(id) ? [] : [{ code: 'HOUSEHOLD.ID_FORMAT', message: `${id} is not a household id (letters, digits, . _ : -; at most 64)`, path }];

export const requiredTextProblems = (text: string, path: string, max = 200): Problem[] => {
  const length = [...text.trim()].length;
  if (length === 0) return [{ code: 'FIELD.REQUIRED', message: `${path} is required`, path }];
  return length > max ? [{ code: 'FIELD.TOO_LONG', message: `${path} has more than ${max} characters`, path }] : [];
};

/** A citizen id given as a reference (a parent, a head): well formed, in canonical form. */
export const citizenIdRefProblems = (id: string, path: string, today: string): Problem[] => {
  const result = validateCitizenId(id, { today });
  if (!result.ok) return result.problems.map((p) => ({ ...p, path }));
  return result.id === id ? [] : [{ code: 'CITIZEN_ID.NOT_CANONICAL', message: `write ${result.id} (upper-case X)`, path }];
};

export const relationProblems = (relation: string, path: string): Problem[] =>
  (relations.json.enum as readonly string[]).includes(relation) ? [] : [{ code: 'FIELD.INVALID', message: `${relation} is not a relation to the head (与户主关系)`, path }];
