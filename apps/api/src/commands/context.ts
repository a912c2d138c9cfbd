import { validateRegionCode } from '../../../../libs/domain/src/regions';
import { type Principal, inScope } from '../auth/jwt';
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

/** A registrar may act only inside its regions (辖区): 403 otherwise. */
export const assertInScope = (principal: Principal, regionCode: string, what: string): void => {
  if (!inScope(principal, regionCode))
    throw new ApiError(403, 'AUTH.OUT_OF_SCOPE', `${what} is in ${regionCode}, outside your regions (${principal.regions.join(', ')})`);
};
