import Ajv2020 from 'ajv/dist/2020';
import { allowedPattern, forbiddenCharacter } from '../characters';
import { string } from '../schema';
import { text } from '../common';

const ajv = new Ajv2020({ allErrors: true, strict: true });

describe('字符规则: the characters text may hold', () => {
  const refused: [string, string, number][] = [
    ['NUL', '王\u0000明', 0x0000], ['TAB', '王\t明', 0x0009], ['CR', '王\r明', 0x000d], ['LF in one line', '王\n明', 0x000a], ['DEL', 'a\u007fb', 0x007f], ['C1', 'a\u0085b', 0x0085],
    ['RLO', '王\u202e明', 0x202e], ['LRE', 'a\u202ab', 0x202a], ['RLI', 'a\u2067b', 0x2067], ['PDI', 'a\u2069b', 0x2069], ['RLM', 'a\u200fb', 0x200f], ['ALM', 'a\u061cb', 0x061c],
    ['zero-width space', 'a\u200bb', 0x200b], ['zero-width joiner', 'a\u200db', 0x200d], ['BOM', '\ufeff王', 0xfeff], ['soft hyphen', 'a\u00adb', 0x00ad],
    ['line separator', 'a\u2028b', 0x2028], ['Hangul filler', '\u3164', 0x3164], ['tag', 'a\u{e0041}b', 0xe0041], ['noncharacter', 'a\uffffb', 0xffff],
    ['lone high surrogate', '王\ud800', 0xd800], ['lone low surrogate', '\udc00明', 0xdc00], ['a pair cut in half', '😀\ud83d', 0xd83d],
  ];

  it.each(refused)('Given %s, Then the first forbidden code point is named, with where it is', (_name, value, codePoint) => {
    expect(forbiddenCharacter(value)).toMatchObject({ codePoint });
    expect(new RegExp(allowedPattern('single-line')!, 'u').test(value)).toBe(false);
  });

  it.each([
    ['a Chinese name', '王小明'], ['a rare name character outside the BMP', '𠀀名'], ['an ideographic variation sequence', '葛\u{e0100}'],
    ['traditional Mongolian with a free variation selector', 'ᠮᠣ\u180bᠩ'], ['an ideographic space', '经三路\u30001号'], ['a private-use name character', '王\ue000'],
    ['an emoji (a surrogate pair)', '😀'], ['Uyghur (right-to-left by itself, no control)', 'ئەخمەت'],
  ])('Given %s, Then it is allowed', (_name, value) => {
    expect(forbiddenCharacter(value)).toBeUndefined();
    expect(new RegExp(allowedPattern('single-line')!, 'u').test(value)).toBe(true);
  });

  it('Given multi-line text, Then LF is a line break and CR, TAB and the rest stay refused', () => {
    expect(forbiddenCharacter('第一条\n第二条', 'multi-line')).toBeUndefined();
    expect(forbiddenCharacter('第一条\r\n第二条', 'multi-line')).toMatchObject({ codePoint: 0x000d, position: 4 });
    expect(forbiddenCharacter('a\u202eb\n', 'multi-line')).toMatchObject({ codePoint: 0x202e });
  });

  it('Given text as recorded (a copy of a value the log holds), Then nothing is judged again', () => {
    expect(forbiddenCharacter('王\u202e明', 'as-recorded')).toBeUndefined();
    expect(string({ characters: 'as-recorded' }).check('王\u202e明', 'previous')).toEqual([]);
  });

  it('Given a string field, Then TEXT.FORBIDDEN_CHARACTER names the field, the code point, the position and how many more', () => {
    expect(text(50).check('王\u202e小\u0000明', 'name')).toEqual([{
      code: 'TEXT.FORBIDDEN_CHARACTER', path: 'name',
      message: 'contains U+202E (a bidirectional control) at character 2 and 1 more: text may hold no control, bidirectional-control or invisible character and no lone surrogate (and no line break)',
    }]);
  });

  it('Given the published schema of a text field, Then ajv and the checker agree on every case', () => {
    const schema = text(50);
    const validate = ajv.compile(schema.json);
    const values = [...refused.map(([, v]) => v), '王小明', '𠀀名', '葛\u{e0100}', '😀'];
    expect(values.filter((v) => validate(v) !== (schema.check(v, 'x').length === 0))).toEqual([]);
  });

});
