import { type HouseholdKind, type RegistrationType } from '../../../../events';
import { type IsoDate, isIsoDate, legalDateOf } from './dates';
import { type Problem, rule } from './errors';
import { type Fact, notBefore } from './time';

/**
 * What every command carries besides its fields: the legal date of the fact and the system time it is
 * decided at. `now` is passed in (the domain has no clock).
 */
export interface CommandTime {
  /** The legal date of the fact. It may precede `now` (late registration, 补录) but never follow it. */
  readonly effectiveDate: IsoDate;
  readonly now: Date;
}

/** What the command loop read from a household's stream, for a person command that places someone in it. */
export type HouseholdContext =
  | { readonly status: 'missing'; readonly householdId: string }
  | {
    readonly status: 'active' | 'dissolved'; readonly householdId: string; readonly regionCode: string; readonly kind: HouseholdKind;
    /** 立户: when the household came into being (nobody is placed in it before). */
    readonly established?: Fact;
    /** 销户: when it ended (nobody is placed in it at all once it has). */
    readonly dissolved?: Fact;
  };

/** What the command loop read from the jurisdiction of a region: the unification cut-over, if declared. */
export interface JurisdictionContext {
  /** 统一城乡户口登记 cut-over date in force for the region (the most specific jurisdiction's). */
  readonly cutoverDate?: IsoDate;
  /** The jurisdiction it was read from: when given, it must cover the region the command concerns. */
  readonly prefix?: string;
}

export const effectiveDateProblems = (time: CommandTime): Problem[] => {
  if (!isIsoDate(time.effectiveDate)) return [{ code: 'DATE.INVALID', message: `effective date ${time.effectiveDate} is not a calendar date`, path: 'effectiveDate' }];
  if (time.effectiveDate > legalDateOf(time.now))
    return [{ code: 'DATE.EFFECTIVE_IN_FUTURE', message: `the effective date ${time.effectiveDate} is after today (${legalDateOf(time.now)})`, path: 'effectiveDate' }];
  return [];
};

/**
 * The household a person is placed in must exist, not be dissolved, and have been established by the
 * date the person joins it (`on`, when given: the order of time).
 */
export const householdProblems = (household: HouseholdContext, path: string, on?: IsoDate): Problem[] => {
  if (household.status === 'missing') return [{ code: 'HOUSEHOLD.NOT_FOUND', message: `household ${household.householdId} does not exist`, path }];
  if (household.status === 'dissolved')
    return [rule({ code: 'HOUSEHOLD.DISSOLVED', message: `household ${household.householdId} is dissolved${household.dissolved ? ` (since ${household.dissolved.effectiveDate})` : ''}`, path, ...(household.dissolved ? { fact: household.dissolved } : {}) })];
  return on === undefined || !isIsoDate(on) ? [] : notBefore(`joining household ${household.householdId}`, on, household.established);
};

/** After a jurisdiction's cut-over only `resident` (居民户口) may be registered there. */
export const registrationTypeProblems = (type: RegistrationType, on: IsoDate, jurisdiction: JurisdictionContext, path: string, regionCode?: string): Problem[] => {
  if (jurisdiction.prefix !== undefined && regionCode !== undefined && !regionCode.startsWith(jurisdiction.prefix))
    return [{ code: 'JURISDICTION.MISMATCH', message: `the cut-over given is ${jurisdiction.prefix}'s, but the region is ${regionCode}`, path: 'jurisdiction' }];
  return type !== 'resident' && jurisdiction.cutoverDate !== undefined && jurisdiction.cutoverDate <= on
    ? [rule({ code: 'REGISTRATION.TYPE_ABOLISHED', message: `${type} registration was abolished on ${jurisdiction.cutoverDate}${jurisdiction.prefix ? ` in ${jurisdiction.prefix}` : ''}: only resident (居民户口) may be registered`, path })]
    : [];
};
