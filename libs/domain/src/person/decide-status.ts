import {
  type ActualResidenceEnded, type ActualResidenceRegistered, type DeathRegistered, type RecordCorrected, type RegistrationTypeUnified,
  type ResidencePermitCancelled, type ResidencePermitIssued, type ResidencePermitRenewed,
} from '../../../../events';
import { effectiveDateProblems, registrationTypeProblems } from '../shared/context';
import { isIsoDate, legalDateOf } from '../shared/dates';
import { illegal, type Problem, refuseIfAny, rule } from '../shared/errors';
import { regionCodeProblems, relationProblems, requiredTextProblems } from '../shared/fields';
import { registrationType as registrationTypes } from '../../../../events';
import {
  type CancelResidencePermit, type CorrectRecord, type EndActualResidence, type IssueResidencePermit, type RegisterActualResidence,
  type RegisterDeath, type RenewResidencePermit, type UnifyRegistrationType,
} from './commands';
import { type Deceased, type Registered } from './state';

import { countyOf } from '../regions/codes';

/** 统一登记为居民户口: needs the jurisdiction's cut-over in force; a resident is left as is (idempotent). */
export const unify = (c: UnifyRegistrationType, p: Registered): RegistrationTypeUnified[] => {
  refuseIfAny(effectiveDateProblems(c));
  if (!p.regionCode.startsWith(c.jurisdiction.prefix))
    throw illegal('UNIFICATION.OUTSIDE_JURISDICTION', `${p.citizenId} is registered in ${p.regionCode}, outside ${c.jurisdiction.prefix}`);
  const cutover = c.jurisdiction.cutoverDate;
  if (cutover === undefined || cutover > c.effectiveDate)
    throw illegal('UNIFICATION.NO_CUTOVER', `no unification cut-over is in force for ${p.regionCode} on ${c.effectiveDate}`);
  if (p.registrationType === 'resident') return [];
  return [unified(p, { jurisdiction: c.jurisdiction.prefix, effectiveDate: cutover, documentNo: c.jurisdiction.documentNo })];
};

/** The event that makes a historical registration type `resident` under a cut-over (also emitted by a migration). */
export const unified = (p: Registered, cutover: RegistrationTypeUnified['data']['cutover']): RegistrationTypeUnified => ({
  type: 'RegistrationTypeUnified',
  data: { citizenId: p.citizenId, previousType: p.registrationType, newType: 'resident', cutover },
});

/** 居住证: for living away from the place of registration, so never in the person's own county. */
export const issuePermit = (c: IssueResidencePermit, p: Registered): ResidencePermitIssued[] => {
  const problems: Problem[] = [...effectiveDateProblems(c), ...regionCodeProblems(c.residenceRegionCode, 'residenceRegionCode'), ...requiredTextProblems(c.permitNo, 'permitNo', 40)];
  if (countyOf(c.residenceRegionCode) === countyOf(p.regionCode))
    problems.push(rule({ code: 'PERMIT.SAME_COUNTY', message: 'a residence permit is for living outside the county of registration; use actual residence registration', path: 'residenceRegionCode' }));
  if (!isIsoDate(c.validFrom) || !isIsoDate(c.validUntil) || c.validUntil <= c.validFrom)
    problems.push({ code: 'PERMIT.VALIDITY', message: `validity ${c.validFrom}..${c.validUntil} is not a period`, path: 'validUntil' });
  if (p.permits.some((h) => h.permitNo === c.permitNo)) problems.push(rule({ code: 'PERMIT.DUPLICATE', message: `permit ${c.permitNo} is already held`, path: 'permitNo' }));
  refuseIfAny(problems);
  const { permitNo, residenceRegionCode, validFrom, validUntil, basis } = c;
  return [{ type: 'ResidencePermitIssued', data: { citizenId: p.citizenId, permitNo, residenceRegionCode, validFrom, validUntil, basis } }];
};

const heldPermit = (p: Registered, permitNo: string) => {
  const permit = p.permits.find((h) => h.permitNo === permitNo);
  if (!permit) throw illegal('PERMIT.NOT_HELD', `${p.citizenId} holds no permit ${permitNo}`);
  return permit;
};

export const renewPermit = (c: RenewResidencePermit, p: Registered): ResidencePermitRenewed[] => {
  const permit = heldPermit(p, c.permitNo);
  const problems = effectiveDateProblems(c);
  if (!isIsoDate(c.validUntil) || c.validUntil <= permit.validUntil)
    problems.push({ code: 'PERMIT.VALIDITY', message: `a renewal must end after ${permit.validUntil}`, path: 'validUntil' });
  refuseIfAny(problems);
  return [{ type: 'ResidencePermitRenewed', data: { citizenId: p.citizenId, permitNo: c.permitNo, validUntil: c.validUntil } }];
};

export const cancelPermit = (c: CancelResidencePermit, p: Registered): ResidencePermitCancelled[] => {
  heldPermit(p, c.permitNo);
  refuseIfAny(effectiveDateProblems(c));
  return [{ type: 'ResidencePermitCancelled', data: { citizenId: p.citizenId, permitNo: c.permitNo, reason: c.reason } }];
};

/** 实际居住登记: a local living elsewhere in the county of registration. */
export const registerActualResidence = (c: RegisterActualResidence, p: Registered): ActualResidenceRegistered[] => {
  const problems = [...effectiveDateProblems(c), ...regionCodeProblems(c.regionCode, 'regionCode')];
  if (countyOf(c.regionCode) !== countyOf(p.regionCode))
    problems.push(rule({ code: 'RESIDENCE.OTHER_COUNTY', message: 'actual residence registration is within the county of registration; outside it, a residence permit', path: 'regionCode' }));
  if (c.regionCode === p.regionCode) problems.push(rule({ code: 'RESIDENCE.SAME_PLACE', message: 'the person already lives where registered', path: 'regionCode' }));
  refuseIfAny(problems);
  return [{ type: 'ActualResidenceRegistered', data: { citizenId: p.citizenId, regionCode: c.regionCode, since: c.effectiveDate, ...(c.address ? { address: c.address } : {}) } }];
};

export const endActualResidence = (c: EndActualResidence, p: Registered): ActualResidenceEnded[] => {
  if (!p.actualResidence) throw illegal('RESIDENCE.NONE', `${p.citizenId} has no actual residence registered`);
  refuseIfAny(effectiveDateProblems(c));
  return [{ type: 'ActualResidenceEnded', data: { citizenId: p.citizenId, regionCode: p.actualResidence.regionCode, until: c.effectiveDate } }];
};

/** 死亡注销: the date of death lies between the birth and today. */
export const registerDeath = (c: RegisterDeath, p: Registered): DeathRegistered[] => {
  const problems = [...effectiveDateProblems(c), ...regionCodeProblems(c.placeOfDeath, 'placeOfDeath'), ...requiredTextProblems(c.deathCertificateRef, 'deathCertificateRef', 64)];
  if (!isIsoDate(c.dateOfDeath)) problems.push({ code: 'DATE.INVALID', message: `${c.dateOfDeath} is not a calendar date`, path: 'dateOfDeath' });
  else if (c.dateOfDeath < p.dateOfBirth) problems.push({ code: 'DATE.DEATH_BEFORE_BIRTH', message: `death ${c.dateOfDeath} is before birth ${p.dateOfBirth}`, path: 'dateOfDeath' });
  else if (c.dateOfDeath > legalDateOf(c.now)) problems.push({ code: 'DATE.DEATH_IN_FUTURE', message: `death ${c.dateOfDeath} is after today`, path: 'dateOfDeath' });
  else if (isIsoDate(c.effectiveDate) && c.effectiveDate < c.dateOfDeath)
    problems.push({ code: 'DATE.BEFORE_DEATH', message: `the deregistration cannot take effect (${c.effectiveDate}) before the death (${c.dateOfDeath})`, path: 'effectiveDate' });
  refuseIfAny(problems);
  return [{ type: 'DeathRegistered', data: { citizenId: p.citizenId, dateOfDeath: c.dateOfDeath, placeOfDeath: c.placeOfDeath, deathCertificateRef: c.deathCertificateRef } }];
};

const currentValue = (p: Registered | Deceased, field: CorrectRecord['field']): string =>
  field === 'dateOfDeath' ? (p.status === 'deceased' ? p.dateOfDeath : '') : (p[field] ?? '');

/** What the corrected value must be, field by field: a correction is bound by the same rules as a registration. */
const correctedProblems = (c: CorrectRecord, p: Registered | Deceased, today: string): Problem[] => {
  const v = c.corrected;
  const path = 'corrected';
  const date = (what: string): Problem[] => (isIsoDate(v) ? [] : [{ code: 'DATE.INVALID', message: `${what} ${v} is not a calendar date`, path }]);
  switch (c.field) {
    case 'name': return requiredTextProblems(v, path, 50);
    case 'sex': return v === 'male' || v === 'female' ? [] : [{ code: 'FIELD.INVALID', message: 'sex is male or female', path }];
    case 'placeOfBirth': return regionCodeProblems(v, path);
    case 'relationToHead': return relationProblems(v, path);
    case 'registrationType':
      if (!(registrationTypes.json.enum as readonly string[]).includes(v)) return [{ code: 'FIELD.INVALID', message: `${v} is not a registration type`, path }];
      return registrationTypeProblems(v as Registered['registrationType'], c.effectiveDate, c.jurisdiction, path, p.regionCode);
    case 'dateOfBirth':
      if (date('the date of birth').length > 0) return date('the date of birth');
      if (v > today) return [{ code: 'DATE.BIRTH_IN_FUTURE', message: `a birth on ${v} is after today`, path }];
      return p.status === 'deceased' && v > p.dateOfDeath ? [{ code: 'DATE.DEATH_BEFORE_BIRTH', message: `birth ${v} would follow death ${p.dateOfDeath}`, path }] : [];
    case 'dateOfDeath':
      if (date('the date of death').length > 0) return date('the date of death');
      if (v < p.dateOfBirth) return [{ code: 'DATE.DEATH_BEFORE_BIRTH', message: `death ${v} is before birth ${p.dateOfBirth}`, path }];
      return v > today ? [{ code: 'DATE.DEATH_IN_FUTURE', message: `death ${v} is after today`, path }] : [];
    default: {
      const _exhaustive: never = c.field;
      return _exhaustive;
    }
  }
};

/** 更正: the only event allowed after death. History is never rewritten: the previous value is kept. */
export const correctRecord = (c: CorrectRecord, p: Registered | Deceased): RecordCorrected[] => {
  const previous = currentValue(p, c.field);
  const problems = [...effectiveDateProblems(c), ...requiredTextProblems(c.reason, 'reason', 500)];
  if (c.revokesDeath) {
    if (p.status !== 'deceased' || c.field !== 'dateOfDeath')
      problems.push({ code: 'CORRECTION.NOT_DECEASED', message: 'only a registered death can be withdrawn, as a correction of dateOfDeath', path: 'revokesDeath' });
    else if (c.corrected !== previous)
      problems.push({ code: 'CORRECTION.WRONG_DEATH', message: `name the death being withdrawn: ${previous}`, path: 'corrected' });
    if (c.household?.status === 'dissolved')
      problems.push(rule({ code: 'HOUSEHOLD.DISSOLVED', message: `the withdrawal would restore ${p.citizenId} to household ${c.household.householdId}, dissolved since`, path: 'revokesDeath', ...(c.household.dissolved ? { fact: c.household.dissolved } : {}) }));
  } else {
    if (c.field === 'dateOfDeath' && p.status !== 'deceased') problems.push({ code: 'CORRECTION.NO_VALUE', message: 'no death is registered', path: 'field' });
    if (previous === c.corrected) problems.push({ code: 'CORRECTION.UNCHANGED', message: `${c.field} is already ${c.corrected}`, path: 'corrected' });
    problems.push(...correctedProblems(c, p, legalDateOf(c.now)));
  }
  refuseIfAny(problems);
  return [{
    type: 'RecordCorrected',
    data: { citizenId: p.citizenId, field: c.field, previous, corrected: c.corrected, reason: c.reason, evidence: [...c.evidence], ...(c.revokesDeath ? { revokesDeath: true } : {}) },
  }];
};
