import { isIsoDate } from '../shared/dates';
import { type Problem } from '../shared/errors';
import { type Fact, latestFact, notBefore, REVOKES_DEATH, type Timeline, timeOrder } from '../shared/time';
import { type PersonCommand } from './commands';

/**
 * 时间顺序 on a person's stream: a command's effective date never contradicts the facts the stream already
 * holds (the table in events/README.md, "The order of time"). Each rule names the fact it checks against, so a
 * refusal (422 TIME.ORDER) can cite its event, revision and effective date. Late registration (补录: effective
 * long before recorded) stays allowed wherever it contradicts nothing.
 */

/** Records about the life, not facts of it: refusals, corrections, family decisions and their completion, releases (a move that uses one is dated within its days). */
const RECORDS = ['SettlementRefused', 'RecordCorrected', 'FamilySettlementDecided', 'FamilySettlementCompleted', 'MigrationReleased'];

/** 户口登记: the first registration (birth or first registration of a person). */
const REGISTRATIONS = ['BirthRegistered', 'PersonRegistered'];
/** Facts that place the hukou in a household: the registration and every move. */
const PLACEMENTS = [...REGISTRATIONS, 'HukouMigrated'];

/**
 * A fact in effect is part of the person's life: everything but refusals, corrections (which are about the
 * record) and a death withdrawn by a later correction.
 */
const inEffect = (t: Timeline): Fact[] => {
  const withdrawn = t.findLastIndex((f) => f.key === REVOKES_DEATH);
  return t.filter((f, i) => !RECORDS.includes(f.event) && !(f.event === 'DeathRegistered' && i < withdrawn));
};

const registration = (t: Timeline): Fact | undefined => t.find((f) => REGISTRATIONS.includes(f.event));
const lastPlacement = (t: Timeline): Fact | undefined => latestFact(t.filter((f) => PLACEMENTS.includes(f.event)));
const lastOf = (t: Timeline, types: readonly string[], key?: string): Fact | undefined =>
  latestFact(t.filter((f) => types.includes(f.event) && (key === undefined || f.key === key)));

const correctionProblems = (c: Extract<PersonCommand, { type: 'CorrectRecord' }>, t: Timeline): Problem[] => {
  const problems = notBefore('the correction', c.effectiveDate, registration(t));
  if (c.revokesDeath) return [...problems, ...notBefore('withdrawing the death', c.effectiveDate, lastOf(t, ['DeathRegistered']))];
  // A corrected date of birth may not fall after the registration; a corrected date of death not before a fact in effect.
  if (c.field === 'dateOfBirth' && isIsoDate(c.corrected)) {
    const first = registration(t);
    if (first && c.corrected > first.effectiveDate) problems.push(timeOrder(`a birth on ${c.corrected} would follow the registration`, first, 'corrected'));
  }
  // A corrected registration type holds from the correction's date: not before the conversion or placement it would undo.
  if (c.field === 'registrationType') problems.push(...notBefore('the corrected registration type', c.effectiveDate, latestFact([lastPlacement(t), lastOf(t, ['RegistrationTypeUnified'])].filter((f) => f !== undefined))));
  if (c.field === 'dateOfDeath' && isIsoDate(c.corrected))
    problems.push(...notBefore('the corrected death', c.corrected, latestFact(inEffect(t).filter((f) => f.event !== 'DeathRegistered')), 'corrected'));
  return problems;
};

/** Every way the command's dates contradict the person's recorded facts (empty when they do not). */
export const personTimeProblems = (c: PersonCommand, t: Timeline): Problem[] => {
  if (!isIsoDate(c.effectiveDate) || t.length === 0) return [];
  const d = c.effectiveDate;
  switch (c.type) {
    case 'RegisterBirth':
    case 'RegisterPerson':
      return []; // a first registration: the stream holds nothing yet (a second is PERSON.ALREADY_REGISTERED)
    case 'Migrate':
      return c.admission.outcome === 'refused'
        ? notBefore('the settlement refusal', d, registration(t))
        : [...notBefore('the move', d, latestFact(inEffect(t))), ...notBefore('leaving the household they head', d, c.headSince)];
    case 'RefuseSettlement':
      return notBefore('the settlement refusal', d, registration(t));
    case 'CompleteFamilySettlement':
      return []; // a record of what became of a decision already in the stream
    case 'UnifyRegistrationType':
      return notBefore('the unification', d, lastPlacement(t));
    case 'IssueResidencePermit':
      return notBefore('the residence permit', d, lastPlacement(t));
    case 'RenewResidencePermit':
      return notBefore(`renewing permit ${c.permitNo}`, d, lastOf(t, ['ResidencePermitIssued', 'ResidencePermitRenewed'], c.permitNo));
    case 'CancelResidencePermit':
      return notBefore(`cancelling permit ${c.permitNo}`, d, lastOf(t, ['ResidencePermitIssued', 'ResidencePermitRenewed'], c.permitNo));
    case 'RegisterActualResidence':
      return notBefore('the actual residence', d, latestFact([lastPlacement(t), lastOf(t, ['ActualResidenceRegistered', 'ActualResidenceEnded'])].filter((f) => f !== undefined)));
    case 'EndActualResidence':
      return notBefore('ending the actual residence', d, lastOf(t, ['ActualResidenceRegistered']));
    case 'ReleaseForMigration':
      return notBefore('the release', d, lastPlacement(t));
    case 'RegisterDeath':
      return isIsoDate(c.dateOfDeath)
        ? [...notBefore('the death', c.dateOfDeath, latestFact(inEffect(t)), 'dateOfDeath'), ...notBefore('the death of the head', c.dateOfDeath, c.headSince, 'dateOfDeath')]
        : [];
    case 'CorrectRecord':
      return correctionProblems(c, t);
    default: {
      const _exhaustive: never = c;
      return _exhaustive;
    }
  }
};

/**
 * The legal date of a conversion (统一登记) under a cut-over: the cut-over date, or — for someone placed in
 * the jurisdiction after it — the date they were placed there (a conversion never precedes the placement).
 */
export const unificationDateFor = (cutoverDate: string, t: Timeline): string => {
  const placed = lastPlacement(t)?.effectiveDate;
  return placed !== undefined && placed > cutoverDate ? placed : cutoverDate;
};
