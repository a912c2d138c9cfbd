import { described, type Infer, object, oneOf, refine, schemaProblem, string } from './schema';

/** 公民身份号码 (GB 11643-1999): 17 digits and a check character; the key of a person. */
export const citizenId = string({ pattern: '^[0-9]{17}[0-9X]$', minLength: 18, maxLength: 18, description: '公民身份号码 (GB 11643-1999)', formatHint: '18 characters: 17 digits and a check digit or upper-case X' });

/** 统计用区划代码: the 12-digit statistical division code (province 2, prefecture 2, county 2, township 3, village 3). */
export const regionCode = string({ pattern: '^[0-9]{12}$', minLength: 12, maxLength: 12, description: '统计用区划代码, 12 digits', formatHint: 'a 12-digit statistical division code (统计用区划代码)' });

/** A region prefix: a whole province (2 digits), prefecture (4), county (6), township (9) or village (12). */
export const regionPrefix = string({ pattern: '^(?:[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12})$', minLength: 2, maxLength: 12, description: 'region code prefix: 2, 4, 6, 9 or 12 digits', formatHint: 'a region code prefix of 2, 4, 6, 9 or 12 digits' });

/** True for a date that exists in the calendar (2024-02-29 does, 2023-02-29 does not). */
export const isCalendarDate = (text: string): boolean => {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
};

/** A calendar date, `YYYY-MM-DD` (legal dates carry no time of day), that exists in the calendar. */
export const isoDate = refine(
  string({ pattern: '^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$', minLength: 10, maxLength: 10, format: 'date', formatHint: 'a date written YYYY-MM-DD' }),
  (v, path) => (isCalendarDate(v) ? [] : schemaProblem(path, `${v} is not a day of the calendar`)),
);

/** 户号: a household's id, unique in the registry (also the id of its stream). */
export const householdId = string({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$', maxLength: 64, description: '户号', formatHint: 'a household id: a letter or digit, then letters, digits, . _ : or - (at most 64)' });

/** 性别 */
export const sex = oneOf(['male', 'female'] as const, '性别');
export type Sex = Infer<typeof sex>;

/**
 * 户口性质: the registration type. `resident` (居民户口) is the unified type after a jurisdiction's cut-over;
 * the others are the historical types the reform abolished: agricultural (农业), non-agricultural (非农业)
 * and derived types such as self-supplied grain (自理口粮户口).
 */
export const registrationType = oneOf(['resident', 'agricultural', 'non-agricultural', 'self-supplied-grain', 'other-derived'] as const, '户口性质');
export type RegistrationType = Infer<typeof registrationType>;
export const HISTORICAL_REGISTRATION_TYPES: readonly RegistrationType[] = ['agricultural', 'non-agricultural', 'self-supplied-grain', 'other-derived'];

/** 与户主关系: relation to the head of household. */
export const relationToHead = oneOf(
  ['head', 'spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'child-in-law', 'other-relative', 'collective-member', 'other'] as const,
  '与户主关系',
);
export type RelationToHead = Infer<typeof relationToHead>;

/** 户别: family household (家庭户), collective household (集体户) or community collective household (社区公共户口). */
export const householdKind = oneOf(['family', 'collective', 'community-collective'] as const, '户别');
export type HouseholdKind = Infer<typeof householdKind>;

/** 城乡分类代码: 111/112/121/122/123 urban (城镇), 210/220 rural (乡村). */
export const urbanRuralClass = oneOf(['111', '112', '121', '122', '123', '210', '220'] as const, '城乡分类代码');
export type UrbanRuralClass = Infer<typeof urbanRuralClass>;

/** A reference to the settlement policy that decided an application: what was in force, byte for byte. */
export const policyRef = object({
  id: string({ maxLength: 64 }),
  version: string({ maxLength: 16 }),
  documentNo: described('文号, e.g. 郑政〔2017〕18号', string({ maxLength: 64 })),
  contentHash: string({ pattern: '^[0-9a-f]{64}$', minLength: 64, maxLength: 64, description: 'SHA-256 of the policy data', formatHint: '64 lower-case hex digits (SHA-256)' }),
});
export type PolicyRef = Infer<typeof policyRef>;

/**
 * A free-text field a registrar types (a name, an address, a reason): bounded, never empty, one line, and free of
 * control, bidirectional-control and invisible characters and lone surrogates (TEXT.FORBIDDEN_CHARACTER, events/characters.ts).
 */
export const text = (maxLength = 200, description?: string) => string({ maxLength, ...(description ? { description } : {}) });

/** Free text that may run over lines (a note, a policy clause): as `text`, and LF (U+000A) is its one line break. */
export const multilineText = (maxLength = 2000, description?: string) => string({ maxLength, characters: 'multi-line', ...(description ? { description } : {}) });

/** A copy of a value the log already holds (the previous address, the previous value of a correction): not judged again, so a value recorded before the character rule can still be corrected. */
export const recordedText = (maxLength = 200, description?: string, minLength = 1) => string({ maxLength, minLength, characters: 'as-recorded', ...(description ? { description } : {}) });
