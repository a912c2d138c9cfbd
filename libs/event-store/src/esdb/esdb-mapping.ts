import { randomUUID } from 'node:crypto';
import {
  eventTypeFilter, excludeSystemEvents, jsonEvent, streamNameFilter,
  type EventData, type Filter, type JSONType, type Position as EsdbPosition,
} from '@eventstore/db-client';
import { eventHash, GENESIS_HASH } from '../chain';
import { type EventFilter, type JsonObject, type LogRecord, type NewEvent, type StoredEvent } from '../event-store';
import { EventStoreError } from '../errors';
import { type StreamHead } from '../local/local-log';
import { rowMatches } from '../local/memory-log';
import { type Position } from '../position';
import { MAX_EVENT_BYTES, RESERVED_METADATA_KEY, toJsonText } from '../validation';

/**
 * What the store writes under `$huji` in each event's metadata: EventStoreDB keeps its own `created`
 * time, but the hash covers the store's `recordedAt`, so both it and the hash travel with the event.
 */
export interface HujiStamp {
  readonly v: 1;
  readonly recordedAt: string;
  readonly hash: string;
}

/** An event checked and serialised once: these JSON texts are what is hashed. */
export interface PreparedEvent {
  readonly id: string;
  readonly type: string;
  readonly dataJson: string;
  readonly metadataJson: string;
}

/** The fields of a recorded event that the mapping reads, whichever client read returned it. */
export interface RecordedLike {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly revision: bigint;
  readonly isJson: boolean;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position?: EsdbPosition;
}

/** Servers before 22.6 send this (ulong max) instead of the `$all` position of an event read from a stream. */
const NO_POSITION = 0xffff_ffff_ffff_ffffn;

/** Same checks and serialisation as the local store's `prepare`, so both refuse the same appends. */
export const prepareEvent = (e: NewEvent, i: number): PreparedEvent => {
  const dataJson = toJsonText(e.data, `events[${i}].data`);
  const metadataJson = toJsonText(e.metadata ?? {}, `events[${i}].metadata`);
  if (dataJson.length + metadataJson.length > MAX_EVENT_BYTES)
    throw new EventStoreError('APPEND.TOO_LARGE', `events[${i}] is larger than ${MAX_EVENT_BYTES} bytes of JSON`, [{ path: `events[${i}]`, message: 'too large' }]);
  return { id: e.id ?? randomUUID(), type: e.type, dataJson, metadataJson };
};

/**
 * Chains the events onto the stream's head and builds what the client sends. The data and user metadata go
 * as the values parsed back from the hashed texts: the client's `JSON.stringify` of them gives those texts again.
 * `$huji` is added last, so removing it on read leaves the user keys in their hashed order.
 */
export const chainEvents = (stream: string, head: StreamHead | undefined, events: readonly PreparedEvent[], recordedAt: string): EventData[] => {
  let revision = head?.revision ?? -1;
  let previous = head?.hash ?? GENESIS_HASH;
  return events.map((e) => {
    revision++;
    previous = eventHash(previous, { stream, revision, id: e.id, type: e.type, recordedAt, dataJson: e.dataJson, metadataJson: e.metadataJson });
    const stamp: HujiStamp = { v: 1, recordedAt, hash: previous };
    const metadata = { ...(JSON.parse(e.metadataJson) as Record<string, unknown>), [RESERVED_METADATA_KEY]: stamp };
    return jsonEvent({ id: e.id, type: e.type, data: JSON.parse(e.dataJson) as JSONType, metadata });
  });
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);

const isStamp = (v: unknown): v is HujiStamp =>
  isObject(v) && v.v === 1 && typeof v.recordedAt === 'string' && typeof v.hash === 'string';

interface Decoded {
  readonly data: JsonObject;
  /** The metadata without `$huji`: exactly the user metadata that was hashed. */
  readonly user: JsonObject;
  readonly stamp: HujiStamp;
}

/**
 * Huji's events are JSON objects stamped with `$huji`. Everything else in the database (system streams and
 * events, links, events of other writers on a shared server) is not part of the log this store exposes.
 */
const decode = (e: RecordedLike): Decoded | undefined => {
  if (!e.isJson || e.streamId.startsWith('$') || e.type.startsWith('$') || !isObject(e.data) || !isObject(e.metadata)) return undefined;
  const { [RESERVED_METADATA_KEY]: stamp, ...user } = e.metadata;
  return isStamp(stamp) ? { data: e.data as JsonObject, user: user as JsonObject, stamp } : undefined;
};

/** The head a new event chains onto. A last event that is not Huji's has no hash: chain onto genesis (verify reports the gap). */
export const headOf = (e: RecordedLike): StreamHead => ({ revision: Number(e.revision), hash: decode(e)?.stamp.hash ?? GENESIS_HASH });

/** The event's `$all` position. Stream reads carry it from EventStoreDB 22.6 on; older servers are refused. */
export const positionOfRecord = (e: RecordedLike): Position => {
  const p = e.position;
  if (!p || p.commit === NO_POSITION || p.prepare === NO_POSITION)
    throw new EventStoreError('STORE.UNAVAILABLE', `EventStoreDB did not report the $all position of ${e.streamId}@${e.revision} (EventStoreDB 22.6 or later is required)`);
  return { commit: p.commit, prepare: p.prepare };
};

/** The fields every read shares: identity, place in the stream and in `$all`, and the chain hash. */
const identityOf = (e: RecordedLike, stamp: HujiStamp) =>
  ({ id: e.id, type: e.type, stream: e.streamId, revision: Number(e.revision), position: positionOfRecord(e), hash: stamp.hash }) as const;

export const toStoredEvent = (e: RecordedLike): StoredEvent | undefined => {
  const decoded = decode(e);
  if (!decoded) return undefined;
  const { data, user, stamp } = decoded;
  return { ...identityOf(e, stamp), data, metadata: user, recordedAt: new Date(stamp.recordedAt) };
};

/** Re-serialises data and user metadata: `JSON.stringify(JSON.parse(t)) === t` for any `JSON.stringify` output `t`. */
export const toLogRecord = (e: RecordedLike): LogRecord | undefined => {
  const decoded = decode(e);
  if (!decoded) return undefined;
  const { data, user, stamp } = decoded;
  return { ...identityOf(e, stamp), recordedAt: stamp.recordedAt, dataJson: JSON.stringify(data), metadataJson: JSON.stringify(user) };
};

/** The port's filter, with the local store's exact semantics (any listed type AND any listed category). */
export const matches = (e: StoredEvent, filter: EventFilter | undefined): boolean => rowMatches(e, filter);

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A server-side filter that narrows what a subscription sends; `matches` still decides. The server takes one
 * filter, so categories (stream-name prefixes) win over types; with neither, system events are left out.
 */
export const serverFilter = (filter: EventFilter | undefined): Filter => {
  if (filter?.streamCategories?.length) return streamNameFilter({ prefixes: filter.streamCategories.map((c) => `${c}-`) });
  if (filter?.eventTypes?.length) return eventTypeFilter({ regex: `^(?:${filter.eventTypes.map(escapeRegex).join('|')})$` });
  return excludeSystemEvents();
};

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const drain = async <T>(read: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of read) out.push(item);
  return out;
};
