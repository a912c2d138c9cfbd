import { CATALOGUE, eventMetadata, eventProblems, isRegistryEventType, type SchemaProblem, upcast, UpcastError } from '../../../events';
import { CATALOGUE_CONTENT } from '../../domain/src/policy/catalogue-content';
import { type SettlementPolicy } from '../../domain/src/policy/model';
import { DomainError } from '../../domain/src/shared/errors';
import { type SyntheticRecord } from '../../domain/src/synthetic';
import { type EventStore, type NewEvent, WrongExpectedRevisionError } from '../../event-store/src';
import { canonicalJson, policyContentHash } from '../../domain/src/policy/content-hash';
import { SYSTEM_ACTOR } from './init';

interface Batch {
  readonly stream: string;
  readonly revision: number;
  readonly events: NewEvent[];
}

/** An NDJSON record: as `huji generate` writes it, or an export that carries its source's recording time at the top (`recordedAt`). */
export type ImportRecord = SyntheticRecord & { readonly recordedAt?: string };

/** The record with its source's recording time kept in the metadata (`originallyRecordedAt`), so `knownAt` can use it. */
const withOriginalTime = (r: ImportRecord): SyntheticRecord => {
  const { recordedAt, ...record } = r;
  if (recordedAt === undefined || (r.metadata as { originallyRecordedAt?: unknown } | undefined)?.originallyRecordedAt !== undefined) return record;
  return { ...record, metadata: { ...record.metadata, originallyRecordedAt: recordedAt } };
};

const toNewEvent = (r: SyntheticRecord): NewEvent => ({ id: r.id, type: r.type, data: r.data, metadata: r.metadata });

/** The legal day (UTC+8) of an instant. */
const legalDay = (t: number): string => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);

/** A source's recording time never precedes the fact's effective date, nor follows the import. */
const timeProblems = (r: SyntheticRecord, now: Date): SchemaProblem[] => {
  const original = r.metadata.originallyRecordedAt;
  if (original === undefined) return [];
  const t = Date.parse(original);
  if (!Number.isFinite(t)) return [];
  if (legalDay(t) < r.metadata.effectiveDate) return [{ code: 'TIME.ORDER', path: 'metadata.originallyRecordedAt', message: `recorded ${original}, before the fact took effect (${r.metadata.effectiveDate})` }];
  return t > now.getTime() ? [{ code: 'TIME.ORDER', path: 'metadata.originallyRecordedAt', message: `recorded ${original}, after the import` }] : [];
};

/**
 * The payload as it will be read: an older schema version is upcast (and must be one the registry can read),
 * a newer one than the catalogue's is refused. The result is what the published schema is checked against.
 */
const payloadProblems = (r: SyntheticRecord): SchemaProblem[] => {
  const version = (r.metadata as { schemaVersion?: unknown } | undefined)?.schemaVersion;
  if (!isRegistryEventType(r.type) || typeof version !== 'number') return eventProblems(r.type, r.data).map((p) => ({ ...p, path: `data.${p.path}` }));
  const current = CATALOGUE[r.type].schemaVersion;
  if (version > current) return [{ code: 'EVENT.SCHEMA_VERSION', path: 'metadata.schemaVersion', message: `${r.type} has no schema version ${version} (the catalogue's is ${current})` }];
  let data: unknown;
  try {
    data = upcast(r.type, version, r.data, CATALOGUE_CONTENT);
  } catch (error) {
    if (!(error instanceof UpcastError)) throw error;
    return [{ code: 'EVENT.UPCAST', path: 'data', message: error.message }];
  }
  const shape = eventProblems(r.type, data).map((p) => ({ ...p, path: `data.${p.path}` }));
  if (shape.length > 0 || (r.type !== 'SettlementPolicyEnacted' && r.type !== 'SettlementPolicyAmended')) return shape;
  // The hash every later decision cites must be the hash of the content it applies.
  const { policy, contentHash } = data as { policy: SettlementPolicy; contentHash: string };
  return policyContentHash(policy) === contentHash ? [] : [{ code: 'POLICY.CONTENT_HASH', path: 'data.contentHash', message: `${contentHash.slice(0, 12)}… is not the hash of the policy content given (${policyContentHash(policy).slice(0, 12)}…)` }];
};

/** A record's problems: its place (stream, revision), its payload and its metadata against the published schemas, and its times. */
const recordProblems = (r: SyntheticRecord, now: Date): SchemaProblem[] => {
  const place: SchemaProblem[] = typeof r.stream === 'string' && Number.isSafeInteger(r.revision) && r.revision >= 0 ? [] : [{ code: 'EVENT.SCHEMA', path: 'stream', message: 'a record needs a stream and a revision ≥ 0' }];
  const meta = eventMetadata.check(r.metadata, 'metadata');
  return [...place, ...payloadProblems(r), ...meta, ...(meta.length === 0 ? timeProblems(r, now) : [])];
};

/** Where an import stopped: the stream and revision of the refused batch, and why. */
export interface ImportFailure {
  readonly at: string;
  readonly error: unknown;
}

/**
 * The batch path into the store for a recorded history (`huji import`): consecutive records of one stream
 * become one append at exactly their revision (so an import can neither interleave with nor repeat another),
 * up to `window` appends are in flight (the store group-commits them), every record is checked against the
 * published schemas first, and the first refusal stops the import. On a store that commits in call order
 * (the embedded one) `$all` keeps the file's order exactly, so two imports of one file give the same log.
 */
export class RecordImporter {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly waiters: (() => void)[] = [];
  private inFlight = 0;
  private batch: Batch | undefined;
  failure: ImportFailure | undefined;
  appended = 0;
  /** Records the log already held, identical, at their revision (not appended again). */
  skipped = 0;

  constructor(private readonly store: EventStore, private readonly window = 512, private readonly maxBatch = 1_000) {}

  /** Adds one record; resolves when there is room for more (backpressure). */
  async add(input: ImportRecord): Promise<void> {
    if (this.failure) return;
    const record = withOriginalTime(input);
    const problems = recordProblems(record, new Date());
    if (problems.length > 0) {
      await this.finish();
      this.failure ??= { at: `${String(record.stream)}@${String(record.revision)}`, error: new DomainError('invalid', 'EVENT.SCHEMA', `the record does not match the published schema: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems) };
      return;
    }
    const b = this.batch;
    if (b && b.stream === record.stream && b.revision + b.events.length === record.revision && b.events.length < this.maxBatch) {
      b.events.push(toNewEvent(record));
      return;
    }
    if (b) await this.submit(b);
    this.batch = { stream: record.stream, revision: record.revision, events: [toNewEvent(record)] };
  }

  /** Appends what is left and waits for every append to settle. */
  async finish(): Promise<void> {
    if (this.batch) await this.submit(this.batch);
    this.batch = undefined;
    await Promise.all([...this.tails.values()]);
  }

  private async submit(batch: Batch): Promise<void> {
    while (this.inFlight >= this.window) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.failure) return;
    this.inFlight++;
    // A store that commits in call order keeps the file's order in $all exactly; otherwise each stream waits for its previous append.
    const previous = this.store.preservesAppendOrder ? undefined : this.tails.get(batch.stream);
    const tail = (previous ? previous.then(() => this.append(batch)) : this.append(batch)).finally(() => {
      this.inFlight--;
      if (this.tails.get(batch.stream) === tail) this.tails.delete(batch.stream);
      this.waiters.shift()?.();
    });
    this.tails.set(batch.stream, tail);
  }

  private async append(batch: Batch): Promise<void> {
    if (this.failure) return;
    try {
      await this.store.appendToStream(batch.stream, batch.events, { expectedRevision: batch.revision === 0 ? 'no_stream' : batch.revision - 1 });
      this.appended += batch.events.length;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError && (await this.alreadyHeld(batch))) {
        this.skipped += batch.events.length;
        return;
      }
      this.failure ??= { at: `${batch.stream}@${batch.revision}`, error };
    }
  }

  /**
   * The registry recorded these very facts itself at exactly these revisions (the same type and payload, by its
   * system actor): the seed documents `npm start` / `huji init` recorded before a history that begins with the
   * same seed (a synthetic city) was imported. Anything else already there is a conflict: a second import of a
   * history, or another history, is refused.
   */
  private async alreadyHeld(batch: Batch): Promise<boolean> {
    const held = await this.store.readStream(batch.stream, { fromRevision: batch.revision, maxCount: batch.events.length });
    return held.length === batch.events.length && held.every((e, i) => (e.metadata.actor as { id?: unknown } | undefined)?.id === SYSTEM_ACTOR.id
      && e.type === batch.events[i]!.type && canonicalJson(e.data) === canonicalJson(batch.events[i]!.data));
  }
}
