import { headerText, purposeOf, purposeProblems } from '../src/reads/purpose';

/** 查询目的: the Huji-Purpose header's rules, as the guard and the feed apply them. */
const wire = (text: string): string => Buffer.from(text, 'utf8').toString('latin1'); // how Node hands over a header's UTF-8 bytes

describe('the purpose of a read (Huji-Purpose)', () => {
  it.each([
    ['absent', undefined, 'PURPOSE.REQUIRED', 'is required'],
    ['empty', '', 'PURPOSE.REQUIRED', 'must not be blank'],
    ['ideographic spaces only', wire('\u3000\u3000'), 'PURPOSE.REQUIRED', 'must not be blank'],
    ['one character', wire('查'), 'PURPOSE.INVALID', 'has 1'],
    ['201 characters', wire('查'.repeat(201)), 'PURPOSE.INVALID', 'has 201'],
    ['a zero-width space', wire('核\u200B查'), 'PURPOSE.INVALID', 'U+200B'],
    ['sent twice', ['核查', '核查'], 'PURPOSE.INVALID', 'must be sent once'],
    ['bytes that are not UTF-8', '\xff\xfeab', 'PURPOSE.INVALID', 'neither UTF-8'],
    ['a broken RFC 8187 encoding', "UTF-8''%E6%88", 'PURPOSE.INVALID', 'neither UTF-8'],
  ])('Given a header %s, Then one problem %s and purposeOf throws 400 listing it', (_, value, code, message) => {
    expect(purposeProblems(value)).toEqual([{ code, path: 'headers.huji-purpose', message: expect.stringContaining(message) }]);
    expect(() => purposeOf({ headers: { 'huji-purpose': value } })).toThrow(expect.objectContaining({ status: 400, code, problems: [expect.objectContaining({ code })] }));
  });

  it('Given 2 and 200 characters (a surrogate pair counted once), Then both are good; the purpose comes back as the text, trimmed', () => {
    expect(purposeProblems(wire('核查'))).toEqual([]);
    expect(purposeProblems(wire('𠮷'.repeat(200)))).toEqual([]);
    expect(purposeOf({ headers: { 'huji-purpose': wire('  户籍核查 case 7 ') } })).toBe('户籍核查 case 7');
  });

  it('Given the RFC 8187 form a browser must use, or text that never was bytes, Then it reads as the text', () => {
    expect(headerText(`utf-8''${encodeURIComponent('户籍核查')}`)).toBe('户籍核查');
    expect(headerText('户籍核查')).toBe('户籍核查');
    expect(headerText('routine check')).toBe('routine check');
  });
});
