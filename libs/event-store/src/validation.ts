import { type AppendOptions, type ExpectedRevision, type NewEvent } from './event-store';
import { EventStoreError, type Problem } from './errors';

/** `category-id`: a lowercase category, a dash, then an id (so EventStoreDB's `$by_category` works). */
const STREAM_NAME = /^[a-z][a-z0-9]*-[A-Za-z0-9][A-Za-z0-9._:@-]*$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_STREAM_NAME = 200;
export const MAX_EVENT_TYPE = 100;
/** Bytes of JSON (data + metadata) one event may carry. */
export const MAX_EVENT_BYTES = 4 * 1024 * 1024;
/** Metadata keys the store writes itself. */
export const RESERVED_METADATA_KEY = '$huji';

export const categoryOf = (stream: string): string => stream.slice(0, stream.indexOf('-'));

export const streamNameProblems = (stream: unknown): Problem[] => {
  if (typeof stream !== 'string') return [{ path: 'stream', message: 'must be a string' }];
  if (stream.length > MAX_STREAM_NAME) return [{ path: 'stream', message: `longer than ${MAX_STREAM_NAME} characters` }];
  if (!STREAM_NAME.test(stream)) return [{ path: 'stream', message: `"${stream}" is not of the form category-id (e.g. person-110105194912310025)` }];
  return [];
};

export const assertStreamName = (stream: unknown): void => {
  const problems = streamNameProblems(stream);
  if (problems.length > 0) throw new EventStoreError('STREAM.INVALID_NAME', `invalid stream name: ${problems[0]!.message}`, problems);
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

const expectedRevisionProblems = (expected: ExpectedRevision | undefined): Problem[] =>
  expected === undefined || expected === 'any' || expected === 'no_stream' || expected === 'stream_exists' ||
  (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0)
    ? []
    : [{ path: 'expectedRevision', message: 'must be no_stream, stream_exists, any or a revision ≥ 0' }];

const eventProblems = (event: NewEvent, i: number): Problem[] => {
  const at = `events[${i}]`;
  const problems: Problem[] = [];
  if (!isPlainObject(event)) return [{ path: at, message: 'must be an object' }];
  if (typeof event.type !== 'string' || event.type.length > MAX_EVENT_TYPE || !EVENT_TYPE.test(event.type))
    problems.push({ path: `${at}.type`, message: 'must be a name of letters, digits, . _ - (at most 100)' });
  if (event.id !== undefined && (typeof event.id !== 'string' || !UUID.test(event.id)))
    problems.push({ path: `${at}.id`, message: 'must be a UUID' });
  if (!isPlainObject(event.data)) problems.push({ path: `${at}.data`, message: 'must be a JSON object' });
  if (event.metadata !== undefined && !isPlainObject(event.metadata))
    problems.push({ path: `${at}.metadata`, message: 'must be a JSON object' });
  else if (event.metadata && RESERVED_METADATA_KEY in event.metadata)
    problems.push({ path: `${at}.metadata.${RESERVED_METADATA_KEY}`, message: 'is reserved for the store' });
  return problems;
};

/** Checks an append before it touches the store; throws one typed error listing every problem. */
export const assertAppend = (stream: unknown, events: readonly NewEvent[], options: AppendOptions | undefined): void => {
  const problems = [...streamNameProblems(stream), ...expectedRevisionProblems(options?.expectedRevision)];
  const list: unknown = events; // callers from outside TypeScript may send anything
  if (!Array.isArray(list)) problems.push({ path: 'events', message: 'must be an array' });
  else events.forEach((e, i) => problems.push(...eventProblems(e, i)));
  if (problems.length === 0 && events.length === 0)
    throw new EventStoreError('APPEND.EMPTY', 'an append needs at least one event', [{ path: 'events', message: 'is empty' }]);
  if (problems.length === 0) return;
  const code = problems.every((p) => p.path === 'stream') ? 'STREAM.INVALID_NAME' : 'EVENT.INVALID';
  throw new EventStoreError(code, `invalid append: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);
};

/** Serialises data/metadata once; the JSON texts are what is stored and hashed. Refuses what JSON cannot carry. */
export const toJsonText = (value: unknown, path: string): string => {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (cause) {
    throw new EventStoreError('EVENT.INVALID', `${path} is not serialisable as JSON`, [{ path, message: String(cause) }], { cause });
  }
  if (text === undefined) throw new EventStoreError('EVENT.INVALID', `${path} is not serialisable as JSON`, [{ path, message: 'not JSON' }]);
  return text;
};
