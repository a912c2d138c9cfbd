import { validateRegionCode } from '../../../../libs/domain/src/regions';
import { type Principal, inScope } from '../auth/jwt';
import { type HouseholdContext } from '../../../../libs/domain/src/shared/context';
import { type HouseholdState } from '../../../../libs/domain/src/household/household';
import { type PersonState } from '../../../../libs/domain/src/person/state';
import { ApiError, type FieldProblem } from '../http/problem';

export { householdContext, householdStateOf, personStateOf } from '../../../../libs/registry/src/contexts';

export { type Cutover } from '../../../../libs/registry/src/jurisdictions';

/** A region the registry knows, at the level a field needs (a household's region is a village). */
export const knownRegionProblems = (code: string, path: string, level?: 'village'): FieldProblem[] =>
  validateRegionCode(code, { path, ...(level ? { level } : {}) }).map((p) => ({ code: p.code, message: p.message, path }));

export const assertKnownRegion = (code: string, path: string, level?: 'village'): void => {
  const problems = knownRegionProblems(code, path, level);
  if (problems.length > 0) throw new ApiError(400, problems[0]!.code, problems[0]!.message, problems);
};

/**
 * A registrar may act only inside its regions (辖区): 403 otherwise. The message names no location: a
 * registrar learns nothing of where things are outside its regions.
 */
export const assertInScope = (principal: Principal, regionCode: string, what: string): void => {
  if (!inScope(principal, regionCode)) throw new ApiError(403, 'AUTH.OUT_OF_SCOPE', `${what} is outside your regions`);
};

/** The answer for a person who is not registered — and, word for word, for one registered outside the caller's regions. */
export const personNotFound = (citizenId: string): ApiError => new ApiError(404, 'PERSON.NOT_FOUND', `no person is registered as ${citizenId}`);

/** The answer for a household that does not exist — and, word for word, for one outside the caller's regions. */
export const householdNotFound = (householdId: string): ApiError => new ApiError(404, 'HOUSEHOLD.NOT_FOUND', `no household ${householdId}`);

/**
 * A person the caller may act on or read: 404 when none is registered, and the same 404 when the person is
 * registered outside a registrar's regions — an unauthorised caller cannot tell existing ids from missing ones.
 */
export const assertVisiblePerson = (principal: Principal, citizenId: string, state: PersonState): void => {
  if (state.status === 'unregistered' || !inScope(principal, state.regionCode)) throw personNotFound(citizenId);
};

/** A household the caller may act on or read: the same 404 when it does not exist and when it lies outside a registrar's regions. */
export const assertVisibleHousehold = (principal: Principal, householdId: string, state: HouseholdState | HouseholdContext): void => {
  if (state.status === 'none' || state.status === 'missing' || !inScope(principal, state.regionCode)) throw householdNotFound(householdId);
};

/** A household context as the caller may see it: one outside a registrar's regions is, to that registrar, missing. */
export const visibleContext = (principal: Principal, household: HouseholdContext): HouseholdContext =>
  (household.status !== 'missing' && !inScope(principal, household.regionCode) ? { status: 'missing', householdId: household.householdId } : household);
