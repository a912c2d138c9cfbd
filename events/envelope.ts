import { isoDate, text } from './common';
import { anyObject, described, type Infer, integer, object, oneOf, optional, string } from './schema';

/** Who recorded a fact: the registrar, auditor or system, and the office (派出所) acting. */
export const actor = object({
  id: string({ maxLength: 64 }),
  role: oneOf(['registrar', 'auditor', 'statistician', 'subscriber', 'admin', 'system', 'import'] as const),
  office: described('the acting office: a region code prefix or an office id', string({ maxLength: 64 })),
});
export type Actor = Infer<typeof actor>;

const uuid = string({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', minLength: 36, maxLength: 36 });

/**
 * The metadata every event carries. The event id and the recorded-at time (system time) are kept by the
 * event store itself; `effectiveDate` is the legal date of the fact and may precede recording (补录, late
 * registration) but never follow it. An imported history keeps when its source recorded each fact
 * (`originallyRecordedAt`): "what was known on D" then means what the source knew on D.
 */
export const eventMetadata = object({
  schemaVersion: integer({ minimum: 1 }),
  effectiveDate: isoDate,
  actor,
  correlationId: uuid,
  causationId: optional(uuid),
  idempotencyKey: optional(text(128)),
  requestDigest: optional(described('with an idempotency key: a digest of the request it was sent with (method, path, body); the same key with another request is refused, never replayed', string({ pattern: '^[0-9a-f]{64}$', maxLength: 64 }))),
  originallyRecordedAt: optional(described('imports of history: when the source register recorded the fact (ISO 8601); the recorded basis (knownAt) uses it instead of the time this log received it', string({ format: 'date-time', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]{1,9})?(?:Z|[+-][0-9]{2}:[0-9]{2})$', maxLength: 35, formatHint: 'an ISO 8601 date-time with its offset' }))),
});
export type EventMetadata = Infer<typeof eventMetadata>;

/**
 * An event as a downstream system receives it: the store's own fields (id, stream, revision, position in
 * `$all`, recorded-at) around the payload and the metadata above. `position` is `commit` or `commit/prepare`.
 */
export const recordedEvent = object({
  id: uuid,
  stream: string({ maxLength: 200 }),
  revision: integer({ minimum: 0 }),
  position: string({ pattern: '^[0-9]+(?:/[0-9]+)?$', maxLength: 41 }),
  recordedAt: described('system time the store accepted the event (ISO 8601, UTC)', string({ format: 'date-time', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T', maxLength: 30 })),
  type: string({ maxLength: 100 }),
  data: anyObject('the payload: see the schema of `type`'),
  metadata: eventMetadata,
});
export type RecordedEvent = Infer<typeof recordedEvent>;
