import { CATALOGUE, jsonSchemaOf, type RegistryEventType } from '../catalogue';
import { allowedPattern } from '../characters';
import { citizenId } from '../common';
import { type JsonSchema } from '../schema';
import { type Shape, shapeOf } from './allow-list';
import { innerOf, propertiesOf } from './json';
import { MAY_BE_WITHHELD, type Rule, ruleSchema } from './rules';

/**
 * The published JSON Schema (draft 2020-12) of each redacted payload, generated from the type's full schema and
 * its allow-list, so neither can drift from the other; and the check that the allow-list classifies every field
 * of the full schema, with a rule that fits it (free text never passes, a citizen id never passes raw).
 */

/** Changes whenever the allow-list changes what is sent: the redacted schemas' `$id`s name it. */
export const REDACTION_VERSION = 1;

type Field = Shape[string];

/** A schema with `null` allowed (`nullable`) maps its non-null member; any other maps itself. */
const mapNullable = (full: JsonSchema, map: (inner: JsonSchema) => JsonSchema): JsonSchema =>
  (Array.isArray(full.anyOf) ? { ...full, anyOf: (full.anyOf as JsonSchema[]).map((m) => (m.type === 'null' ? m : map(m))) } : map(full));

const redactObject = (shape: Shape, full: JsonSchema): JsonSchema => {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const fullRequired = (full.required ?? []) as readonly string[];
  for (const [key, field] of Object.entries(shape)) {
    const schema = propertiesOf(full)[key];
    if (field === 'withhold' || schema === undefined) continue;
    properties[key] = redactField(field, schema);
    if (fullRequired.includes(key) && !(typeof field === 'string' && MAY_BE_WITHHELD.has(field))) required.push(key);
  }
  return { ...full, properties, required };
};

const redactField = (field: Field, full: JsonSchema): JsonSchema => mapNullable(full, (inner) => {
  if (typeof field === 'string') return ruleSchema(field as Exclude<Rule, 'withhold'>, inner);
  if (Array.isArray(field)) return { ...inner, items: redactObject((field as readonly [Shape])[0], inner.items as JsonSchema) };
  return redactObject(field as Shape, inner);
});

/** The `$id` of a type's redacted schema at a schema version (what `dataschema` names on a redacted CloudEvent). */
export const redactedSchemaId = (type: string, schemaVersion: number): string =>
  `https://huji.example/events/${type}/v${schemaVersion}.redacted-r${REDACTION_VERSION}.json`;

/** The published JSON Schema of a type's payload as a subscriber without the personal-data grant receives it. */
export const redactedJsonSchemaOf = (type: RegistryEventType): JsonSchema => {
  const full = jsonSchemaOf(type);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: redactedSchemaId(type, CATALOGUE[type].schemaVersion),
    $comment: `The payload of ${String(full.$id)} as sent without the personal-data grant (allow-list version ${REDACTION_VERSION}): see events/README.md.`,
    title: `${type} (${CATALOGUE[type].term}), redacted`,
    'x-stream-category': CATALOGUE[type].category,
    'x-schema-version': CATALOGUE[type].schemaVersion,
    ...redactObject(shapeOf(type), CATALOGUE[type].data.json),
  };
};

const FREE_TEXT_PATTERNS = new Set([allowedPattern('single-line'), allowedPattern('multi-line')]);
const isCitizenId = (s: JsonSchema): boolean => s.pattern === citizenId.json.pattern;
const isFreeText = (s: JsonSchema): boolean => s.type === 'string' && s.enum === undefined && (s.pattern === undefined || FREE_TEXT_PATTERNS.has(s.pattern as string));
const isClosed = (s: JsonSchema): boolean =>
  s.enum !== undefined || s.const !== undefined || ['boolean', 'integer', 'number'].includes(s.type as string) || (s.type === 'string' && !isFreeText(s));

/** Why `rule` does not fit a field whose schema is `full` (undefined: it fits). */
const misfit = (rule: Rule, full: JsonSchema): string | undefined => {
  const inner = innerOf(full);
  if (rule === 'withhold') return undefined;
  if (isCitizenId(inner) !== (rule === 'pseudonym')) return rule === 'pseudonym' ? 'is not a citizen id: only citizen ids are pseudonymised' : `is a citizen id: it must be pseudonymised or withheld, not ${rule}`;
  if (rule === 'pass' && !isClosed(inner)) return isFreeText(inner) ? 'is free text: free text never passes' : 'is not a closed value: pass only enumerations, numbers, booleans and patterned strings';
  if (rule === 'month' && inner.format !== 'date') return 'is not a date: only dates are coarsened to the month';
  if (['code', 'document-no', 'correction'].includes(rule) && inner.type !== 'string') return `is not a string: ${rule} applies to strings`;
  return undefined;
};

/**
 * Every way the allow-list `shape` fails to classify the schema `full` at `path`: a property with no rule, a rule
 * for a property the schema does not have, a rule that does not fit (misfit), a shape where there is no object.
 */
export const classificationProblems = (shape: Shape, full: JsonSchema, path = ''): string[] => {
  const object = innerOf(full);
  const at = (key: string) => (path ? `${path}.${key}` : key);
  if (object.type !== 'object' || object.properties === undefined) return [`${path || '(root)'}: the allow-list gives fields, the schema has no object here`];
  const properties = propertiesOf(object);
  const unclassified = Object.keys(properties).filter((k) => !Object.hasOwn(shape, k)).map((k) => `${at(k)}: not classified (pass, pseudonym, month, code, document-no, correction or withhold)`);
  const unknown = Object.keys(shape).filter((k) => !Object.hasOwn(properties, k)).map((k) => `${at(k)}: in the allow-list, not in the schema`);
  const fits = Object.entries(shape).filter(([k]) => Object.hasOwn(properties, k)).flatMap(([k, field]) => {
    const schema = properties[k]!;
    if (typeof field === 'string') return [misfit(field, schema)].filter((m) => m !== undefined).map((m) => `${at(k)} ${m}`);
    if (!Array.isArray(field)) return classificationProblems(field as Shape, schema, at(k));
    const items = innerOf(schema).items as JsonSchema | undefined;
    return items ? classificationProblems((field as readonly [Shape])[0], items, `${at(k)}[]`) : [`${at(k)}: the allow-list gives items, the schema has no array here`];
  });
  return [...unclassified, ...unknown, ...fits];
};

/** The problems of a catalogue type's allow-list against its published schema (none, or a test fails). */
export const allowListProblems = (type: RegistryEventType): string[] => classificationProblems(shapeOf(type), CATALOGUE[type].data.json);
