import { upgradeCitizenId } from '../../src/citizen-id';
import { codesOf } from './support';

describe('15位升18位: upgrading a first-generation 15-digit number', () => {
  it('Given 110105491231002, When upgraded, Then it is the standard example 11010519491231002X', () => {
    expect(upgradeCitizenId('110105491231002')).toEqual({
      ok: true, id: '11010519491231002X', countyCode: '110105', dateOfBirth: '1949-12-31', sex: 'female', sequence: 2,
    });
  });

  it('Given 440524800101001 and century 18, When upgraded, Then it is the standard example 440524188001010014', () => {
    expect(upgradeCitizenId('440524800101001', { century: '18' })).toMatchObject({ ok: true, id: '440524188001010014', sex: 'male' });
  });

  it('Given 440524800101001 and no century, When upgraded, Then the century defaults to 19', () => {
    expect(upgradeCitizenId('440524800101001')).toMatchObject({ ok: true, dateOfBirth: '1980-01-01' });
  });

  it.each([
    ['', ['CITIZEN_ID.LENGTH']],
    ['11010519491231002X', ['CITIZEN_ID.LENGTH', 'CITIZEN_ID.CHARACTERS']],
    ['110105194912310021', ['CITIZEN_ID.LENGTH']],
    ['11010549123100', ['CITIZEN_ID.LENGTH']],
    ['11010549123100X', ['CITIZEN_ID.CHARACTERS']],
    ['1101054912310O2', ['CITIZEN_ID.CHARACTERS']],
  ])('Given %j, which is not 15 digits, When upgraded, Then it is refused with %j', (text, codes) => {
    expect(codesOf(upgradeCitizenId(text))).toEqual(codes);
  });

  it.each<[string, '18' | '19', string]>([
    ['110105000229002', '19', '1900-02-29 does not exist'],
    ['110105491301002', '19', 'month 13'],
    ['110105791231002', '18', '1879 is before 1880'],
  ])('Given %s (century %s: %s), When upgraded, Then it is refused with CITIZEN_ID.BIRTH_DATE', (text, century) => {
    expect(codesOf(upgradeCitizenId(text, { century }))).toEqual(['CITIZEN_ID.BIRTH_DATE']);
  });

  it('Given 110105991231002 and today 1999-12-30, When upgraded, Then a date of birth after today is refused', () => {
    expect(codesOf(upgradeCitizenId('110105991231002', { today: '1999-12-30' }))).toEqual(['CITIZEN_ID.BIRTH_DATE']);
  });

  it('Given a bad address code and the wrong sex, When upgraded, Then both are listed like for any number', () => {
    expect(codesOf(upgradeCitizenId('990105491231002', { sex: 'male' }))).toEqual(['CITIZEN_ID.ADDRESS_CODE', 'CITIZEN_ID.SEX']);
  });
});
