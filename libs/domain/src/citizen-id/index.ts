/** 公民身份号码 (GB 11643-1999): validate, read, allocate and upgrade citizen identity numbers. */
export {
  type CitizenId, type CitizenIdCheckOptions, type CitizenIdFields, type CitizenIdProblem, type CitizenIdProblemCode,
  type CitizenIdResult, type IsoDate, type Sex,
} from './types';
export { CHECK_CHARACTERS, CHECK_WEIGHTS, checkCharacter } from './check-character';
export { PROVINCE_CODES, addressCodeProblems } from './address-code';
export { EARLIEST_BIRTH_DATE, isCalendarDate } from './birth-date';
export { countyCodeOf, dateOfBirthOf, sequenceOf, sexOf } from './accessors';
export { parseCitizenId, validateCitizenId, type ValidateOptions } from './validate';
export { SEQUENCE_CAPACITY, allocateCitizenId, drawSequence, type AllocationRequest, type Draw } from './allocate';
export { upgradeCitizenId, type UpgradeOptions } from './upgrade';
