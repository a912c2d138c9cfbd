import { type DataSource } from 'typeorm';
import { openReadStore } from '../../../projections/store/read-store';
import { READ_STORE_BACKENDS } from '../../../projections/test/backends';
import { IdempotencyRecords } from '../src/commands/idempotency';

const HOUR = 3_600_000;
const T0 = new Date('2026-03-01T08:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);

/** 幂等键 records in the real read stores: binding, moving a key off a taken stream, expiry after the TTL. */
describe.each(READ_STORE_BACKENDS)('idempotency records (%s)', (_name, backend) => {
  let db: DataSource;
  let drop: () => Promise<void>;
  let keys: IdempotencyRecords;

  beforeAll(async () => {
    const b = await backend();
    drop = b.drop;
    db = await openReadStore(b.config);
    keys = new IdempotencyRecords(db, 24);
  });

  afterAll(async () => {
    await db.destroy();
    await drop();
  });

  const count = async (): Promise<number> => Number((await db.query<{ n: number | string }[]>('SELECT count(*) AS n FROM api_idempotency_keys'))[0]!.n);

  it('Given a key bound 24 h ago less a moment, When retried, Then the first stream; a moment after 24 h, Then the key is absent: a new stream, and another request may use it', async () => {
    expect(await keys.bind('clerk', 'k-ttl', 'f1', 'person-A', T0)).toBe('person-A');
    expect(await keys.bind('clerk', 'k-ttl', 'f1', 'person-B', at(24 * HOUR - 1))).toBe('person-A');
    await expect(keys.bind('clerk', 'k-ttl', 'f2', 'person-B', at(24 * HOUR - 1))).rejects.toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
    expect(await keys.bind('clerk', 'k-ttl', 'f2', 'person-B', at(24 * HOUR + 1))).toBe('person-B');
    expect(await keys.bind('clerk', 'k-ttl', 'f2', 'person-C', at(24 * HOUR + 2))).toBe('person-B');
  });

  it('Given a key bound to a stream found taken, When two attempts move it at once, Then one moves it and the other follows (compare-and-swap on the old stream)', async () => {
    await keys.bind('clerk', 'k-cas', 'f', 'person-X', T0);
    const moved = await Promise.all([keys.rebind('clerk', 'k-cas', 'f', 'person-X', 'person-Y', T0), keys.rebind('clerk', 'k-cas', 'f', 'person-X', 'person-Z', T0)]);
    expect(moved[0]).toBe(moved[1]);
    expect(['person-Y', 'person-Z']).toContain(moved[0]);
    expect(await keys.rebind('clerk', 'k-cas', 'f', 'person-X', 'person-W', T0)).toBe(moved[0]);
    await expect(keys.rebind('clerk', 'k-cas', 'other', moved[0], 'person-V', T0)).rejects.toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
  });

  it('Given expired and live keys, When swept, Then at most the limit of expired ones go per sweep, oldest first, live ones stay; a bind a minute after the last sweep sweeps again', async () => {
    const t1 = at(1000 * HOUR);
    const after = (ms: number) => new Date(t1.getTime() + ms);
    await db.query('DELETE FROM api_idempotency_keys');
    for (let i = 0; i < 5; i++) await keys.bind('clerk', `old-${i}`, 'f', `person-old-${i}`, after(i * 1000));
    for (let i = 0; i < 2; i++) await keys.bind('clerk', `new-${i}`, 'f', `person-new-${i}`, after(20 * HOUR));
    expect([await keys.sweep(after(25 * HOUR), 3), await count()]).toEqual([3, 4]);
    expect(await keys.bind('clerk', 'fresh', 'f', 'person-fresh', after(25 * HOUR))).toBe('person-fresh');
    expect([await count(), await keys.sweep(after(25 * HOUR))]).toEqual([3, 0]);
    expect(await keys.bind('clerk', 'new-1', 'f', 'person-other', after(25 * HOUR))).toBe('person-new-1');
  });
});
