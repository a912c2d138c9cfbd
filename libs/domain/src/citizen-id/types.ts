/**
 * The shapes shared by the citizen identity number module. They stay local to the module: other
 * parts of the domain may grow their own result types, and this one should not become a dependency hub.
 */

declare const citizenIdBrand: unique symbol;

/**
 * 公民身份号码: the citizen identity number of GB 11643-1999, the unique key of a person — 18
 * characters, always in canonical form (check character `X` upper-case). Branded so that only
 * values that passed {@link validateCitizenId} (or were allocated or upgraded here) can be used as one.
 */
export type CitizenId = string & { readonly [citizenIdBrand]: 'CitizenId' };

/** 性别: the sex the order code encodes (odd for male, even for female). */
export type Sex = 'male' | 'female';

/** A calendar date `YYYY-MM-DD`; legal dates carry no time of day. */
export type IsoDate = string;

/** What an 18-character number says about its holder, read from its fixed positions. */
export interface CitizenIdFields {
  readonly id: CitizenId;
  /** 地址码: the 6-digit GB/T 2260 code of the county where the number was first registered. */
  readonly countyCode: string;
  /** 出生日期码: the date of birth, characters 7-14. */
  readonly dateOfBirth: IsoDate;
  readonly sex: Sex;
  /** 顺序码: the order code, 0-999, characters 15-17; its parity gives the sex. */
  readonly sequence: number;
}

/** Stable codes: callers and API clients branch on these, never on the message. */
export type CitizenIdProblemCode =
  | 'CITIZEN_ID.LENGTH'
  | 'CITIZEN_ID.CHARACTERS'
  | 'CITIZEN_ID.ADDRESS_CODE'
  | 'CITIZEN_ID.BIRTH_DATE'
  | 'CITIZEN_ID.SEX'
  | 'CITIZEN_ID.CHECK_CHARACTER'
  | 'CITIZEN_ID.SEQUENCE_EXHAUSTED';

/** One reason a number (or a request for one) was refused; `path` names the input field when there are several. */
export interface CitizenIdProblem {
  readonly code: CitizenIdProblemCode;
  readonly message: string;
  readonly path?: string;
}

/** Every operation of the module answers with the fields of a good number, or every problem found. */
export type CitizenIdResult =
  | ({ readonly ok: true } & CitizenIdFields)
  | { readonly ok: false; readonly problems: readonly CitizenIdProblem[] };

/** Context a caller may bring to make the checks stricter. */
export interface CitizenIdCheckOptions {
  /** "Today" as `YYYY-MM-DD`: a date of birth after it is refused. The domain has no clock of its own. */
  readonly today?: IsoDate;
  /** A stricter address check, e.g. against the GB/T 2260 table in force, called only on structurally valid codes. */
  readonly isKnownAddressCode?: (code6: string) => boolean;
}

export const refused = (problems: readonly CitizenIdProblem[]): CitizenIdResult => ({ ok: false, problems });
