/**
 * A tiny schema builder: each event's payload is written once and yields its JSON Schema (the published
 * contract downstream systems validate against), its TypeScript type (`Infer<typeof x>`) and a checker
 * that lists every violation, so the three cannot drift apart.
 */

import { allowedPattern, type Characters, forbiddenCharacter, forbiddenCharacterMessage } from './characters';

/** A JSON Schema (draft 2020-12) fragment. */
export type JsonSchema = { readonly [key: string]: unknown };

/** One violation of a schema: where (a JSON path such as `parents.fatherId`) and what. */
export interface SchemaProblem {
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

type Check = (value: unknown, path: string) => SchemaProblem[];

/** A schema that also carries the TypeScript type it describes (the `T` is phantom: never set at run time). */
export interface Schema<T> {
  readonly json: JsonSchema;
  readonly optional: boolean;
  /** Every way `value` violates the schema (empty when it conforms). */
  readonly check: Check;
  /** Type-level only. */
  readonly _type?: T;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

const schema = <T>(json: JsonSchema, check: Check, optional = false): Schema<T> => ({ json, check, optional });
const problem = (path: string, message: string): SchemaProblem[] => [{ code: 'EVENT.SCHEMA', path: path || '(root)', message }];
const join = (path: string, key: string | number): string => (path ? `${path}.${key}` : String(key));

interface StringOptions {
  readonly pattern?: string;
  /** What the pattern asks for, in words (the problem says this, never the regular expression). */
  readonly formatHint?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly description?: string;
  readonly format?: string;
  /**
   * Which characters the text may hold (events/characters.ts): one line (default), lines separated by LF, or
   * `as-recorded` for a field that copies a value the log already holds (not judged again).
   */
  readonly characters?: Characters;
}

const FORBIDDEN_CHARACTER = 'TEXT.FORBIDDEN_CHARACTER';

export const string = (options: StringOptions = {}): Schema<string> => {
  const min = options.minLength ?? 1;
  const max = options.maxLength ?? 200;
  const pattern = options.pattern === undefined ? undefined : new RegExp(options.pattern, 'u');
  const characters = options.characters ?? 'single-line';
  const { minLength: _min, maxLength: _max, formatHint, characters: _characters, ...rest } = options;
  // An explicit pattern (ids, codes, dates) already admits none of the forbidden characters; free text publishes the character rule.
  const published = options.pattern === undefined ? allowedPattern(characters) : undefined;
  return schema({ type: 'string', minLength: min, maxLength: max, ...(published ? { pattern: published } : {}), ...rest }, (v, path) => {
    if (typeof v !== 'string') return problem(path, formatHint ? `must be ${formatHint}` : 'must be a string');
    const forbidden = forbiddenCharacter(v, characters);
    if (forbidden) return [{ code: FORBIDDEN_CHARACTER, path: path || '(root)', message: forbiddenCharacterMessage(forbidden, characters) }];
    const length = [...v].length;
    if (pattern && !pattern.test(v) && formatHint) return problem(path, `must be ${formatHint}, got "${[...v].slice(0, 40).join('')}"`);
    if (length < min || length > max) return problem(path, `must have ${min} to ${max} characters (has ${length})`);
    return pattern && !pattern.test(v) ? problem(path, `must match ${options.pattern}`) : [];
  });
};

export const integer = (options: { readonly minimum?: number; readonly maximum?: number; readonly description?: string } = {}): Schema<number> =>
  schema({ type: 'integer', ...options }, (v, path) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) return problem(path, 'must be an integer');
    if ((options.minimum !== undefined && v < options.minimum) || (options.maximum !== undefined && v > options.maximum))
      return problem(path, `must be within ${options.minimum ?? '-∞'}..${options.maximum ?? '∞'}`);
    return [];
  });

export const boolean = (description?: string): Schema<boolean> =>
  schema({ type: 'boolean', ...(description ? { description } : {}) }, (v, path) => (typeof v === 'boolean' ? [] : problem(path, 'must be true or false')));

export const literal = <const V extends string | boolean>(value: V): Schema<V> =>
  schema({ const: value }, (v, path) => (v === value ? [] : problem(path, `must be ${JSON.stringify(value)}`)));

export const oneOf = <const V extends readonly string[]>(values: V, description?: string): Schema<V[number]> =>
  schema({ enum: values, ...(description ? { description } : {}) }, (v, path) =>
    (typeof v === 'string' && values.includes(v) ? [] : problem(path, `must be one of ${values.join(', ')}`)));

export const array = <T>(items: Schema<T>, options: { readonly maxItems?: number; readonly description?: string } = {}): Schema<readonly T[]> => {
  const max = options.maxItems ?? 100;
  return schema({ type: 'array', items: items.json, maxItems: max, ...(options.description ? { description: options.description } : {}) }, (v, path) => {
    if (!Array.isArray(v)) return problem(path, 'must be an array');
    if (v.length > max) return problem(path, `must have at most ${max} items`);
    return v.flatMap((item, i) => items.check(item, join(path, i)));
  });
};

export const optional = <T>(inner: Schema<T>): Schema<T | undefined> => schema(inner.json, inner.check, true);

export const nullable = <T>(inner: Schema<T>): Schema<T | null> =>
  schema({ anyOf: [inner.json, { type: 'null' }] }, (v, path) => (v === null ? [] : inner.check(v, path)), inner.optional);

export const described = <T>(description: string, inner: Schema<T>): Schema<T> => schema({ ...inner.json, description }, inner.check, inner.optional);

type Shape = { readonly [key: string]: Schema<unknown> };
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends Schema<infer T> ? (undefined extends T ? K : never) : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The readonly object type a shape describes; optional properties may be absent. */
export type ObjectOf<S extends Shape> = Simplify<
  { readonly [K in RequiredKeys<S>]: Infer<S[K]> } & { readonly [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined> }
>;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A closed object: unknown properties are refused (`additionalProperties: false`). */
export const object = <S extends Shape>(shape: S, description?: string): Schema<ObjectOf<S>> => {
  const entries = Object.entries(shape);
  return schema({
    type: 'object',
    ...(description ? { description } : {}),
    properties: Object.fromEntries(entries.map(([k, v]) => [k, v.json])),
    required: entries.filter(([, v]) => !v.optional).map(([k]) => k),
    additionalProperties: false,
  }, (v, path) => {
    if (!isPlainObject(v)) return problem(path, 'must be an object');
    const unknown = Object.keys(v).filter((k) => !Object.hasOwn(shape, k)).flatMap((k) => problem(join(path, k), 'is not a known property'));
    const known = entries.flatMap(([k, s]) => {
      if (v[k] === undefined) return s.optional ? [] : problem(join(path, k), 'is required');
      return s.check(v[k], join(path, k));
    });
    return [...known, ...unknown];
  });
};

/** A schema with a further check after its own (e.g. a pattern that is also a real calendar date). */
export const refine = <T>(inner: Schema<T>, extra: (value: T, path: string) => readonly SchemaProblem[]): Schema<T> =>
  schema(inner.json, (v, path) => {
    const problems = inner.check(v, path);
    return problems.length > 0 ? problems : [...extra(v as T, path)];
  }, inner.optional);

/** One problem at `path` (for `refine` checks). */
export const schemaProblem = (path: string, message: string): SchemaProblem[] => problem(path, message);

type TaggedShapes = { readonly [variant: string]: Shape };
type Tagged<Tag extends string, V extends TaggedShapes> = { [K in keyof V & string]: Simplify<{ readonly [T in Tag]: K } & ObjectOf<V[K]>> }[keyof V & string];

/**
 * A closed object whose `tag` property picks its shape (a discriminated union: `{ kind: 'points', min }` or
 * `{ kind: 'category', in }` …). JSON Schema `oneOf` with a `const` tag in each; the checker names the variant's problems.
 */
export const taggedUnion = <const Tag extends string, const V extends TaggedShapes>(tag: Tag, variants: V, description?: string): Schema<Tagged<Tag, V>> => {
  const checks = Object.fromEntries(Object.entries(variants).map(([name, shape]) => [name, object({ [tag]: literal(name), ...shape })]));
  const names = Object.keys(variants);
  return schema({ ...(description ? { description } : {}), oneOf: Object.values(checks).map((s) => s.json) }, (v, path) => {
    if (!isPlainObject(v)) return problem(path, 'must be an object');
    const variant = typeof v[tag] === 'string' && Object.hasOwn(checks, v[tag]) ? checks[v[tag]] : undefined;
    return variant ? variant.check(v, path) : problem(join(path, tag), `must be one of ${names.join(', ')}`);
  });
};

/** Any JSON object (an open one): for envelopes that carry a payload whose own schema is named elsewhere. */
export const anyObject = (description?: string): Schema<{ readonly [key: string]: unknown }> =>
  schema({ type: 'object', ...(description ? { description } : {}) }, (v, path) => (isPlainObject(v) ? [] : problem(path, 'must be an object')));
