import { type SyntheticRecord } from '../../domain/src/synthetic';
import { type EventStore, type NewEvent } from '../../event-store/src';

interface Batch {
  readonly stream: string;
  readonly revision: number;
  readonly events: NewEvent[];
}

const toNewEvent = (r: SyntheticRecord): NewEvent => ({ id: r.id, type: r.type, data: r.data, metadata: r.metadata });

/** Where an import stopped: the stream and revision of the refused batch, and why. */
export interface ImportFailure {
  readonly at: string;
  readonly error: unknown;
}

/**
 * The batch path into the store for a recorded history (`huji import`): consecutive records of one stream
 * become one append at exactly their revision (so an import can neither interleave with nor repeat another),
 * streams are appended concurrently (up to `window` appends in flight: the store group-commits them), each
 * stream's appends stay in order, and the first refusal stops the import.
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
    const previous = this.tails.get(batch.stream) ?? Promise.resolve();
    const tail = previous.then(() => this.append(batch)).finally(() => {
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
