import { classOn, type Reclassification, reclassificationInForce } from '../../src/regions';

/** 东风路街道绿财社区居委会 (derived 111) and 文化路街道关虎屯村民委员会 (derived 112), both in 金水区. */
const LVCAI = '410105010011';
const GUANHUTUN = '410105008201';
/** 马寨镇刘胡垌村委会, 二七区 (derived 220). */
const LIUHUDONG = '410103100202';

describe('城乡属性调整: the class in force on a date', () => {
  it('Given no reclassification, When asked, Then the class is the derived one', () => {
    expect(classOn(LVCAI, '2024-01-01', [])).toBe('111');
    expect(classOn(LIUHUDONG, '2024-01-01', [])).toBe('220');
  });

  it('Given a village reclassified to 122 from 2024-07-01, When asked before and on/after that date, Then it is 220 then 122', () => {
    const r: Reclassification[] = [{ code: LIUHUDONG, class: '122', effectiveFrom: '2024-07-01' }];
    expect(classOn(LIUHUDONG, '2024-06-30', r)).toBe('220');
    expect(classOn(LIUHUDONG, '2024-07-01', r)).toBe('122');
    expect(classOn(LIUHUDONG, '2030-01-01', r)).toBe('122');
  });

  it('Given two reclassifications of a village, When asked, Then the latest started one is in force', () => {
    const r: Reclassification[] = [
      { code: LIUHUDONG, class: '111', effectiveFrom: '2026-01-01' },
      { code: LIUHUDONG, class: '122', effectiveFrom: '2024-07-01' },
    ];
    expect(classOn(LIUHUDONG, '2025-01-01', r)).toBe('122');
    expect(classOn(LIUHUDONG, '2026-01-01', r)).toBe('111');
  });

  it('Given a township reclassified, When asked about its villages and others, Then it covers only its own villages', () => {
    const r: Reclassification[] = [{ code: '410103100', class: '121', effectiveFrom: '2025-01-01' }];
    expect(classOn(LIUHUDONG, '2025-01-01', r)).toBe('121');
    expect(classOn(GUANHUTUN, '2025-01-01', r)).toBe('112');
  });

  it('Given a county-wide reclassification with a same-day exception, When asked, Then the more specific one wins', () => {
    const r: Reclassification[] = [
      { code: GUANHUTUN, class: '220', effectiveFrom: '2025-01-01' },
      { code: '410105', class: '111', effectiveFrom: '2025-01-01' },
    ];
    expect(classOn(GUANHUTUN, '2025-06-01', r)).toBe('220');
    expect(classOn(LVCAI, '2025-06-01', r)).toBe('111');
  });

  it('Given a village exception and a later county-wide reclassification, When asked after both, Then the later one wins', () => {
    const r: Reclassification[] = [
      { code: GUANHUTUN, class: '220', effectiveFrom: '2020-01-01' },
      { code: '410105', class: '111', effectiveFrom: '2025-01-01' },
    ];
    expect(classOn(GUANHUTUN, '2024-12-31', r)).toBe('220');
    expect(classOn(GUANHUTUN, '2025-01-01', r)).toBe('111');
    expect(reclassificationInForce(GUANHUTUN, '2025-01-01', r)?.code).toBe('410105');
  });

  it('Given the same unit twice on one date, When asked, Then the later entry (event order) wins', () => {
    const r: Reclassification[] = [
      { code: LIUHUDONG, class: '121', effectiveFrom: '2025-01-01' },
      { code: LIUHUDONG, class: '122', effectiveFrom: '2025-01-01' },
    ];
    expect(classOn(LIUHUDONG, '2025-01-01', r)).toBe('122');
  });

  it('Given a rename without a class, When asked, Then the class is unchanged', () => {
    expect(classOn(LIUHUDONG, '2025-01-01', [{ code: LIUHUDONG, effectiveFrom: '2024-01-01' }])).toBe('220');
  });

  it('Given a township, an unknown or a malformed code, When asked, Then there is no class', () => {
    expect(classOn('410103100', '2025-01-01', [])).toBeUndefined();
    expect(classOn('110101001001', '2025-01-01', [{ code: '11', class: '111', effectiveFrom: '2000-01-01' }])).toBeUndefined();
    expect(classOn('41x', '2025-01-01', [])).toBeUndefined();
  });

  it('Given a date not in YYYY-MM-DD, When asked, Then it is a RangeError', () => {
    expect(() => classOn(LIUHUDONG, '2025-1-1', [])).toThrow(RangeError);
    expect(() => classOn(LIUHUDONG, '2025-01-01', [{ code: LIUHUDONG, class: '111', effectiveFrom: '20250101' }])).toThrow(RangeError);
  });
});
