import { type JsonSchema } from '../schema';

/**
 * Reading the published JSON Schemas while walking the allow-list beside them: the properties of an object, the
 * non-null member of a nullable, and whether a value has the form a closed schema states (so `pass` sends only that).
 */

export const propertiesOf = (json: JsonSchema): Readonly<Record<string, JsonSchema>> => (json.properties ?? {}) as Record<string, JsonSchema>;

const membersOf = (json: JsonSchema): readonly JsonSchema[] => (Array.isArray(json.anyOf) ? json.anyOf as JsonSchema[] : [json]);

/** The non-null member of a nullable schema (`anyOf: [inner, { type: 'null' }]`); any other schema itself. */
export const innerOf = (json: JsonSchema): JsonSchema => membersOf(json).find((m) => m.type !== 'null') ?? json;

/** Whether the schema admits `null`. */
export const allowsNull = (json: JsonSchema): boolean => membersOf(json).some((m) => m.type === 'null');

const patterns = new Map<string, RegExp>();
const regExpOf = (pattern: string): RegExp => patterns.get(pattern) ?? patterns.set(pattern, new RegExp(pattern, 'u')).get(pattern)!;

/** Whether a scalar has the form of a closed schema: its const or enum, its type, its pattern and length. */
export const conforms = (json: JsonSchema, value: unknown): boolean => {
  if (json.const !== undefined) return value === json.const;
  if (Array.isArray(json.enum)) return (json.enum as unknown[]).includes(value);
  switch (json.type) {
    case 'boolean': return typeof value === 'boolean';
    case 'integer': return Number.isInteger(value);
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'string': {
      if (typeof value !== 'string') return false;
      const length = [...value].length;
      return length >= Number(json.minLength ?? 0) && length <= Number(json.maxLength ?? Infinity) && (typeof json.pattern !== 'string' || regExpOf(json.pattern).test(value));
    }
    default: return false;
  }
};
