import { randomUUID } from 'node:crypto';
import { type RegistryEvent } from '../../../../events';
import { type Decider } from '../../../../libs/domain/src/shared/decider';
import { formatPosition, WrongExpectedRevisionError } from '../../../../libs/event-store/src';
import { type CommandMetadata, handleCommand } from '../../../../libs/registry/src/command-loop';
import { type Principal } from '../auth/jwt';
import { ApiError } from '../http/problem';
import { type CommandHeaders } from '../http/request';
import { IdempotencyRecords } from './idempotency';
import { type RegistryRuntime } from '../runtime';

/** What every command route answers: the stream, its new revision (the ETag), the log position and the events. */
export interface CommandResult {
  /** The id of what the command acted on: the citizen id (allocated, for a birth), household id or jurisdiction. */
  readonly id: string;
  readonly stream: string;
  readonly revision: number | null;
  /** `$all` position of the stream's last event: pass it as `?after=` to wait until the views show it. */
  readonly position: string | null;
  /** True when an earlier request with the same Idempotency-Key did this: nothing was appended now. */
  readonly replayed: boolean;
  readonly events: readonly RegistryEvent[];
}

/** Who acts, from the verified token, recorded in every event's metadata (attribution for auditors). */
export const metadataOf = (principal: Principal, headers: CommandHeaders): CommandMetadata => ({
  actor: { id: principal.subject.slice(0, 64), role: principal.role, office: principal.office.slice(0, 64) },
  correlationId: headers.correlationId ?? randomUUID(),
  ...(headers.idempotencyKey ? { idempotencyKey: headers.idempotencyKey, ...(headers.fingerprint ? { requestDigest: headers.fingerprint } : {}) } : {}),
});

/**
 * Runs a decided command through the one command loop with the caller's metadata and the request's
 * concurrency (If-Match) and idempotency (Idempotency-Key), and shapes the result for HTTP.
 */
export const runCommand = async <C extends { readonly effectiveDate: string }, E extends RegistryEvent, S>(
  runtime: RegistryRuntime, principal: Principal, headers: CommandHeaders, stream: string, decider: Decider<C, E, S>, command: C,
  authorize?: (state: S) => void,
): Promise<CommandResult> => {
  const expectedRevision = headers.expectedRevision;
  const keys = new IdempotencyRecords(runtime.views);
  const binding = headers.idempotencyKey && headers.fingerprint && !headers.keyBound ? { key: headers.idempotencyKey, fingerprint: headers.fingerprint } : undefined;
  let fresh = false;
  if (binding) {
    // The key is the caller's, for one request: the same key with another request (or stream) is refused.
    const bound = await keys.claim(principal.subject, binding.key, binding.fingerprint, stream, new Date());
    if (bound.stream !== stream) throw new ApiError(422, 'IDEMPOTENCY.KEY_REUSED', 'this Idempotency-Key was already used for a different request: use a new key for a new request');
    fresh = bound.fresh;
  }
  const outcome = await handleCommand(runtime.store, stream, decider, command, metadataOf(principal, headers), {
    ...(expectedRevision !== undefined ? { expectedRevision } : {}), ...(authorize ? { authorize } : {}),
  }).catch(async (error: unknown) => {
    // Refused, nothing appended (not found, out of scope, a rule, a stale ETag): a key this request bound is free
    // again, as if never sent — never one an earlier request bound (its events may be in the stream).
    if (binding && fresh) await keys.unbind(principal.subject, binding.key, stream);
    // Without If-Match a lost race is retried; losing every retry is contention, not a stale ETag.
    if (error instanceof WrongExpectedRevisionError && expectedRevision === undefined)
      throw new ApiError(409, 'STREAM.CONTENDED', `${stream} kept changing while the command was decided; retry`);
    throw error;
  });
  return {
    id: stream.slice(stream.indexOf('-') + 1), stream, revision: outcome.revision ?? null, position: outcome.position ? formatPosition(outcome.position) : null,
    replayed: outcome.replayed, events: outcome.events,
  };
};
