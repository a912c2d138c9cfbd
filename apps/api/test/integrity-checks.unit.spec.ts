import { formatPosition, openMemoryEventStore, type EventStore, verify } from '../../../libs/event-store/src';
import { IntegrityChecks, integrityRunnerFor } from '../src/audit/integrity-checks';
import { ApiError } from '../src/http/problem';

/** 20 streams of 500 events: a check of it takes many pages (of 500), with a turn of the event loop between them. */
const filled = async (): Promise<EventStore> => {
  const store = openMemoryEventStore();
  for (let s = 0; s < 20; s++) await store.appendToStream(`person-${s}`, Array.from({ length: 500 }, (_, i) => ({ type: 'Registered', data: { s, i } })));
  return store;
};

const checksOf = (store: EventStore) => new IntegrityChecks(integrityRunnerFor(store, '/nowhere'), async () => {
  const head = await store.headPosition();
  return head && formatPosition(head);
});

describe('integrity checks as jobs (on a store other than the embedded file: in pages, here)', () => {
  it('Given ten checks asked at once, Then one runs, eight wait, the tenth is 503 INTEGRITY.BUSY; asking for a waiting scope joins it; each report is verify\'s', async () => {
    const store = await filled();
    const checks = checksOf(store);
    const asked = await Promise.all(Array.from({ length: 9 }, (_, s) => checks.start(`person-${s}`)));
    expect(asked.map((c) => c.status)).toEqual(['running', ...Array(8).fill('queued')]);
    expect((await checks.start('person-3')).id).toBe(asked[3]!.id);
    const busy = await checks.start('person-9').catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(ApiError);
    expect(busy).toMatchObject({ status: 503, code: 'INTEGRITY.BUSY', extensions: { retryAfter: 30 } });
    const reports = await Promise.all(asked.map((c) => checks.report(c.scope)));
    for (const [s, report] of reports.entries()) expect(report).toEqual({ scope: `person-${s}`, ...(await verify(store, { streams: [`person-${s}`] })) });
    expect(asked.map((c) => checks.get(c.id).status)).toEqual(Array(9).fill('done'));
    expect([checks.pending, checks.started]).toEqual([0, 9]);
  });

  it('Given a whole-log check, Then its progress shows while it runs and it ends with the head', async () => {
    const store = await filled();
    const checks = checksOf(store);
    const { id } = await checks.start(undefined);
    const seen: number[] = [];
    while (checks.get(id).status !== 'done') {
      seen.push(checks.get(id).eventsChecked);
      await new Promise((r) => setImmediate(r));
    }
    expect(seen.some((n) => n > 0 && n < 10_000)).toBe(true);
    expect(checks.get(id)).toMatchObject({ scope: 'all', eventsChecked: 10_000, position: '10000', logHead: '10000', report: { ok: true, head: { position: '10000' } } });
    expect(() => checks.get('00000000-0000-4000-8000-000000000000')).toThrow(expect.objectContaining({ status: 404, code: 'INTEGRITY.CHECK_NOT_FOUND' }));
  });

  it('Given shutdown while a check runs and another waits, Then the running one is aborted, the waiting one fails without starting, and both reports asked for are 503 INTEGRITY.FAILED; no check starts after', async () => {
    const store = await filled();
    const checks = checksOf(store);
    const running = checks.report(undefined).catch((e: unknown) => e);
    const waiting = checks.report('person-1').catch((e: unknown) => e);
    await new Promise((resolve) => setImmediate(resolve));
    const [all, one] = [await checks.start(undefined), await checks.start('person-1')];
    expect([all.status, one.status]).toEqual(['running', 'queued']);
    await checks.close();
    const shuttingDown = 'the integrity check could not run: the registry is shutting down: ask again once it has restarted';
    expect([await running, await waiting]).toEqual([expect.any(ApiError), expect.any(ApiError)]);
    expect([await running, await waiting]).toMatchObject([{ status: 503, code: 'INTEGRITY.FAILED', message: shuttingDown }, { status: 503, code: 'INTEGRITY.FAILED', message: shuttingDown }]);
    expect([checks.get(all.id).status, checks.get(one.id).status, checks.pending]).toEqual(['failed', 'failed', 0]);
    expect(checks.get(one.id).eventsChecked).toBe(0);
    await expect(checks.start('person-2')).rejects.toMatchObject({ status: 503, code: 'INTEGRITY.FAILED', extensions: { retryAfter: 30 } });
  });
});
