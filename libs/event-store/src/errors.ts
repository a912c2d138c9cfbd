/** Stable error codes of the event store: callers branch on `code`, never on message text. */
export type EventStoreErrorCode =
  | 'STREAM.WRONG_EXPECTED_REVISION'
  | 'STREAM.INVALID_NAME'
  | 'APPEND.EMPTY'
  | 'APPEND.TOO_LARGE'
  | 'EVENT.INVALID'
  | 'STORE.CLOSED'
  | 'STORE.UNAVAILABLE'
  | 'STORE.CORRUPT';

/** Every problem found with one request, so a caller can list them all at once. */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

export class EventStoreError extends Error {
  constructor(
    readonly code: EventStoreErrorCode,
    message: string,
    readonly problems: readonly Problem[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EventStoreError';
  }
}

/** Optimistic concurrency: somebody else appended first (maps to HTTP 412 at the API). */
export class WrongExpectedRevisionError extends EventStoreError {
  constructor(
    readonly stream: string,
    readonly expected: string,
    readonly actual: number | 'no_stream',
  ) {
    super('STREAM.WRONG_EXPECTED_REVISION', `stream ${stream}: expected revision ${expected}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export const isEventStoreError = (e: unknown, code?: EventStoreErrorCode): e is EventStoreError =>
  e instanceof EventStoreError && (code === undefined || e.code === code);
