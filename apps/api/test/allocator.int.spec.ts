import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DataSource } from 'typeorm';
import { personStream } from '../../../events';
import { checkCharacter } from '../../../libs/domain/src/citizen-id';
import { generateCity } from '../../../libs/domain/src/synthetic';
import { type EventStore, openSqliteEventStore } from '../../../libs/event-store/src';
import { RecordImporter } from '../../../libs/registry/src';
import { Projector } from '../../../projections/projector';
import { openReadStore } from '../../../projections/store/read-store';
import { READ_STORE_BACKENDS } from '../../../projections/test/backends';
import { CitizenIdAllocator, type TakenIds, takenIdsIn } from '../src/commands/allocator';

const TODAY = '2099-12-31';
const isoOf = (prefix: string): string => `${prefix.slice(6, 10)}-${prefix.slice(10, 12)}-${prefix.slice(12, 14)}`;

/** The real sources, with a count of how often each is asked (counted, not replaced). */
const counted = (real: TakenIds) => {
  const asked = { prefixes: [] as string[], log: 0 };
  const source: TakenIds = {
    withPrefix: (prefix) => {
      asked.prefixes.push(prefix);
      return real.withPrefix(prefix);
    },
    inLog: (id) => {
      asked.log++;
      return real.inLog(id);
    },
  };
  return { asked, source };
};

/** 公民身份号码分配 after a restart: taken numbers come from the persons view (one query per prefix) and the log. */
describe.each(READ_STORE_BACKENDS)('the citizen id allocator on a projected city (%s views)', (_name, backend) => {
  let dir: string;
  let store: EventStore;
  let db: DataSource;
  let drop: () => Promise<void>;
  let held: Set<string>;
  let prefixes: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'huji-alloc-'));
    store = openSqliteEventStore(join(dir, 'events.sqlite'));
    const importer = new RecordImporter(store);
    const city = generateCity({ persons: 600, seed: 11 });
    for (let step = city.next(); !step.done; step = city.next()) for (const r of step.value) await importer.add(r);
    await importer.finish();
    const b = await backend();
    drop = b.drop;
    db = await openReadStore(b.config);
    await new Projector(store, db).catchUp();
    held = new Set((await db.query<{ citizen_id: string }[]>('SELECT citizen_id FROM view_persons')).map((r) => r.citizen_id));
    prefixes = [...new Set([...held].map((id) => id.slice(0, 14)))].sort();
  }, 60_000);

  afterAll(async () => {
    await db.destroy();
    await drop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Given every person of the city in the view, When a number of each sex is allocated for every county and day the view holds, Then none is a number already held, the view is asked once per prefix and the log once per number', async () => {
    const { asked, source } = counted(takenIdsIn(store, db));
    const allocator = new CitizenIdAllocator(source);
    const handedOut: string[] = [];
    for (const prefix of prefixes) for (const sex of ['male', 'female'] as const) handedOut.push(await allocator.allocate(prefix.slice(0, 6), isoOf(prefix), sex, TODAY));
    expect(held.size).toBeGreaterThan(500);
    expect(handedOut.filter((id) => held.has(id))).toEqual([]);
    expect(new Set(handedOut).size).toBe(handedOut.length);
    expect(asked.prefixes).toEqual(prefixes);
    expect(asked.log).toBe(handedOut.length);
  });

  it('Given a birth in the log the views have not yet seen, When its county and day get a number and the draw picks 001 first, Then the log check skips it', async () => {
    const prefix = '41010220990101';
    const first = `${prefix}001${checkCharacter(`${prefix}001`)}`;
    await store.appendToStream(personStream(first), [{ type: 'BirthRegistered', data: { citizenId: first, name: '未投影', sex: 'male', dateOfBirth: '2099-01-01' } }]);
    const { asked, source } = counted(takenIdsIn(store, db));
    const lowestFirst = () => 0; // 001 while it is free, then the lowest free code: the one number the log holds is met first
    const id = await new CitizenIdAllocator(source, undefined, lowestFirst).allocate('410102', '2099-01-01', 'male', TODAY);
    expect(id).toBe(`${prefix}003${checkCharacter(`${prefix}003`)}`);
    expect(asked.log).toBe(2);
  });

  it('Given the registry\'s own draw (crypto.randomInt), When 200 boys of one county and day get numbers, Then each is a different odd code, and they are not 001, 003, 005 … in turn', async () => {
    const allocator = new CitizenIdAllocator(takenIdsIn(store, db));
    const codes: number[] = [];
    for (let i = 0; i < 200; i++) codes.push(Number((await allocator.allocate('410102', '2098-06-01', 'male', TODAY)).slice(14, 17)));
    expect(codes.filter((c) => c % 2 !== 1)).toEqual([]);
    expect(new Set(codes).size).toBe(200);
    expect(codes.slice(0, 10)).not.toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
    expect(Math.max(...codes)).toBeGreaterThan(400); // counted up, 200 boys would end at 399
  });

  it('Given room for few ids, When many prefixes are used, Then memory stays bounded: the oldest prefixes are forgotten and read again on their next birth', async () => {
    const { asked, source } = counted(takenIdsIn(store, db));
    const allocator = new CitizenIdAllocator(source, 20);
    const largest = Math.max(...prefixes.map((p) => [...held].filter((id) => id.startsWith(p)).length));
    const sizes: number[] = [];
    for (const prefix of prefixes) {
      expect(held.has(await allocator.allocate(prefix.slice(0, 6), isoOf(prefix), 'male', TODAY))).toBe(false);
      sizes.push(allocator.size.ids);
    }
    expect(sizes.filter((n) => n > 20 + largest + 1)).toEqual([]);
    const again = await allocator.allocate(prefixes[0]!.slice(0, 6), isoOf(prefixes[0]!), 'female', TODAY);
    expect(held.has(again)).toBe(false);
    expect(asked.prefixes.filter((p) => p === prefixes[0])).toHaveLength(2);
  });
});
