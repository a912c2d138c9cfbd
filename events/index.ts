export * from './catalogue';
export * from './common';
export * from './envelope';
export * from './household';
export * from './jurisdiction';
export * from './person';
export { type Infer, type JsonSchema, type ObjectOf, type Schema, type SchemaProblem } from './schema';
export * from './streams';
export * from './cloudevents';
