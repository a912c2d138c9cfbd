import { countyCodeOf, dateOfBirthOf, parseCitizenId, sequenceOf, sexOf, validateCitizenId } from '../../src/citizen-id';
import { codesOf, withCheck, wrongCheck } from './support';

describe('公民身份号码: validating a citizen identity number', () => {
  it('Given the standard example 11010519491231002X, When validated, Then it passes with female, 1949-12-31, county 110105', () => {
    expect(validateCitizenId('11010519491231002X')).toEqual({
      ok: true, id: '11010519491231002X', countyCode: '110105', dateOfBirth: '1949-12-31', sex: 'female', sequence: 2,
    });
  });

  it('Given the standard example 440524188001010014, When validated, Then it passes with male, 1880-01-01, county 440524', () => {
    expect(validateCitizenId('440524188001010014')).toMatchObject({ ok: true, countyCode: '440524', dateOfBirth: '1880-01-01', sex: 'male', sequence: 1 });
  });

  it('Given a lower-case x as check character, When validated, Then it passes and the id is normalised to X', () => {
    const result = validateCitizenId('11010519491231002x');
    expect(result).toMatchObject({ ok: true, id: '11010519491231002X' });
  });

  it('Given a valid number, When its fields are read with the accessors, Then they agree with validation', () => {
    const result = validateCitizenId('11010519491231002X');
    if (!result.ok) throw new Error('expected a valid number');
    expect([countyCodeOf(result.id), dateOfBirthOf(result.id), sexOf(result.id), sequenceOf(result.id)]).toEqual(['110105', '1949-12-31', 'female', 2]);
  });

  it('Given a wrong check character, When validated, Then it fails with CITIZEN_ID.CHECK_CHARACTER only', () => {
    const result = validateCitizenId('110105194912310021');
    expect(codesOf(result)).toEqual(['CITIZEN_ID.CHECK_CHARACTER']);
    expect(result.ok ? '' : result.problems[0]!.message).toBe('check character is 1, but the first 17 digits give X');
  });

  it.each(['', '11010519491231002', '1101051949123100201', '110105491231002'])(
    'Given %j, When validated, Then it fails with CITIZEN_ID.LENGTH', (text) => {
      expect(codesOf(validateCitizenId(text))).toEqual(['CITIZEN_ID.LENGTH']);
    });

  it.each(['1101051949123100XX', '11010519491231002Y', '1101O519491231002X', '11010519491231002 ', ' 1010519491231002X'])(
    'Given %j, When validated, Then it fails with CITIZEN_ID.CHARACTERS', (text) => {
      expect(codesOf(validateCitizenId(text))).toContain('CITIZEN_ID.CHARACTERS');
    });

  it('Given a text of the wrong length that also holds a letter, When validated, Then both LENGTH and CHARACTERS are listed', () => {
    expect(codesOf(validateCitizenId('1101A5'))).toEqual(['CITIZEN_ID.LENGTH', 'CITIZEN_ID.CHARACTERS']);
  });

  describe('地址码: the address code', () => {
    it.each([
      ['110105', 'a Beijing district'],
      ['441900', '东莞: a prefecture-level city without counties'],
      ['429004', '仙桃: a county-level city directly under the province (prefecture part 90)'],
      ['810000', 'Hong Kong (no subdivisions)'],
      ['710000', 'Taiwan (no subdivisions)'],
    ])('Given address code %s (%s), When validated, Then it passes', (code) => {
      expect(validateCitizenId(withCheck(`${code}19800101001`)).ok).toBe(true);
    });

    it.each([
      ['000000', 'no province 00'],
      ['161234', 'no province 16'],
      ['991234', 'no province 99'],
      ['830000', '83 is not in GB/T 2260'],
      ['110000', 'a bare province code'],
      ['440024', 'prefecture part 00'],
      ['810101', 'Hong Kong has no subdivisions'],
    ])('Given address code %s (%s), When validated, Then it fails with CITIZEN_ID.ADDRESS_CODE', (code) => {
      expect(codesOf(validateCitizenId(withCheck(`${code}19800101001`)))).toEqual(['CITIZEN_ID.ADDRESS_CODE']);
    });

    it('Given an isKnownAddressCode predicate, When a structurally valid code is not known to it, Then it fails with CITIZEN_ID.ADDRESS_CODE', () => {
      const known = new Set(['110105']);
      const isKnownAddressCode = (code: string): boolean => known.has(code);
      expect(validateCitizenId('11010519491231002X', { isKnownAddressCode }).ok).toBe(true);
      expect(codesOf(validateCitizenId('440524188001010014', { isKnownAddressCode }))).toEqual(['CITIZEN_ID.ADDRESS_CODE']);
    });
  });

  describe('出生日期码: the date of birth', () => {
    it.each([['20000229', 'a leap day of a year divisible by 400'], ['20240229', 'a leap day']])(
      'Given date %s (%s), When validated, Then it passes', (date) => {
        expect(validateCitizenId(withCheck(`110105${date}002`))).toMatchObject({ ok: true });
      });

    it.each([
      ['19000229', '1900 is not a leap year'],
      ['20230229', '2023 is not a leap year'],
      ['19490431', 'April has 30 days'],
      ['19491301', 'there is no month 13'],
      ['19490001', 'there is no month 0'],
      ['19490100', 'there is no day 0'],
      ['18791231', 'before 1880-01-01'],
    ])('Given date %s (%s), When validated, Then it fails with CITIZEN_ID.BIRTH_DATE', (date) => {
      expect(codesOf(validateCitizenId(withCheck(`110105${date}002`)))).toEqual(['CITIZEN_ID.BIRTH_DATE']);
    });

    it('Given today 2024-06-30, When a number born that day or the day after is validated, Then the first passes and the second fails with CITIZEN_ID.BIRTH_DATE', () => {
      expect(validateCitizenId(withCheck('11010520240630002'), { today: '2024-06-30' }).ok).toBe(true);
      expect(codesOf(validateCitizenId(withCheck('11010520240701002'), { today: '2024-06-30' }))).toEqual(['CITIZEN_ID.BIRTH_DATE']);
    });

    it('Given no today, When a number born in the future is validated, Then the date is not judged against a clock', () => {
      expect(validateCitizenId(withCheck('11010520990101002')).ok).toBe(true);
    });

    it('Given a malformed today, When validating, Then it throws: configuration errors are the caller’s bug', () => {
      expect(() => validateCitizenId('11010519491231002X', { today: '2024-6-30' })).toThrow(RangeError);
    });
  });

  describe('顺序码: the sex of the order code', () => {
    it('Given the holder’s sex, When it matches the order code’s parity, Then the number passes', () => {
      expect(validateCitizenId('11010519491231002X', { sex: 'female' }).ok).toBe(true);
      expect(validateCitizenId('440524188001010014', { sex: 'male' }).ok).toBe(true);
    });

    it('Given the holder’s sex, When it does not match the order code’s parity, Then it fails with CITIZEN_ID.SEX', () => {
      expect(codesOf(validateCitizenId('11010519491231002X', { sex: 'male' }))).toEqual(['CITIZEN_ID.SEX']);
      expect(codesOf(validateCitizenId('440524188001010014', { sex: 'female' }))).toEqual(['CITIZEN_ID.SEX']);
    });

    it('Given order code 000, When validated, Then it passes as female: the standard does not forbid it', () => {
      expect(validateCitizenId(withCheck('11010519491231000'))).toMatchObject({ ok: true, sequence: 0, sex: 'female' });
    });
  });

  describe('every problem at once', () => {
    it('Given a number with a bad date AND a bad check character, When validated, Then both are listed', () => {
      expect(codesOf(validateCitizenId(wrongCheck('11010520230229002')))).toEqual(['CITIZEN_ID.BIRTH_DATE', 'CITIZEN_ID.CHECK_CHARACTER']);
    });

    it('Given a bad address, a future date, the wrong sex and a bad check character, When validated, Then all four are listed', () => {
      const text = wrongCheck('99000020250101001');
      expect(codesOf(validateCitizenId(text, { today: '2024-12-31', sex: 'female' }))).toEqual([
        'CITIZEN_ID.ADDRESS_CODE', 'CITIZEN_ID.BIRTH_DATE', 'CITIZEN_ID.SEX', 'CITIZEN_ID.CHECK_CHARACTER',
      ]);
    });

    it('Given a letter in the date, When validated, Then CHARACTERS is listed and the readable address is still checked', () => {
      expect(codesOf(validateCitizenId('9900001949A231002X'))).toEqual(['CITIZEN_ID.CHARACTERS', 'CITIZEN_ID.ADDRESS_CODE']);
    });
  });

  it('Given valid and invalid texts, When parsed, Then parseCitizenId returns the fields or undefined', () => {
    expect(parseCitizenId('11010519491231002x')).toEqual({ id: '11010519491231002X', countyCode: '110105', dateOfBirth: '1949-12-31', sex: 'female', sequence: 2 });
    expect(parseCitizenId('110105194912310021')).toBeUndefined();
  });
});
