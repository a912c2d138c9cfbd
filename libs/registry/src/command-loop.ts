import { CATALOGUE, decodeEvent, type EventMetadata, eventMetadata, eventProblems, isRegistryEventType, type RegistryEvent } from '../../../events';
import { CATALOGUE_CONTENT } from '../../domain/src/policy/catalogue-content';
import { DomainError } from '../../domain/src/shared/errors';
import { type Decider } from '../../domain/src/shared/decider';
import { factOf, type Timeline } from '../../domain/src/shared/time';
import {
  type AppendResult, type EventStore, type NewEvent, type Position, type StoredEvent, WrongExpectedRevisionError,
} from '../../event-store/src';

/** Who acts and why: the metadata every appended event carries besides its effective date. */
export type CommandMetadata = Omit<EventMetadata, 'schemaVersion' | 'effectiveDate'>;

export interface CommandOutcome<E> {
  readonly events: readonly E[];
  /** The stream's revision after the command (the ETag a client sends back as If-Match). */
  readonly revision: number | undefined;
  /** The `$all` position of the stream's last event after the command (read-your-writes: wait for the views to reach it). */
  readonly position: Position | undefined;
  /** True when an earlier command with the same idempotency key was found: nothing was appended. */
  readonly replayed: boolean;
}

export interface CommandOptions<S = unknown> {
  /** Optimistic concurrency from the client (If-Match): the revision it last saw. */
  readonly expectedRevision?: number | 'no_stream';
  /** Retries after losing a race to another writer (only without an explicit expectedRevision). */
  readonly maxRetries?: number;
  /** Checked on the folded state before deciding (e.g. a registrar's region scope); throws to refuse. */
  readonly authorize?: (state: S) => void;
}

type Command = { readonly effectiveDate: string };

const toNewEvent = (event: RegistryEvent, metadata: EventMetadata): NewEvent => ({
  type: event.type, data: event.data, metadata: metadata,
});

/** A stored stream as the order-of-time rules read it: each event's type, revision and effective date. */
export const timelineOf = (stored: readonly StoredEvent[]): Timeline =>
  stored.map((e) => factOf(e.stream, e, e.revision, typeof e.metadata.effectiveDate === 'string' ? e.metadata.effectiveDate : e.recordedAt.toISOString().slice(0, 10)));

/** 解码: a stored event as the current typed event — the one place events are read, where upcasters apply. */
export const decodeStored = <E extends RegistryEvent = RegistryEvent>(stored: StoredEvent): E => {
  if (!isRegistryEventType(stored.type)) throw new Error(`${stored.stream}@${stored.revision} has a type outside the catalogue: ${stored.type}`);
  return decodeEvent(stored, CATALOGUE_CONTENT) as E;
};

const domainEventOf = decodeStored;

/** Nothing leaves the loop that the published contract would reject (a decider's gap is caught here, not downstream). */
const assertContract = <E extends RegistryEvent>(events: readonly E[], envelope: (e: E) => EventMetadata): void => {
  const problems = events.flatMap((e, i) => [
    ...eventProblems(e.type, e.data).map((p) => ({ ...p, path: `events[${i}].data.${p.path}` })),
    ...eventMetadata.check(envelope(e), `events[${i}].metadata`),
  ]);
  if (problems.length > 0) throw new DomainError('invalid', 'EVENT.SCHEMA', `the command would record an event outside the published schema: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);
};

/**
 * 幂等重放: the events an earlier command with the metadata's idempotency key, by the same actor, appended to the
 * stream (none without a key). A key reused for another request (another digest) is refused, never replayed.
 */
export const replayOf = (stored: readonly StoredEvent[], metadata: CommandMetadata): readonly StoredEvent[] => {
  if (metadata.idempotencyKey === undefined) return [];
  const earlier = stored.filter((e) => e.metadata.idempotencyKey === metadata.idempotencyKey && (e.metadata.actor as { id?: unknown } | undefined)?.id === metadata.actor.id);
  const digest = earlier.map((e) => e.metadata.requestDigest).find((d) => typeof d === 'string');
  if (digest !== undefined && metadata.requestDigest !== undefined && digest !== metadata.requestDigest)
    throw new DomainError('illegal-state', 'IDEMPOTENCY.KEY_REUSED', 'this Idempotency-Key was already used for a different request: use a new key for a new request');
  return earlier;
};

/**
 * The one command loop (STYLE.md §4): read the stream → fold → decide → append at the revision read →
 * on a lost race, read again and decide again. A command whose idempotency key is already in the stream
 * by the same actor returns the events it appended then and appends nothing.
 */
export const handleCommand = async <C extends Command, E extends RegistryEvent, S>(
  store: EventStore, stream: string, decider: Decider<C, E, S>, command: C, metadata: CommandMetadata, options: CommandOptions<S> = {},
): Promise<CommandOutcome<E>> => {
  const retries = options.expectedRevision === undefined ? (options.maxRetries ?? 5) : 0;
  for (let attempt = 0; ; attempt++) {
    const stored = await store.readStream(stream);
    const revision = stored.at(-1)?.revision;
    const position = stored.at(-1)?.position;
    const state = stored.map((e) => domainEventOf<E>(e)).reduce(decider.evolve, decider.initialState());
    // The caller may act on this stream at all (a replay too: it returns the stream's events).
    options.authorize?.(state);
    const earlier = replayOf(stored, metadata);
    if (earlier.length > 0) return { events: earlier.map((e) => domainEventOf<E>(e)), revision, position, replayed: true };
    const expected = options.expectedRevision ?? revision ?? 'no_stream';
    if (options.expectedRevision !== undefined && options.expectedRevision !== (revision ?? 'no_stream'))
      throw new WrongExpectedRevisionError(stream, String(options.expectedRevision), revision ?? 'no_stream');
    const events = decider.decide(command, state, timelineOf(stored));
    if (events.length === 0) return { events, revision, position, replayed: false };
    const envelope = (e: E): EventMetadata => ({ ...metadata, schemaVersion: CATALOGUE[e.type].schemaVersion, effectiveDate: command.effectiveDate });
    assertContract(events, envelope);
    try {
      const result: AppendResult = await store.appendToStream(stream, events.map((e) => toNewEvent(e, envelope(e))), { expectedRevision: expected });
      return { events, revision: result.nextExpectedRevision, position: result.position, replayed: false };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= retries) throw error;
    }
  }
};
