import { type EventData } from '@eventstore/db-client';
import { eventHash, GENESIS_HASH } from '../src/chain';
import {
  chainEvents, headOf, positionOfRecord, prepareEvent, serverFilter, toLogRecord, toStoredEvent, type RecordedLike,
} from '../src/esdb/esdb-mapping';
import { isEventStoreError } from '../src/errors';

/**
 * The pure half of the EventStoreDB adapter, which runs here without a server: what it sends is what it
 * hashes, and what it reads back re-hashes to the same chain. The server half runs only with HUJI_ESDB_URL.
 */
const STREAM = 'person-110105194912310025';
const AT = '2026-11-23T08:00:00.000Z';

/** What EventStoreDB hands back for an event the client sent: the JSON bytes, parsed again. */
const roundTrip = (sent: EventData, revision: number, commit: bigint): RecordedLike => ({
  streamId: STREAM,
  id: sent.id,
  type: sent.type,
  revision: BigInt(revision),
  isJson: true,
  data: JSON.parse(JSON.stringify(sent.data)) as unknown,
  metadata: JSON.parse(JSON.stringify(sent.metadata)) as unknown,
  position: { commit, prepare: commit },
});

const rehash = (previous: string, e: RecordedLike): string => {
  const r = toLogRecord(e);
  if (!r) throw new Error('not a Huji event');
  return eventHash(previous, { stream: r.stream, revision: r.revision, id: r.id, type: r.type, recordedAt: r.recordedAt, dataJson: r.dataJson, metadataJson: r.metadataJson });
};

describe('EventStoreDB mapping', () => {
  const prepared = [
    prepareEvent({ type: 'BirthRegistered', data: { name: '张伟', '2': 'b', '1': 'a', nested: { x: [1, 2.5, null] } }, metadata: { actor: '民警' } }, 0),
    prepareEvent({ type: 'NameChanged', data: { name: '张大伟' } }, 1),
  ];

  it('Given two events chained from genesis, When they come back from the server, Then each re-hashes to its stamp and links to the previous', () => {
    const sent = chainEvents(STREAM, undefined, prepared, AT);
    const read = sent.map((e, i) => roundTrip(e, i, BigInt(100 + i)));
    const first = toStoredEvent(read[0]!);
    const second = toStoredEvent(read[1]!);
    expect(first?.hash).toBe(rehash(GENESIS_HASH, read[0]!));
    expect(second?.hash).toBe(rehash(first!.hash, read[1]!));
    expect(first?.metadata).toEqual({ actor: '民警' });
    expect(first?.data).toEqual({ name: '张伟', '1': 'a', '2': 'b', nested: { x: [1, 2.5, null] } });
    expect(first?.recordedAt.toISOString()).toBe(AT);
    expect(first?.position).toEqual({ commit: 100n, prepare: 100n });
  });

  it('Given a stream with a head, When more events are chained, Then the chain continues from the head hash and revision', () => {
    const [firstSent] = chainEvents(STREAM, undefined, prepared.slice(0, 1), AT);
    const head = headOf(roundTrip(firstSent!, 0, 1n));
    const [next] = chainEvents(STREAM, head, prepared.slice(1), AT);
    const read = roundTrip(next!, 1, 2n);
    expect(head.revision).toBe(0);
    expect(toStoredEvent(read)?.hash).toBe(rehash(head.hash, read));
  });

  it('Given the data was altered on the server, When it is re-hashed, Then the hash no longer matches the stamp', () => {
    const [sent] = chainEvents(STREAM, undefined, prepared.slice(0, 1), AT);
    const read = roundTrip(sent!, 0, 1n);
    const altered = { ...read, data: { ...(read.data as object), name: '李伟' } };
    expect(rehash(GENESIS_HASH, altered)).not.toBe(toStoredEvent(read)?.hash);
  });

  it.each([
    ['a system stream', { streamId: '$settings' }],
    ['a system event type', { type: '$metadata' }],
    ['a binary event', { isJson: false }],
    ['an event without the $huji stamp', { metadata: { actor: 'x' } }],
  ])('Given %s, When it is read, Then it is not part of the log', (_label, change) => {
    const [sent] = chainEvents(STREAM, undefined, prepared.slice(0, 1), AT);
    const other = { ...roundTrip(sent!, 0, 1n), ...change };
    expect(toStoredEvent(other)).toBeUndefined();
    expect(toLogRecord(other)).toBeUndefined();
    expect(headOf(other).hash).toBe(GENESIS_HASH);
  });

  it('Given a server too old to report $all positions on stream reads, When a position is needed, Then STORE.UNAVAILABLE says so', () => {
    const [sent] = chainEvents(STREAM, undefined, prepared.slice(0, 1), AT);
    const max = 0xffff_ffff_ffff_ffffn;
    const error = (() => { try { positionOfRecord({ ...roundTrip(sent!, 0, 1n), position: { commit: max, prepare: max } }); } catch (e) { return e; } })();
    expect(isEventStoreError(error) && error.code).toBe('STORE.UNAVAILABLE');
  });

  it('Given an event over 4 MiB of JSON, When it is prepared, Then APPEND.TOO_LARGE names it', () => {
    const error = (() => { try { prepareEvent({ type: 'Big', data: { blob: 'x'.repeat(4 * 1024 * 1024) } }, 3); } catch (e) { return e; } })();
    expect(isEventStoreError(error) && error.code).toBe('APPEND.TOO_LARGE');
    expect(isEventStoreError(error) && error.problems[0]?.path).toBe('events[3]');
  });

  it('Given each kind of port filter, When the server filter is built, Then categories become stream prefixes, types an anchored regex, none excludes system events', () => {
    expect(serverFilter({ streamCategories: ['person', 'household'] })).toMatchObject({ filterOn: 'streamName', prefixes: ['person-', 'household-'] });
    expect(serverFilter({ eventTypes: ['Birth.Registered', 'Died'] })).toMatchObject({ filterOn: 'eventType', regex: '^(?:Birth\\.Registered|Died)$' });
    expect(serverFilter(undefined)).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
  });
});
