import { type BirthRegistered, type PersonRegistered } from '../../../../events';
import { dateOfBirthOf, validateCitizenId } from '../citizen-id';
import { type CitizenId } from '../citizen-id/types';
import { effectiveDateProblems, householdProblems, registrationTypeProblems } from '../shared/context';
import { legalDateOf } from '../shared/dates';
import { illegal, type Problem, refuseIfAny } from '../shared/errors';
import { citizenIdRefProblems, regionCodeProblems, relationProblems, requiredTextProblems } from '../shared/fields';
import { type RegisterBirth, type RegisterPerson } from './commands';
import { type PersonState } from './state';

/** A parent's citizen id: well formed, and the parent born before the child (the id carries the date of birth). */
const parentProblems = (parentId: string, path: string, childBorn: string, today: string): Problem[] => {
  const problems = citizenIdRefProblems(parentId, path, today);
  if (problems.length > 0) return problems;
  const born = dateOfBirthOf(parentId as CitizenId);
  return born >= childBorn ? [{ code: 'PARENT.BORN_AFTER_CHILD', message: `the parent ${parentId} was born ${born}, not before the child (${childBorn})`, path }] : [];
};

/**
 * The checks a first registration shares, birth or not: identity, household, type, dates — all problems
 * at once. Returns the citizen id in canonical form (a lower-case `x` becomes `X`), the stream's key.
 */
const checkRegistration = (c: RegisterBirth | RegisterPerson, type: RegisterPerson['registrationType']): string => {
  const today = legalDateOf(c.now);
  const id = validateCitizenId(c.citizenId, { today, sex: c.sex });
  const problems: Problem[] = id.ok ? [] : id.problems.map((p) => ({ ...p, path: 'citizenId' }));
  if (id.ok && id.dateOfBirth !== c.dateOfBirth)
    problems.push({ code: 'CITIZEN_ID.BIRTH_DATE', message: `the citizen id says born ${id.dateOfBirth}, the record says ${c.dateOfBirth}`, path: 'dateOfBirth' });
  problems.push(...requiredTextProblems(c.name, 'name', 50), ...relationProblems(c.relationToHead, 'relationToHead'));
  problems.push(...effectiveDateProblems(c), ...householdProblems(c.household, 'household', c.effectiveDate));
  if (c.effectiveDate < c.dateOfBirth)
    problems.push({ code: 'DATE.BEFORE_BIRTH', message: `the effective date ${c.effectiveDate} is before the birth (${c.dateOfBirth})`, path: 'effectiveDate' });
  problems.push(...registrationTypeProblems(type, c.effectiveDate, c.jurisdiction, 'registrationType', c.household.status === 'missing' ? undefined : c.household.regionCode));
  if (c.type === 'RegisterBirth') {
    problems.push(...regionCodeProblems(c.placeOfBirth, 'placeOfBirth'));
    for (const [parent, path] of [[c.parents?.fatherId, 'parents.fatherId'], [c.parents?.motherId, 'parents.motherId']] as const)
      if (parent !== undefined) problems.push(...parentProblems(parent, path, c.dateOfBirth, today));
  }
  refuseIfAny(problems);
  return id.ok ? id.id : c.citizenId;
};

const assertUnregistered = (state: PersonState, citizenId: string): void => {
  if (state.status !== 'unregistered') throw illegal('PERSON.ALREADY_REGISTERED', `${citizenId} is already registered`);
};

/** 出生登记: unconditional — there is deliberately no field for a birth permit or a fee receipt. */
export const registerBirth = (c: RegisterBirth, state: PersonState): BirthRegistered[] => {
  assertUnregistered(state, c.citizenId);
  const registrationType = c.registrationType ?? 'resident';
  const citizenId = checkRegistration(c, registrationType);
  if (c.household.status !== 'active') throw new Error('unreachable: household checked');
  return [{
    type: 'BirthRegistered',
    data: {
      citizenId, name: c.name.trim(), sex: c.sex, dateOfBirth: c.dateOfBirth, placeOfBirth: c.placeOfBirth,
      ...(c.parents ? { parents: c.parents } : {}),
      householdId: c.household.householdId, relationToHead: c.relationToHead, regionCode: c.household.regionCode, registrationType,
    },
  }];
};

/** 无户口人员登记 / historical import. */
export const registerPerson = (c: RegisterPerson, state: PersonState): PersonRegistered[] => {
  assertUnregistered(state, c.citizenId);
  const citizenId = checkRegistration(c, c.registrationType);
  if (c.household.status !== 'active') throw new Error('unreachable: household checked');
  return [{
    type: 'PersonRegistered',
    data: {
      citizenId, name: c.name.trim(), sex: c.sex, dateOfBirth: c.dateOfBirth, householdId: c.household.householdId,
      relationToHead: c.relationToHead, regionCode: c.household.regionCode, registrationType: c.registrationType, reason: c.reason,
    },
  }];
};
