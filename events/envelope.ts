import { isoDate, text } from './common';
import { described, type Infer, integer, object, oneOf, optional, string } from './schema';

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
 * registration) but never follow it.
 */
export const eventMetadata = object({
  schemaVersion: integer({ minimum: 1 }),
  effectiveDate: isoDate,
  actor,
  correlationId: uuid,
  causationId: optional(uuid),
  idempotencyKey: optional(text(128)),
});
export type EventMetadata = Infer<typeof eventMetadata>;
