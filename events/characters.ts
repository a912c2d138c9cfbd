/**
 * 字符规则: the characters no text of the registry may hold. A name, an address or a reason is read by people
 * on screens and printed certificates, compared by software, and stored in PostgreSQL (which refuses NUL): a
 * character that is invisible, reorders what is displayed (Trojan Source, CVE-2021-42574) or is not a
 * character at all (a lone UTF-16 surrogate) makes a record say one thing and show another.
 *
 * Refused everywhere: control characters (C0, DEL, C1), bidirectional controls (U+061C, U+200E/U+200F,
 * U+202A–U+202E, U+2066–U+2069), zero-width and other default-ignorable characters, line and paragraph
 * separators, interlinear annotations, noncharacters and lone surrogates. Allowed: variation selectors
 * (U+FE00–U+FE0F, U+E0100–U+E01EF: ideographic variation sequences for rare characters in names) and the
 * Mongolian free variation selectors (U+180B–U+180F), the ideographic space and the private-use area
 * (rare name characters of older systems). Multi-line text (a policy clause, a note) may also hold LF (U+000A),
 * the one line break; CR and TAB stay refused.
 */

/** How a string field treats characters: one line (the default), lines separated by LF, or a copy of the record, not judged again. */
export type Characters = 'single-line' | 'multi-line' | 'as-recorded';

type Range = readonly [from: number, to: number, what: string];

const CONTROL = 'a control character';
const BIDI = 'a bidirectional control';
const INVISIBLE = 'an invisible character';

const RANGES: readonly Range[] = [
  [0x0000, 0x0009, CONTROL], [0x000a, 0x000a, 'a line break (LF)'], [0x000b, 0x001f, CONTROL], [0x007f, 0x009f, CONTROL],
  [0x00ad, 0x00ad, 'an invisible character (soft hyphen)'], [0x034f, 0x034f, INVISIBLE], [0x061c, 0x061c, BIDI],
  [0x115f, 0x1160, 'an invisible character (Hangul filler)'], [0x17b4, 0x17b5, INVISIBLE],
  [0x200b, 0x200d, 'an invisible character (zero width)'], [0x200e, 0x200f, BIDI], [0x2028, 0x2029, 'a line or paragraph separator'],
  [0x202a, 0x202e, BIDI], [0x2060, 0x2065, INVISIBLE], [0x2066, 0x2069, BIDI], [0x206a, 0x206f, INVISIBLE],
  [0x3164, 0x3164, 'an invisible character (Hangul filler)'], [0xd800, 0xdfff, 'a lone surrogate (half of a UTF-16 pair)'],
  [0xfdd0, 0xfdef, 'a noncharacter'], [0xfeff, 0xfeff, 'an invisible character (byte order mark)'], [0xffa0, 0xffa0, 'an invisible character (Hangul filler)'],
  [0xfff0, 0xfffb, INVISIBLE], [0xfffe, 0xffff, 'a noncharacter'], [0x1bca0, 0x1bca3, INVISIBLE], [0x1d173, 0x1d17a, INVISIBLE],
  [0xe0000, 0xe00ff, 'an invisible tag character'], [0xe01f0, 0xe0fff, INVISIBLE],
];

const LF = 0x0a;
const rangesFor = (characters: Characters): readonly Range[] =>
  (characters === 'as-recorded' ? [] : characters === 'multi-line' ? RANGES.filter(([from]) => from !== LF) : RANGES);

/** `U+202E`: how a code point is named in problems. */
export const codePointName = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

const escape = (cp: number): string => (cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`);
const classOf = (ranges: readonly Range[]): string => ranges.map(([from, to]) => (from === to ? escape(from) : `${escape(from)}-${escape(to)}`)).join('');

/** The same rule as an ECMA-262 pattern (with the `u` flag, as JSON Schema validators such as ajv use it), for the published schemas. */
export const allowedPattern = (characters: Characters): string | undefined => {
  const ranges = rangesFor(characters);
  return ranges.length === 0 ? undefined : `^[^${classOf(ranges)}]*$`;
};

const ANY_FORBIDDEN: Readonly<Record<Characters, RegExp>> = {
  'single-line': new RegExp(`[${classOf(rangesFor('single-line'))}]`, 'u'),
  'multi-line': new RegExp(`[${classOf(rangesFor('multi-line'))}]`, 'u'),
  'as-recorded': /(?!)/,
};

/** The first character `text` may not hold: its code point, what it is, and where (1-based, in characters). */
export interface ForbiddenCharacter {
  readonly codePoint: number;
  readonly what: string;
  readonly position: number;
  /** How many forbidden characters the text holds in all. */
  readonly count: number;
}

export const forbiddenCharacter = (text: string, characters: Characters = 'single-line'): ForbiddenCharacter | undefined => {
  const ranges = rangesFor(characters);
  // The common case (clean text) is one regular-expression test; only a refusal walks the characters.
  if (ranges.length === 0 || !ANY_FORBIDDEN[characters].test(text)) return undefined;
  let first: Omit<ForbiddenCharacter, 'count'> | undefined;
  let count = 0;
  let position = 0;
  // for…of walks code points: a surrogate pair is one character, a lone surrogate is one of its own.
  for (const ch of text) {
    position++;
    const cp = ch.codePointAt(0)!;
    const range = ranges.find(([from, to]) => cp >= from && cp <= to);
    if (!range) continue;
    count++;
    first ??= { codePoint: cp, what: range[2], position };
  }
  return first && { ...first, count };
};


/** The problem's words: the code point, what it is, and where. */
export const forbiddenCharacterMessage = (found: ForbiddenCharacter, characters: Characters): string =>
  `contains ${codePointName(found.codePoint)} (${found.what}) at character ${found.position}${found.count > 1 ? ` and ${found.count - 1} more` : ''}: `
  + `text may hold no control, bidirectional-control or invisible character and no lone surrogate${characters === 'multi-line' ? ' (a line break is LF, U+000A, alone)' : ' (and no line break)'}`;
