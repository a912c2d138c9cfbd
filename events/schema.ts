/**
 * A tiny schema builder: each event's payload is written once and yields both its JSON Schema (the
 * published contract downstream systems validate against) and its TypeScript type (`Infer<typeof x>`),
 * so the two cannot drift apart.
 */

/** A JSON Schema (draft 2020-12) fragment. */
export type JsonSchema = { readonly [key: string]: unknown };

/** A schema that also carries the TypeScript type it describes (the `T` is phantom: never set at run time). */
export interface Schema<T> {
  readonly json: JsonSchema;
  readonly optional: boolean;
  /** Type-level only. */
  readonly _type?: T;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

const schema = <T>(json: JsonSchema, optional = false): Schema<T> => ({ json, optional });

interface StringOptions {
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly description?: string;
  readonly format?: string;
}

export const string = (options: StringOptions = {}): Schema<string> =>
  schema({ type: 'string', minLength: options.minLength ?? 1, maxLength: options.maxLength ?? 200, ...strip(options, ['minLength', 'maxLength']) });

export const integer = (options: { readonly minimum?: number; readonly maximum?: number; readonly description?: string } = {}): Schema<number> =>
  schema({ type: 'integer', ...options });

export const boolean = (description?: string): Schema<boolean> => schema({ type: 'boolean', ...(description ? { description } : {}) });

export const literal = <const V extends string>(value: V): Schema<V> => schema({ const: value });

export const oneOf = <const V extends readonly string[]>(values: V, description?: string): Schema<V[number]> =>
  schema({ enum: values, ...(description ? { description } : {}) });

export const array = <T>(items: Schema<T>, options: { readonly maxItems?: number; readonly description?: string } = {}): Schema<readonly T[]> =>
  schema({ type: 'array', items: items.json, maxItems: options.maxItems ?? 100, ...(options.description ? { description: options.description } : {}) });

export const optional = <T>(inner: Schema<T>): Schema<T | undefined> => schema(inner.json, true);

export const nullable = <T>(inner: Schema<T>): Schema<T | null> => schema({ anyOf: [inner.json, { type: 'null' }] }, inner.optional);

export const described = <T>(description: string, inner: Schema<T>): Schema<T> => schema({ ...inner.json, description }, inner.optional);

type Shape = { readonly [key: string]: Schema<unknown> };
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends Schema<infer T> ? (undefined extends T ? K : never) : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The readonly object type a shape describes; optional properties may be absent. */
export type ObjectOf<S extends Shape> = Simplify<
  { readonly [K in RequiredKeys<S>]: Infer<S[K]> } & { readonly [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined> }
>;

/** A closed object: unknown properties are refused (`additionalProperties: false`). */
export const object = <S extends Shape>(shape: S, description?: string): Schema<ObjectOf<S>> =>
  schema({
    type: 'object',
    ...(description ? { description } : {}),
    properties: Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.json])),
    required: Object.entries(shape).filter(([, v]) => !v.optional).map(([k]) => k),
    additionalProperties: false,
  });

function strip<T extends object>(value: T, keys: readonly (keyof T)[]): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k as keyof T))) as Partial<T>;
}
