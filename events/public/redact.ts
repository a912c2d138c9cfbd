import { CATALOGUE, isRegistryEventType } from '../catalogue';
import { type JsonSchema } from '../schema';
import { ALLOW_LIST, type Shape, shapeOf } from './allow-list';
import { allowsNull, innerOf, propertiesOf } from './json';
import { applyRule, monthOf, WITHHELD } from './rules';

/**
 * 脱敏 by allow-list: the payload a subscriber without the personal-data grant receives. The walk follows the
 * allow-list, not the payload, so a field the list does not name — a new field, an unknown one, free text — is
 * never copied; citizen ids become pseudonyms (`pseudonym`, keyed by the caller per subscriber) and dates that
 * reveal a birth their month. Pure: the pseudonym function comes in as an argument.
 */

type Data = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

const redactField = (field: Shape[string], full: JsonSchema, value: unknown, parent: Data, pseudonym: (id: string) => string): unknown => {
  if (value === null) return allowsNull(full) ? null : WITHHELD;
  const schema = innerOf(full);
  if (typeof field === 'string') return applyRule(field, value, schema, parent, pseudonym);
  if (Array.isArray(field)) {
    const [item] = field as readonly [Shape];
    return Array.isArray(value) ? value.filter(isObject).map((v) => redactShape(item, schema.items as JsonSchema, v, pseudonym)) : WITHHELD;
  }
  return isObject(value) ? redactShape(field as Shape, schema, value, pseudonym) : WITHHELD;
};

/** The walk follows the allow-list (with the schema beside it): a field the list does not name is never read. */
const redactShape = (shape: Shape, json: JsonSchema, data: Data, pseudonym: (id: string) => string): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  const properties = propertiesOf(json);
  for (const [key, field] of Object.entries(shape)) {
    const schema = properties[key];
    if (schema === undefined || !Object.hasOwn(data, key) || data[key] === undefined) continue;
    const value = redactField(field, schema, data[key], data, pseudonym);
    if (value !== WITHHELD) out[key] = value;
  }
  return out;
};

/** The payload of a `type` event as a subscriber without the grant receives it; a type outside the catalogue gives nothing. */
export const redactedData = (type: string, data: Data, pseudonym: (id: string) => string): Record<string, unknown> =>
  (isRegistryEventType(type) ? redactShape(shapeOf(type), CATALOGUE[type].data.json, data, pseudonym) : {});

/** The CloudEvents `effectivedate` of a redacted `type` event: its month where the date is a birth's (or a death's), and for a type outside the catalogue. */
export const redactedEffectiveDate = (type: string, effectiveDate: string): string =>
  (!isRegistryEventType(type) || ALLOW_LIST[type].effectiveDate === 'month' ? monthOf(effectiveDate) : effectiveDate);
