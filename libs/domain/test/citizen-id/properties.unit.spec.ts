import fc from 'fast-check';
import { allocateCitizenId, checkCharacter, upgradeCitizenId, validateCitizenId, type Sex } from '../../src/citizen-id';

// The province-level codes of GB/T 2260 that register births (Taiwan, Hong Kong, Macao have no counties).
const MAINLAND = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65'];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

const countyCode = fc.tuple(fc.constantFrom(...MAINLAND), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 99 }))
  .map(([p, c, d]) => p + pad(c, 2) + pad(d, 2));

const isoDateBetween = (min: string, max: string): fc.Arbitrary<string> =>
  fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T23:59:59Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

const dateOfBirth = isoDateBetween('1880-01-01', '2099-12-31');
const sequence = fc.integer({ min: 0, max: 999 });
const sex = fc.constantFrom<Sex>('male', 'female');

const first17 = fc.tuple(countyCode, dateOfBirth, sequence).map(([c, d, s]) => c + d.replaceAll('-', '') + pad(s, 3));

describe('公民身份号码: properties', () => {
  it('Given any valid county, date and order code, When the check character is appended, Then the number validates with those fields', () => {
    fc.assert(fc.property(countyCode, dateOfBirth, sequence, (c, d, s) => {
      const head = c + d.replaceAll('-', '') + pad(s, 3);
      const result = validateCitizenId(head + checkCharacter(head));
      expect(result).toMatchObject({ ok: true, countyCode: c, dateOfBirth: d, sequence: s, sex: s % 2 === 1 ? 'male' : 'female' });
    }));
  });

  it('Given a valid number, When any one character is replaced by another digit or X, Then it no longer validates', () => {
    const replacement = fc.tuple(first17, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...'0123456789X'.split('')));
    fc.assert(fc.property(replacement, ([head, at, character]) => {
      const id = head + checkCharacter(head);
      fc.pre(id.charAt(at) !== character);
      const changed = id.slice(0, at) + character + id.slice(at + 1);
      expect(validateCitizenId(changed).ok).toBe(false);
    }));
  });

  it('Given any taken order codes and any draws, When a birth is allocated, Then the number validates with its sex and date, its code is free, and only a full day is refused', () => {
    const taken = fc.uniqueArray(fc.integer({ min: 0, max: 999 }), { maxLength: 600 });
    const draws = fc.array(fc.nat(), { minLength: 1, maxLength: 40 });
    fc.assert(fc.property(countyCode, dateOfBirth, sex, taken, draws, (c, d, s, codes, ks) => {
      const takenCodes = new Set(codes);
      let i = 0;
      const draw = (n: number): number => ks[i++ % ks.length]! % n;
      const result = allocateCitizenId({ countyCode: c, dateOfBirth: d, sex: s, isTaken: (id) => takenCodes.has(Number(id.slice(14, 17))), draw });
      const free = Array.from({ length: 1000 }, (_, j) => j).filter((j) => j > 0 && j % 2 === (s === 'male' ? 1 : 0) && !takenCodes.has(j));
      if (free.length === 0) {
        expect(result).toMatchObject({ ok: false, problems: [{ code: 'CITIZEN_ID.SEQUENCE_EXHAUSTED' }] });
        return;
      }
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      expect(free).toContain(result.sequence);
      expect(validateCitizenId(result.id, { sex: s, today: '2099-12-31' })).toMatchObject({ ok: true, sex: s, dateOfBirth: d, countyCode: c });
    }));
  });

  it('Given any 15-digit number with a real 20th-century date, When upgraded, Then the 18-character number validates and keeps the 15 digits', () => {
    fc.assert(fc.property(countyCode, isoDateBetween('1900-01-01', '1999-12-31'), sequence, (c, d, s) => {
      const old = c + d.slice(2).replaceAll('-', '') + pad(s, 3);
      const result = upgradeCitizenId(old);
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      expect(validateCitizenId(result.id)).toEqual(result);
      expect(result.dateOfBirth).toBe(d);
      expect(result.id.slice(0, 6) + result.id.slice(8, 17)).toBe(old);
    }));
  });

  it('Given any 15 digits, When upgraded, Then it either validates or is refused only for its address code or date', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 15, maxLength: 15 }), (old) => {
      const result = upgradeCitizenId(old);
      if (result.ok) expect(validateCitizenId(result.id).ok).toBe(true);
      else for (const p of result.problems) expect(['CITIZEN_ID.ADDRESS_CODE', 'CITIZEN_ID.BIRTH_DATE']).toContain(p.code);
    }));
  });

  it('Given any text, When validated, Then it never throws, and a refusal always lists at least one problem', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(...'0123456789Xx'.split('')), maxLength: 20 })), (text) => {
      const result = validateCitizenId(text);
      if (result.ok) expect(result.id).toMatch(/^\d{17}[\dX]$/);
      else expect(result.problems.length).toBeGreaterThan(0);
    }));
  });
});
