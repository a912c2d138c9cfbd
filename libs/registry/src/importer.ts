import { eventMetadata, eventProblems, type SchemaProblem } from '../../../events';
import { DomainError } from '../../domain/src/shared/errors';
import { type SyntheticRecord } from '../../domain/src/synthetic';
import { type EventStore, type NewEvent } from '../../event-store/src';

interface Batch {
  readonly stream: string;
  readonly revision: number;
  readonly events: NewEvent[];
}

const toNewEvent = (r: SyntheticRecord): NewEvent => ({ id: r.id, type: r.type, data: r.data, metadata: r.metadata });

/** A record's problems: its place (stream, revision), its payload and its metadata against the published schemas. */
const recordProblems = (r: SyntheticRecord): SchemaProblem[] => {
  const place: SchemaProblem[] = typeof r.stream === 'string' && Number.isSafeInteger(r.revision) && r.revision >= 0 ? [] : [{ code: 'EVENT.SCHEMA', path: 'stream', message: 'a record needs a stream and a revision ≥ 0' }];
  const meta = eventMetadata.check(r.metadata, 'metadata');
  return [...place, ...eventProblems(r.type, r.data).map((p) => ({ ...p, path: `data.${p.path}` })), ...meta];
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

  constructor(private readonly store: EventStore, private readonly window = 512, private readonly maxBatch = 1_000) {}

  /** Adds one record; resolves when there is room for more (backpressure). */
  async add(record: SyntheticRecord): Promise<void> {
    if (this.failure) return;
    const problems = recordProblems(record);
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
      this.failure ??= { at: `${batch.stream}@${batch.revision}`, error };
    }
  }
}
