import { type RegionSelector } from './model';

/**
 * 县级单位类别: the kind of a county-level unit, read from digits 5-6 of its code (GB/T 2260 practice):
 * 01-20 市辖区 (`district`), 21-70 县 / 旗 / 自治县 (`county`), 71-80 功能区 such as 经济技术开发区
 * (`special-zone`), 81-99 县级市 (`county-level-city`). Units filed under a province's 省直辖县级行政区划
 * (e.g. 4190 济源) break the pattern; select them by prefix.
 */
export type CountyKind = 'district' | 'county' | 'special-zone' | 'county-level-city';

/** The county kind of a 6- to 12-digit code, or undefined for a code above county level. */
export const countyKindOf = (code: string): CountyKind | undefined => {
  const n = Number(code.slice(4, 6));
  if (code.length < 6 || !Number.isInteger(n) || n === 0) return undefined;
  if (n <= 20) return 'district';
  if (n <= 70) return 'county';
  if (n <= 80) return 'special-zone';
  return 'county-level-city';
};

/** True when the 12-digit code lies in the selected divisions. */
export const selectorMatches = (selector: RegionSelector, code: string): boolean => {
  if (!code.startsWith(selector.prefix)) return false;
  if (!selector.countyKinds) return true;
  const kind = countyKindOf(code);
  return kind !== undefined && selector.countyKinds.includes(kind);
};

/** How specific a selector is: a longer prefix wins; a county-kind filter beats the bare prefix. */
export const selectorSpecificity = (selector: RegionSelector): number => selector.prefix.length * 2 + (selector.countyKinds ? 1 : 0);

/** The specificity of the best selector matching `code`, or -1 when none matches. */
export const bestMatch = (selectors: readonly RegionSelector[], code: string): number =>
  selectors.reduce((best, s) => (selectorMatches(s, code) ? Math.max(best, selectorSpecificity(s)) : best), -1);

/** 统计用区划代码: a 12-digit statistical division code. */
export const isRegionCode = (code: string): boolean => /^[0-9]{12}$/.test(code);

/** A region prefix of 2, 4, 6, 9 or 12 digits. */
export const isRegionPrefix = (prefix: string): boolean => /^(?:[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12})$/.test(prefix);
