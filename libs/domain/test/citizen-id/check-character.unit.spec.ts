import { CHECK_CHARACTERS, CHECK_WEIGHTS, checkCharacter } from '../../src/citizen-id';

describe('校验码: the check character (ISO 7064 MOD 11-2)', () => {
  it('Given the first 17 digits of the standard example 11010519491231002X, When the check character is computed, Then it is X', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
  });

  it('Given the first 17 digits of the standard example 440524188001010014, When the check character is computed, Then it is 4', () => {
    expect(checkCharacter('44052418800101001')).toBe('4');
  });

  it('Given the weights, Then each is 2^(17-i) mod 11 and the table maps remainders 0-10 to 1 0 X 9 8 7 6 5 4 3 2', () => {
    expect(CHECK_WEIGHTS).toEqual(Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11));
    expect(CHECK_CHARACTERS.split('')).toEqual(['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2']);
  });

  it.each(['', '1101051949123100', '110105194912310021', '1101051949123100X', '11010519491231 02'])(
    'Given %j, which is not 17 digits, When the check character is asked for, Then it throws (a caller bug, not data)',
    (text) => {
      expect(() => checkCharacter(text)).toThrow(RangeError);
    },
  );
});
