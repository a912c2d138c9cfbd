import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { householdStream, personStream } from '../../../events';
import { type PersonCommand } from '../../domain/src/person/commands';
import { personDecider } from '../../domain/src/person/decide';
import { isDomainError } from '../../domain/src/shared/errors';
import { type EventStore, isEventStoreError, openSqliteEventStore } from '../../event-store/src';
import { birth, BABY } from '../../domain/test/deciders/support';
import { handleCommand } from '../src';

const meta = (idempotencyKey?: string) => ({
  actor: { id: 'registrar-7', role: 'registrar' as const, office: '410105' }, correlationId: '3b241101-e2bb-4255-8caf-4136c566a962', ...(idempotencyKey ? { idempotencyKey } : {}),
});
const stream = personStream(BABY);

describe('the command loop on the embedded SQLite store', () => {
  let dir: string;
  let store: EventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'huji-loop-'));
    store = openSqliteEventStore(join(dir, 'events.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Given no stream, When a birth is handled, Then BirthRegistered is stored with the metadata envelope', async () => {
    const outcome = await handleCommand(store, stream, personDecider, birth(), meta());
    expect(outcome).toMatchObject({ revision: 0, replayed: false });
    const [stored] = await store.readStream(stream);
    expect(stored?.type).toBe('BirthRegistered');
    expect(stored?.metadata).toEqual({ ...meta(), schemaVersion: 1, effectiveDate: '2026-01-05' });
  });

  it('Given a handled command, When retried with the same idempotency key, Then the first result comes back and nothing is appended', async () => {
    await handleCommand(store, stream, personDecider, birth(), meta('key-1'));
    const retry = await handleCommand(store, stream, personDecider, birth(), meta('key-1'));
    expect(retry).toMatchObject({ replayed: true, revision: 0, events: [{ type: 'BirthRegistered' }] });
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('Given a refused command, When handled, Then the refusal is thrown and the stream is untouched', async () => {
    const error = await handleCommand(store, stream, personDecider, birth({ household: { status: 'missing', householdId: 'h-x' } }), meta()).catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe('HOUSEHOLD.NOT_FOUND');
    expect(await store.readStream(stream)).toHaveLength(0);
    expect((await store.readAll()).events).toHaveLength(0);
  });

  it('Given a stale If-Match revision, When handled, Then STREAM.WRONG_EXPECTED_REVISION and nothing appended', async () => {
    await handleCommand(store, stream, personDecider, birth(), meta());
    const death: PersonCommand = { type: 'RegisterDeath', dateOfDeath: '2026-10-01', placeOfDeath: '410105001001', deathCertificateRef: 'DC', effectiveDate: '2026-10-02', now: new Date('2026-11-23T02:00:00Z') };
    const error = await handleCommand(store, stream, personDecider, death, meta(), { expectedRevision: 'no_stream' }).catch((e: unknown) => e);
    expect(isEventStoreError(error) && error.code).toBe('STREAM.WRONG_EXPECTED_REVISION');
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('Given 20 registrars racing to register the same birth, Then exactly one BirthRegistered is stored and the rest are refused as already registered', async () => {
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => handleCommand(store, stream, personDecider, birth(), meta())));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const codes = results.flatMap((r) => (r.status === 'rejected' && isDomainError(r.reason) ? [r.reason.code] : []));
    expect(codes).toEqual(Array.from({ length: 19 }, () => 'PERSON.ALREADY_REGISTERED'));
    expect(await store.readStream(stream)).toHaveLength(1);
    expect(await store.readStream(householdStream('h-410105-1'))).toHaveLength(0);
  });
});

describe('the command loop guards the published contract', () => {
  it('Given metadata outside the envelope schema (a correlation id that is not a UUID), When handled, Then EVENT.SCHEMA names it and nothing is appended', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huji-loop-'));
    const store = openSqliteEventStore(join(dir, 'events.sqlite'));
    try {
      const error = await handleCommand(store, stream, personDecider, birth(), { ...meta(), correlationId: 'not-a-uuid' }).catch((e: unknown) => e);
      expect(isDomainError(error) && [error.code, error.problems.map((p) => p.path)]).toEqual(['EVENT.SCHEMA', ['events[0].metadata.correlationId']]);
      expect((await store.readAll()).events).toHaveLength(0);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
