import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedLogFile, type EventStore, formatPosition, openSqliteEventStore } from '../../../libs/event-store/src';
import { alterData, recomputeChains, withFile } from '../../../libs/event-store/test/attacker';
import { IntegrityChecks, integrityRunnerFor } from '../src/audit/integrity-checks';

const PERSON = 'person-110105194912310025';

/** The checks as the API runs them on the embedded log: in a worker thread over the file the store writes. */
const checksOf = (store: EventStore, dataDir: string) => new IntegrityChecks(integrityRunnerFor(store, dataDir), async () => {
  const head = await store.headPosition();
  return head && formatPosition(head);
});

describe('the API\'s integrity checks: unknown streams, and a head expected back', () => {
  let dataDir: string;
  let store: EventStore;
  let checks: IntegrityChecks;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'huji-api-head-'));
    store = openSqliteEventStore(embeddedLogFile(dataDir));
    await store.appendToStream(PERSON, [{ type: 'BirthRegistered', data: { name: '王五' } }, { type: 'DeathRegistered', data: { dateOfDeath: '2020-03-01' } }]);
    await store.appendToStream('household-h1', [{ type: 'HouseholdEstablished', data: { kind: 'family' } }]);
    checks = checksOf(store, dataDir);
  });
  afterEach(async () => {
    await checks.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('Given a stream with no events, When a check of it is asked for or started, Then 404 STREAM.NOT_FOUND and no check starts', async () => {
    const stream = 'person-110105194912310033';
    await expect(checks.report(stream)).rejects.toMatchObject({ status: 404, code: 'STREAM.NOT_FOUND', message: `no stream ${stream} in the log: nothing to check` });
    await expect(checks.start(stream)).rejects.toMatchObject({ status: 404, code: 'STREAM.NOT_FOUND' });
    expect([checks.started, checks.pending]).toEqual([0, 0]);
    expect(await checks.report(PERSON)).toMatchObject({ scope: PERSON, ok: true, eventsChecked: 2 });
  });

  it('Given the head a check reported, When the dateOfDeath is rewritten with every hash recomputed, Then a check expecting that head says the history up to it was rewritten, while a plain one finds the chains intact', async () => {
    const { head } = await checks.report(undefined);
    const recorded = `${head!.position}:${head!.hash}`;
    expect(await checks.report(undefined, recorded)).toMatchObject({ ok: true, expectedHead: { intact: true, foundAt: '3' } });
    withFile(embeddedLogFile(dataDir), (db) => {
      alterData(db, PERSON, 1, (data) => ({ ...data, dateOfDeath: '2023-09-30' }));
      recomputeChains(db, { heads: true });
    });
    const [plain, expecting] = await Promise.all([checks.report(undefined), checks.report(undefined, recorded)]);
    expect(plain).toMatchObject({ ok: true, problems: [] });
    expect(expecting).toMatchObject({ scope: 'all', ok: false, expectedHead: { intact: false, foundAt: null, message: expect.stringContaining('was rewritten or is missing') as unknown } });
    expect(checks.started).toBe(4); // the one expecting a head did not join the plain one
  });

  it('Given a malformed expectHead, Then 400 naming the parameter, before anything starts', async () => {
    await expect(checks.start(undefined, '3:not-a-hash')).rejects.toMatchObject({ status: 400, code: 'REQUEST.INVALID_FIELD', problems: [{ code: 'REQUEST.INVALID_FIELD', path: 'query.expectHead' }] });
    expect(checks.started).toBe(0);
  });
});
