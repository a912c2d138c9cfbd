import fc from 'fast-check';
import {
  ancestorsOf, codeAt, isRegionCode, isWithin, normaliseRegionCode, parentOf, prefixAt, RegionError,
  regionFormatProblem, regionLevelOf, regionPrefixOf,
} from '../../src/regions';

const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
};

describe('统计用区划代码 helpers', () => {
  it.each([
    ['41', '410000000000', 'province'],
    ['4101', '410100000000', 'prefecture'],
    ['410105', '410105000000', 'county'],
    ['410105001', '410105001000', 'township'],
    ['410105001003', '410105001003', 'village'],
    ['410100', '410100000000', 'prefecture'],
  ])('Given %s, When normalised, Then it is %s, a %s', (text, code, level) => {
    expect(normaliseRegionCode(text)).toBe(code);
    expect(regionLevelOf(text)).toBe(level);
  });

  it.each(['', '4', '410', '41010', '4101050010', '41a1', ' 41', '410105001003 ', '000000000000', '00', '410000001000', '410100000001', 4101, null])(
    'Given %j, When normalised, Then it is REGION.FORMAT',
    (text) => {
      expect(regionFormatProblem(text)?.code).toBe('REGION.FORMAT');
      expect(isRegionCode(text)).toBe(false);
      if (typeof text !== 'string') return;
      const error = thrown(() => normaliseRegionCode(text));
      expect(error).toBeInstanceOf(RegionError);
      expect(error).toMatchObject({ kind: 'invalid', code: 'REGION.FORMAT' });
    },
  );

  it('Given a village code, When asked for its parts, Then prefixes, codes, parent and ancestors follow the 2/4/6/9/12 digits', () => {
    const code = '410105001003';
    expect(['province', 'prefecture', 'county', 'township', 'village'].map((l) => prefixAt(code, l as never)))
      .toEqual(['41', '4101', '410105', '410105001', '410105001003']);
    expect(codeAt(code, 'county')).toBe('410105000000');
    expect(parentOf(code)).toBe('410105001000');
    expect(parentOf('410105001')).toBe('410105000000');
    expect(parentOf('41')).toBeUndefined();
    expect(ancestorsOf(code)).toEqual(['410000000000', '410100000000', '410105000000', '410105001000']);
    expect(regionPrefixOf('410105000000')).toBe('410105');
  });

  it('Given a county, When asked for its township part, Then it is a RangeError (a county has none)', () => {
    expect(() => prefixAt('410105', 'township')).toThrow(RangeError);
  });

  it('Given 金水区 410105, When tested for containment, Then it is within 4101 and 41 and itself, not within 4102 or 23', () => {
    expect(isWithin('410105', '4101')).toBe(true);
    expect(isWithin('410105000000', '41')).toBe(true);
    expect(isWithin('410105001003', '410105')).toBe(true);
    expect(isWithin('410105', '410105000000')).toBe(true);
    expect(isWithin('410105', '4102')).toBe(false);
    expect(isWithin('410105', '23')).toBe(false);
    expect(isWithin('41', '410105')).toBe(false);
  });

  it('Given any well-formed village code, Then each ancestor contains it and the parent chain ends at the province', () => {
    const segment = (digits: number) => fc.integer({ min: 1, max: 10 ** digits - 1 }).map((n) => String(n).padStart(digits, '0'));
    fc.assert(fc.property(fc.tuple(segment(2), segment(2), segment(2), segment(3), segment(3)), (parts) => {
      const code = normaliseRegionCode(parts.join(''));
      for (const a of ancestorsOf(code)) expect(isWithin(code, a)).toBe(true);
      let steps = 0;
      for (let c = parentOf(code); c !== undefined; c = parentOf(c)) steps++;
      expect(steps).toBe(4);
    }));
  });
});
