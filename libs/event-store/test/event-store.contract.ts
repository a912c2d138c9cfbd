import { randomUUID } from 'node:crypto';
import { type EventStore } from '../src/event-store';
import { isEventStoreError } from '../src/errors';
import { comparePositions, formatPosition } from '../src/position';
import { verify } from '../src/verify';
import { collect, endOfLog, event, events, freshCategory, ids, readAllFrom } from './contract-support';

export interface ContractSubject {
  readonly store: EventStore;
  readonly cleanup?: () => Promise<void>;
}

/**
 * The event store contract: every adapter (memory, SQLite, EventStoreDB) must pass it unchanged.
 * Each test writes to a category of its own, so the suite also runs against a shared server.
 */
export const describeEventStoreContract = (name: string, open: () => Promise<ContractSubject>): void => {
  describe(`EventStore contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: EventStore;
    let category: string;
    const stream = (id: string = randomUUID()): string => `${category}-${id}`;

    beforeEach(async () => {
      subject = await open();
      store = subject.store;
      category = freshCategory();
    });
    afterEach(async () => {
      await store.close();
      await subject.cleanup?.();
    });

    const refusal = async (promise: Promise<unknown>): Promise<unknown> => promise.then(() => { throw new Error('expected a refusal'); }, (e: unknown) => e);

    describe('expected revision', () => {
      it('Given no stream, When appending with no_stream, Then the events get revisions 0..n-1', async () => {
        const s = stream();
        const result = await store.appendToStream(s, events(3), { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(2);
        expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0, 1, 2]);
      });

      it('Given a stream, When appending with no_stream, Then it is refused with the actual revision and nothing is appended', async () => {
        const s = stream();
        await store.appendToStream(s, events(2));
        const error = await refusal(store.appendToStream(s, events(1), { expectedRevision: 'no_stream' }));
        expect(isEventStoreError(error, 'STREAM.WRONG_EXPECTED_REVISION')).toBe(true);
        expect(error).toMatchObject({ stream: s, actual: 1 });
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it('Given no stream, When appending with stream_exists, Then it is refused; Given one, Then it is accepted', async () => {
        const s = stream();
        const error = await refusal(store.appendToStream(s, events(1), { expectedRevision: 'stream_exists' }));
        expect(error).toMatchObject({ code: 'STREAM.WRONG_EXPECTED_REVISION', actual: 'no_stream' });
        expect(await store.readStream(s)).toEqual([]);
        await store.appendToStream(s, events(1), { expectedRevision: 'no_stream' });
        await expect(store.appendToStream(s, events(1), { expectedRevision: 'stream_exists' })).resolves.toMatchObject({ nextExpectedRevision: 1 });
      });

      it('Given any state, When appending with any (or no expectation), Then it is accepted', async () => {
        const s = stream();
        await expect(store.appendToStream(s, events(1), { expectedRevision: 'any' })).resolves.toMatchObject({ nextExpectedRevision: 0 });
        await expect(store.appendToStream(s, events(2), { expectedRevision: 'any' })).resolves.toMatchObject({ nextExpectedRevision: 2 });
        await expect(store.appendToStream(s, events(1))).resolves.toMatchObject({ nextExpectedRevision: 3 });
      });

      it('Given a stream at revision 2, When appending at 2, Then accepted; at 1, 3 or 0-on-new, Then refused', async () => {
        const s = stream();
        await store.appendToStream(s, events(3));
        await expect(store.appendToStream(s, events(1), { expectedRevision: 2 })).resolves.toMatchObject({ nextExpectedRevision: 3 });
        for (const stale of [1, 2, 5]) {
          const error = await refusal(store.appendToStream(s, events(1), { expectedRevision: stale }));
          expect(error).toMatchObject({ code: 'STREAM.WRONG_EXPECTED_REVISION', stream: s, expected: String(stale), actual: 3 });
        }
        const onNew = await refusal(store.appendToStream(stream(), events(1), { expectedRevision: 0 }));
        expect(onNew).toMatchObject({ code: 'STREAM.WRONG_EXPECTED_REVISION', actual: 'no_stream' });
        expect(await store.readStream(s)).toHaveLength(4);
      });

      it('Given a stream, When 50 writers append at the same revision at once, Then exactly one succeeds and 49 get the concurrency error', async () => {
        const s = stream();
        await store.appendToStream(s, events(1));
        const outcomes = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => store.appendToStream(s, [event('Raced', { writer: i })], { expectedRevision: 0 })));
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(49);
        for (const o of lost) expect(isEventStoreError(o.reason, 'STREAM.WRONG_EXPECTED_REVISION')).toBe(true);
        expect((await store.readStream(s)).map((e) => e.type)).toEqual(['Counted', 'Raced']);
      });
    });

    describe('what is stored', () => {
      it('Given an event with id and metadata, When read back, Then every field is there', async () => {
        const s = stream();
        const id = randomUUID();
        const before = Date.now();
        const result = await store.appendToStream(s, [{ id, type: 'BirthRegistered', data: { name: '张三', sex: 'male', n: 1.5, ok: true, none: null, list: [1, '二'] }, metadata: { actor: { id: 'u1', role: 'registrar' } } }]);
        const [stored] = await store.readStream(s);
        expect(stored).toMatchObject({ id, type: 'BirthRegistered', stream: s, revision: 0, data: { name: '张三', sex: 'male', n: 1.5, ok: true, none: null, list: [1, '二'] }, metadata: { actor: { id: 'u1', role: 'registrar' } } });
        expect(stored!.position).toEqual(result.position);
        expect(stored!.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(stored!.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
        expect(stored!.recordedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
      });

      it('Given Chinese text and a 1 MB payload, When appended and read back, Then they round-trip exactly', async () => {
        const s = stream();
        const chinese = '户籍登记：郑州市金水区，社区公共户口，常住人口 𠮷 — “引号” \u0000 \ud83d\ude00';
        const megabyte = '户'.repeat(Math.ceil((1024 * 1024) / 3)); // 3 bytes each in UTF-8: just over 1 MiB
        await store.appendToStream(s, [event('Text', { chinese }), event('Big', { megabyte })]);
        const [text, big] = await store.readStream(s);
        expect(text!.data).toEqual({ chinese });
        expect(Buffer.byteLength((big!.data as { megabyte: string }).megabyte)).toBeGreaterThanOrEqual(1024 * 1024);
        expect(big!.data).toEqual({ megabyte });
        expect((await verify(store, { streams: [s] })).ok).toBe(true);
      });
    });

    describe('refusals change nothing', () => {
      it('Given an empty append, Then APPEND.EMPTY', async () => {
        const s = stream();
        await expect(store.appendToStream(s, [])).rejects.toMatchObject({ code: 'APPEND.EMPTY' });
        expect(await store.readStream(s)).toEqual([]);
      });

      it.each([
        ['empty', ''], ['without a category', 'nodash'], ['$all', '$all'], ['a system stream', '$ce-person'], ['an upper-case category', 'Person-1'],
        ['without an id', 'person-'], ['without a category name', '-1'], ['with a space in the category', 'person 1-x'], ['with a space in the id', 'person-a b'],
        ['of 307 characters', `person-${'x'.repeat(300)}`],
      ])('Given a stream name %s, Then STREAM.INVALID_NAME and nothing appended', async (_label, bad) => {
          const end = await endOfLog(store);
          const error = await refusal(store.appendToStream(bad, events(1)));
          expect(error).toMatchObject({ code: 'STREAM.INVALID_NAME' });
          expect(await readAllFrom(store, end)).toEqual([]);
      });

      it('Given events with several problems, Then EVENT.INVALID lists every one and nothing is appended', async () => {
        const s = stream();
        const bad = [{ type: '' , data: {} }, { type: 'Ok', data: [] }, { id: 'not-a-uuid', type: 'Ok', data: {} }, { type: 'Ok', data: {}, metadata: { $huji: 1 } }];
        const error = await refusal(store.appendToStream(s, bad as never));
        expect(error).toMatchObject({ code: 'EVENT.INVALID' });
        expect((error as { problems: { path: string }[] }).problems.map((p) => p.path)).toEqual(['events[0].type', 'events[1].data', 'events[2].id', 'events[3].metadata.$huji']);
        expect(await store.readStream(s)).toEqual([]);
      });
    });

    describe('reading', () => {
      it('Given a store that says it preserves append order, When appends to one stream are issued without waiting, Then each lands at the revision it expected, in call order', async () => {
        const s = stream();
        const others = [stream(), stream()];
        const calls = Array.from({ length: 20 }, (_, i) => store.preservesAppendOrder
          ? store.appendToStream(i % 2 ? others[i % 4 === 1 ? 0 : 1]! : s, events(1), i % 2 ? {} : { expectedRevision: i === 0 ? 'no_stream' : i / 2 - 1 })
          : Promise.resolve(undefined));
        const results = await Promise.all(calls);
        if (!store.preservesAppendOrder) return expect(results.every((r) => r === undefined)).toBe(true);
        const positions = results.map((r) => r!.position.commit);
        expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        expect((await store.readStream(s)).map((e) => e.revision)).toEqual(Array.from({ length: 10 }, (_, i) => i));
      });

      it('Given appends, Then the head position is the position of the last one appended', async () => {
        const result = await store.appendToStream(stream(), events(3));
        expect(await store.headPosition()).toEqual(result.position);
      });

      it('Given a stream of 10, When read forwards from 3 (max 4) and backwards from the end (max 3), Then the slices are right', async () => {
        const s = stream();
        await store.appendToStream(s, events(10));
        expect((await store.readStream(s, { fromRevision: 3, maxCount: 4 })).map((e) => e.revision)).toEqual([3, 4, 5, 6]);
        expect((await store.readStream(s, { direction: 'backwards', maxCount: 3 })).map((e) => e.revision)).toEqual([9, 8, 7]);
        expect((await store.readStream(s, { direction: 'backwards', fromRevision: 4, maxCount: 2 })).map((e) => e.revision)).toEqual([4, 3]);
        expect(await store.readStream(stream())).toEqual([]);
      });

      it('Given 25 events, When $all is paged by 10, Then pages of 10, 10, 5 in order, the last one at the end', async () => {
        const start = await endOfLog(store);
        const s = stream();
        for (let i = 0; i < 25; i += 5) await store.appendToStream(s, events(5));
        const sizes: number[] = [];
        const seen: number[] = [];
        let cursor = start;
        for (;;) {
          const page = await store.readAll({ after: cursor, maxCount: 10 });
          sizes.push(page.events.length);
          seen.push(...page.events.map((e) => e.revision));
          cursor = page.next;
          if (page.isEnd) break;
        }
        expect(sizes.filter((n) => n > 0)).toEqual([10, 10, 5]);
        expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
      });

      it('Given interleaved concurrent appends to many streams, Then $all order agrees with every stream order', async () => {
        const start = await endOfLog(store);
        const streams = Array.from({ length: 8 }, () => stream());
        await Promise.all(streams.map(async (s) => { for (let i = 0; i < 10; i++) await store.appendToStream(s, events(1 + (i % 3))); }));
        const all = await readAllFrom(store, start);
        for (let i = 1; i < all.length; i++) expect(comparePositions(all[i - 1]!.position, all[i]!.position)).toBeLessThan(0);
        for (const s of streams) {
          const inAll = all.filter((e) => e.stream === s);
          expect(inAll.map((e) => e.revision)).toEqual(inAll.map((_, i) => i));
          expect(ids(inAll)).toEqual(ids(await store.readStream(s)));
        }
      });

      it('Given several types and categories, When $all is filtered, Then only matching events come back, paged', async () => {
        const other = freshCategory();
        const start = await endOfLog(store);
        await store.appendToStream(stream(), [event('A'), event('B'), event('A')]);
        await store.appendToStream(`${other}-x`, [event('A'), event('C')]);
        await store.appendToStream(stream(), [event('C'), event('A')]);
        const types = (f: Parameters<typeof readAllFrom>[2], pageSize?: number) => readAllFrom(store, start, f, pageSize).then((l) => l.map((e) => `${e.stream.split('-')[0]}:${e.type}`));
        expect(await types({ streamCategories: [category] })).toEqual([`${category}:A`, `${category}:B`, `${category}:A`, `${category}:C`, `${category}:A`]);
        expect(await types({ streamCategories: [category], eventTypes: ['A'] }, 2)).toEqual([`${category}:A`, `${category}:A`, `${category}:A`]);
        expect(await types({ streamCategories: [category, other], eventTypes: ['C'] }, 1)).toEqual([`${other}:C`, `${category}:C`]);
        expect(await types({ streamCategories: [category], eventTypes: [] })).toEqual([]);
      });
    });

    describe('subscriptions', () => {
      it('Given events already stored, When subscribing after a position, Then it delivers exactly the later events', async () => {
        const s = stream();
        await store.appendToStream(s, events(5));
        const [third] = await store.readStream(s, { fromRevision: 2, maxCount: 1 });
        const got = await collect(store, 2, { after: third!.position, filter: { streamCategories: [category] } });
        expect(got.map((e) => e.revision)).toEqual([3, 4]);
      });

      it('Given appends running during catch-up, When the subscription goes live, Then nothing is missed, repeated or reordered', async () => {
        const start = await endOfLog(store);
        const streams = [stream(), stream(), stream()];
        for (const s of streams) await store.appendToStream(s, events(800)); // catch-up spans several pages
        const total = 3 * 800 + 3 * 60;
        const received = collect(store, total, { after: start, filter: { streamCategories: [category] } });
        await Promise.all(streams.map(async (s) => { for (let i = 0; i < 30; i++) await store.appendToStream(s, events(2, 'Live')); }));
        const got = await received;
        const stored = await readAllFrom(store, start, { streamCategories: [category] });
        expect(stored).toHaveLength(total);
        expect(ids(got)).toEqual(ids(stored));
        expect(new Set(ids(got)).size).toBe(total);
        expect(got.map((e) => formatPosition(e.position))).toEqual(stored.map((e) => formatPosition(e.position)));
      });

      it('Given a filtered subscription, When other events are appended, Then only matching ones arrive', async () => {
        const s = stream();
        const start = await endOfLog(store);
        const received = collect(store, 3, { after: start, filter: { streamCategories: [category], eventTypes: ['Wanted'] } });
        await store.appendToStream(s, [event('Other'), event('Wanted', { n: 1 })]);
        await store.appendToStream(`${freshCategory()}-x`, [event('Wanted')]);
        await store.appendToStream(s, [event('Wanted', { n: 2 }), event('Other'), event('Wanted', { n: 3 })]);
        expect((await received).map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
      });
    });

    describe('integrity', () => {
      it('Given several streams, Then verify passes and counts the events', async () => {
        const a = stream();
        const b = stream();
        await store.appendToStream(a, events(3));
        await store.appendToStream(b, events(2));
        await store.appendToStream(a, events(1));
        const report = await verify(store, { streams: [a, b] });
        expect(report).toMatchObject({ ok: true, eventsChecked: 6, streamsChecked: 2, problems: [] });
      });
    });
  });
};
