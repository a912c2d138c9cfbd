import { registrationType, relationToHead, sex } from '../common';
import { type JsonSchema } from '../schema';
import { conforms } from './json';

/**
 * 公开字段规则: how one field of an event leaves the registry for a subscriber without the personal-data grant.
 * The allow-list (allow-list.ts) gives every field of every event one rule; a field it does not name never leaves.
 */
export type Rule =
  /** A closed value: an enumeration, a boolean, a number, a region code, a hash, a date that reveals no birth. */
  | 'pass'
  /** A citizen id: replaced by the subscriber's keyed pseudonym `p-…`, so one person's events can still be followed. */
  | 'pseudonym'
  /** A date that reveals a birth (or a death): `YYYY-MM-DD` becomes `YYYY-MM`. */
  | 'month'
  /** A string the schema leaves open but the registry fills with a code (a category, a rule id, a refusal code): passes only in the form of a code. */
  | 'code'
  /** 文号, the number of a public document (郑政〔2017〕18号): passes only in that form. */
  | 'document-no'
  /** `RecordCorrected.previous` / `corrected`: by the corrected `field` — an enumeration passes, a date becomes its month, anything else is withheld. */
  | 'correction'
  /** Free text (names, addresses, reasons, notes, clauses, details), a person's document numbers and refs, declared facts: never leaves. */
  | 'withhold';

/** `p-` and 22 base64url characters: the pseudonym's published form (whatever the key). */
export const PSEUDONYM_PATTERN = '^p-[A-Za-z0-9_-]{22}$';
export const MONTH_PATTERN = '^[0-9]{4}-(?:0[1-9]|1[0-2])$';
/** A code: letters, digits and `. _ : -`, and never a run of seven digits (a citizen id, a phone number, a region code is not a code). */
export const CODE_PATTERN = '^(?!.*[0-9]{7})[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$';
export const DOCUMENT_NO_PATTERN = '^[\\p{Script=Han}A-Za-z]{1,16}〔[0-9]{4}〕[0-9]{1,6}号$';

const matches = (pattern: string) => {
  const re = new RegExp(pattern, 'u');
  return (v: unknown): v is string => typeof v === 'string' && re.test(v);
};
const isCode = matches(CODE_PATTERN);
const isDocumentNo = matches(DOCUMENT_NO_PATTERN);
const isDate = matches('^[0-9]{4}-[0-9]{2}-[0-9]{2}$');

/** The month of a `YYYY-MM-DD` date (`2026-01-17` → `2026-01`). */
export const monthOf = (date: string): string => date.slice(0, 7);

const enumOf = (schema: { readonly json: JsonSchema }): readonly string[] => schema.json.enum as readonly string[];

/** The corrected fields whose values are enumerations (they pass) and dates (they become months); the rest is withheld. */
const CORRECTED_ENUMS: Readonly<Record<string, readonly string[]>> = { sex: enumOf(sex), relationToHead: enumOf(relationToHead), registrationType: enumOf(registrationType) };
const CORRECTED_DATES = new Set(['dateOfBirth', 'dateOfDeath']);

/** Marks a value that does not leave. */
export const WITHHELD: unique symbol = Symbol('withheld');

const corrected = (value: unknown, field: unknown): unknown => {
  const key = String(field);
  if (typeof value !== 'string') return WITHHELD;
  if (CORRECTED_ENUMS[key]?.includes(value)) return value;
  return CORRECTED_DATES.has(key) && isDate(value) ? monthOf(value) : WITHHELD;
};

/**
 * The value a subscriber without the grant receives for `value` under `rule` (`WITHHELD`: none). `schema` is the
 * field's full schema (its non-null member); `parent` the object holding the field (a correction reads its
 * `field`). A value not of the form its rule expects is withheld — even one stored before its schema was checked.
 */
export const applyRule = (rule: Rule, value: unknown, schema: JsonSchema, parent: Readonly<Record<string, unknown>>, pseudonym: (id: string) => string): unknown => {
  switch (rule) {
    case 'pass': return conforms(schema, value) ? value : WITHHELD;
    case 'pseudonym': return typeof value === 'string' ? pseudonym(value) : WITHHELD;
    case 'month': return isDate(value) ? monthOf(value) : WITHHELD;
    case 'code': return isCode(value) ? value : WITHHELD;
    case 'document-no': return isDocumentNo(value) ? value : WITHHELD;
    case 'correction': return corrected(value, parent.field);
    case 'withhold': return WITHHELD;
  }
};

const describedAs = (full: JsonSchema, json: JsonSchema, note: string): JsonSchema =>
  ({ ...json, description: typeof full.description === 'string' ? `${full.description} (${note})` : note });

/** The schema of the value `applyRule` gives for a field whose full schema is `full` (not for `withhold`: the field is gone). */
export const ruleSchema = (rule: Exclude<Rule, 'withhold'>, full: JsonSchema): JsonSchema => {
  switch (rule) {
    case 'pass': return full;
    case 'pseudonym': return describedAs(full, { type: 'string', pattern: PSEUDONYM_PATTERN, minLength: 24, maxLength: 24 }, 'a keyed pseudonym of the citizen id');
    case 'month': return describedAs(full, { type: 'string', pattern: MONTH_PATTERN, minLength: 7, maxLength: 7 }, 'coarsened to the month, YYYY-MM');
    case 'code': return describedAs(full, { type: 'string', pattern: CODE_PATTERN, minLength: 1, maxLength: 64 }, 'sent only when it is a code');
    case 'document-no': return describedAs(full, { type: 'string', pattern: DOCUMENT_NO_PATTERN, minLength: 1, maxLength: 64 }, 'sent only in the form of a 文号');
    case 'correction': return {
      anyOf: [{ enum: [...new Set(Object.values(CORRECTED_ENUMS).flat())] }, { type: 'string', pattern: MONTH_PATTERN, minLength: 7, maxLength: 7 }],
      description: 'the value of an enumerated field (sex, relation to head, registration type), or the month of a corrected date; withheld for any other field',
    };
  }
};

/** Rules whose value may be withheld when it is not of its form: the field is optional in the redacted schema. */
export const MAY_BE_WITHHELD: ReadonlySet<Rule> = new Set(['code', 'document-no', 'correction']);
