import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCity, type SyntheticRecord } from '../../domain/src/synthetic';
import { isDomainError } from '../../domain/src/shared/errors';
import { type EventStore, isEventStoreError, openSqliteEventStore, type StoredEvent } from '../../event-store/src';
import { readAllFrom } from '../../event-store/test/contract-support';
import { type ImportRecord, initRegistry, jurisdictionStateOf, RecordImporter } from '../src';

const city = (persons: number): SyntheticRecord[] => {
  const out: SyntheticRecord[] = [];
  const g = generateCity({ persons, seed: 3 });
  for (let step = g.next(); !step.done; step = g.next()) out.push(...step.value);
  return out;
};

const everything = (store: EventStore): Promise<StoredEvent[]> => readAllFrom(store, undefined, undefined, 5_000);

const importAll = async (store: EventStore, records: readonly ImportRecord[]): Promise<RecordImporter> => {
  const importer = new RecordImporter(store, 64);
  for (const r of records) await importer.add(r);
  await importer.finish();
  return importer;
};

describe('the importer (the batch path) on the embedded store', () => {
  let dir: string;
  let store: EventStore;
  const records = city(600);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'huji-import-'));
    store = openSqliteEventStore(join(dir, 'events.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Given a generated history, When imported, Then $all holds exactly the file, in the file\'s order', async () => {
    const importer = await importAll(store, records);
    expect(importer.failure).toBeUndefined();
    expect((await everything(store)).map((e) => e.id)).toEqual(records.map((r) => r.id));
  });

  it('Given the history already imported, When imported again, Then the first append is refused as a concurrency conflict and nothing is appended', async () => {
    await importAll(store, records);
    const again = await importAll(store, records);
    expect(isEventStoreError(again.failure?.error) && again.failure.error.code).toBe('STREAM.WRONG_EXPECTED_REVISION');
    expect([again.appended, again.skipped]).toEqual([0, 0]);
    expect(await everything(store)).toHaveLength(records.length);
  });

  it('Given the seed documents recorded first (npm start, huji init), When a generated city is imported, Then its identical seed facts are skipped and the rest appended', async () => {
    const seeded = await initRegistry(store);
    expect(seeded.map((s) => s.outcome)).toEqual(seeded.map(() => 'recorded'));
    const importer = await importAll(store, records);
    expect([importer.failure, importer.skipped]).toEqual([undefined, seeded.length]);
    expect(await everything(store)).toHaveLength(records.length);
    const again = await importAll(store, records); // the rest was not the registry's own: a second import is refused
    expect(isEventStoreError(again.failure?.error) && again.failure.error.code).toBe('STREAM.WRONG_EXPECTED_REVISION');
  });

  it('Given records with their source\'s recording time, Then it is kept in the metadata (a top-level recordedAt too); a time before the fact took effect is refused', async () => {
    const first = records[0]!;
    const { originallyRecordedAt: _o, ...meta } = first.metadata;
    const importer = await importAll(store, [{ ...first, metadata: meta, recordedAt: '2017-07-01T09:00:00+08:00' }]);
    expect(importer.failure).toBeUndefined();
    expect((await everything(store))[0]!.metadata.originallyRecordedAt).toBe('2017-07-01T09:00:00+08:00');
    const second = records[1]!;
    const early = await importAll(store, [{ ...second, metadata: { ...second.metadata, originallyRecordedAt: '2000-01-01T00:00:00Z' } }]);
    expect(isDomainError(early.failure?.error) && early.failure.error.problems.map((p) => p.code)).toEqual(['TIME.ORDER']);
  });

  it('Given an enactment of schema version 1 (a catalogue reference), Then it is imported and read with its content; one whose hash names no catalogue content, a version the catalogue lacks, or content that does not match its hash, is refused', async () => {
    const enacted = records.find((r) => r.type === 'SettlementPolicyEnacted')!;
    const { policy: _content, ...v1 } = enacted.data as { policy: unknown } & Record<string, unknown>;
    const old = { ...enacted, data: v1, metadata: { ...enacted.metadata, schemaVersion: 1 } } as unknown as SyntheticRecord;
    expect((await importAll(store, [old])).failure).toBeUndefined();
    const read = jurisdictionStateOf(await store.readStream(enacted.stream)).policies.get((enacted.data as { policyId: string }).policyId);
    expect(read?.versions[0]?.policy).toEqual((enacted.data as { policy: unknown }).policy);
    const codes = async (r: unknown) => {
      const dir2 = mkdtempSync(join(tmpdir(), 'huji-import-v-'));
      const other = openSqliteEventStore(join(dir2, 'events.sqlite'));
      try {
        const failure = (await importAll(other, [r as SyntheticRecord])).failure?.error;
        return isDomainError(failure) ? failure.problems.map((p) => p.code) : [];
      } finally {
        await other.close();
        rmSync(dir2, { recursive: true, force: true });
      }
    };
    expect(await codes({ ...old, data: { ...v1, contentHash: 'f'.repeat(64) } })).toEqual(['EVENT.UPCAST']);
    expect(await codes({ ...enacted, metadata: { ...enacted.metadata, schemaVersion: 3 } })).toEqual(['EVENT.SCHEMA_VERSION']);
    expect(await codes({ ...enacted, data: { ...enacted.data, contentHash: 'e'.repeat(64) } })).toEqual(['POLICY.CONTENT_HASH']);
  });

  it('Given a record outside the published schema, When imported, Then EVENT.SCHEMA names it, and nothing from it onwards is appended', async () => {
    const at = 200;
    const broken = records.map((r, i) => (i === at ? ({ ...r, data: { ...r.data, surprise: true } } as unknown as SyntheticRecord) : r));
    const importer = await importAll(store, broken);
    expect(isDomainError(importer.failure?.error) && importer.failure.error.code).toBe('EVENT.SCHEMA');
    expect(importer.failure?.at).toBe(`${records[at]!.stream}@${records[at]!.revision}`);
    expect((await everything(store)).map((e) => e.id)).toEqual(records.slice(0, importer.appended).map((r) => r.id));
    expect(importer.appended).toBeLessThanOrEqual(at);
  });
});
