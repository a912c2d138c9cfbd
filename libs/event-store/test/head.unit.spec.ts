import { formatHead, parseHead } from '../src/chain';
import { type LogRecord } from '../src/event-store';
import { openMemoryEventStore } from '../src/open-event-store';
import { type RecordSource, verify } from '../src/verify';

const HASH = 'ab'.repeat(32);

/** The records as a store without a global chain gives them (EventStoreDB): no `logHash`, and optionally altered. */
const withoutLogChain = (source: RecordSource, alter: (r: LogRecord) => LogRecord = (r) => r): RecordSource => ({
  readRecords: async (options) => {
    const page = await source.readRecords(options);
    return { ...page, records: page.records.map(({ logHash: _dropped, ...r }) => alter(r)) };
  },
});

describe('the head as text', () => {
  it('Given POSITION:HASH or HASH, Then parseHead takes it back from formatHead, hex in any case', () => {
    expect(parseHead(formatHead({ position: '42', hash: HASH }))).toEqual({ position: '42', hash: HASH });
    expect(parseHead(` ${HASH.toUpperCase()} `)).toEqual({ position: undefined, hash: HASH });
    expect(parseHead(`12/7:${HASH}`)).toEqual({ position: '12/7', hash: HASH });
  });

  it('Given anything else, Then parseHead refuses it', () => {
    expect(['', '42:', `42:${HASH.slice(1)}`, `x:${HASH}`, `42:${HASH}0`, `-1:${HASH}`].map(parseHead)).toEqual(Array(6).fill(undefined));
  });
});

describe('the head on a store without a global chain (EventStoreDB)', () => {
  const filled = async () => {
    const store = openMemoryEventStore();
    for (let i = 0; i < 6; i++) await store.appendToStream(`person-${i % 3}`, [{ type: 'Registered', data: { i } }]);
    return store;
  };

  it('Given the same records, Then verify derives the same head hash the single-writer log stores', async () => {
    const store = await filled();
    const chained = await verify(store);
    expect(await verify(withoutLogChain(store))).toEqual({ ...chained, head: { position: '6', hash: chained.head!.hash } });
  });

  it('Given the last record\'s content and hash rewritten, Then the head recorded before is not found and the head is another', async () => {
    const store = await filled();
    const { head } = await verify(store);
    const rewritten = withoutLogChain(store, (r) => (r.position.commit === 6n ? { ...r, dataJson: '{"i":60}', hash: 'cd'.repeat(32) } : r));
    const report = await verify(rewritten, { expectHead: head! });
    expect(report.expectedHead).toMatchObject({ intact: false, foundAt: null });
    expect(report.head).toEqual({ position: '6', hash: expect.not.stringMatching(head!.hash) as unknown });
  });
});
