import { type CitizenIdProblem } from './types';

/**
 * 地址码: the address code, the first six characters — the GB/T 2260 code of the county (县级) where
 * the person's household registration was when the number was assigned. It never changes when the
 * person moves, so it says where the number came from, not where the person lives.
 *
 * Structure `PPCCDD`: province (省级), prefecture (地级), county (县级). The check here is structural,
 * because GB/T 2260 changes every year and old numbers keep their retired codes; a caller that holds
 * the table passes `isKnownAddressCode` for a stricter check.
 */

/** 省级行政区划代码: the province-level codes of GB/T 2260 (71 Taiwan, 81 Hong Kong, 82 Macao). */
export const PROVINCE_CODES: readonly string[] = [
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
];

/**
 * Taiwan, Hong Kong and Macao have no subdivisions in GB/T 2260: numbers issued to their residents
 * (e.g. on the 港澳台居民居住证) carry the bare `XX0000`. No household-registration office registers
 * a birth there, so they are valid in a number but never a place to allocate one.
 */
const WITHOUT_SUBDIVISIONS: readonly string[] = ['71', '81', '82'];

const SIX_DIGITS = /^\d{6}$/;

export interface AddressCodeCheck {
  readonly isKnownAddressCode?: (code6: string) => boolean;
  /** True when a new number is being allocated: the code must then be a place that registers births. */
  readonly forAllocation?: boolean;
  /** Names the input field in the problems. */
  readonly path?: string;
}

/**
 * Every reason `code` is not an address code. The county part may be `00`: a prefecture-level city
 * without counties registers its people under the prefecture's own code (东莞 441900, 中山 442000,
 * 嘉峪关 620200, 儋州 460400). The prefecture part may not be `00` outside Taiwan, Hong Kong and Macao:
 * a bare province code names no place of registration.
 */
export const addressCodeProblems = (code: string, check: AddressCodeCheck = {}): CitizenIdProblem[] => {
  const problem = (message: string): CitizenIdProblem[] =>
    [{ code: 'CITIZEN_ID.ADDRESS_CODE', message, ...(check.path === undefined ? {} : { path: check.path }) }];
  if (!SIX_DIGITS.test(code)) return problem(`address code "${code}" must be 6 digits`);
  const province = code.slice(0, 2);
  const rest = code.slice(2);
  if (!PROVINCE_CODES.includes(province)) return problem(`address code ${code}: ${province} is not a province-level code of GB/T 2260`);
  if (WITHOUT_SUBDIVISIONS.includes(province)) {
    if (rest !== '0000') return problem(`address code ${code}: GB/T 2260 has no subdivisions of ${province}0000`);
    if (check.forAllocation === true) return problem(`address code ${code}: no household-registration office registers births there`);
  } else if (rest.startsWith('00')) {
    return problem(`address code ${code}: a province-level code names no county; the prefecture part must not be 00`);
  }
  if (check.isKnownAddressCode && !check.isKnownAddressCode(code)) return problem(`address code ${code} is not a known county code`);
  return [];
};
