import { bufferTime, concatMap, filter } from 'rxjs';
import { In, type DataSource, type EntityManager, type EntitySchema } from 'typeorm';
import { isRegistryEventType, type RegistryEvent } from '../events';
import { type EventStore, formatPosition, parsePosition, type StoredEvent } from '../libs/event-store/src';
import { bulkLoad, bulkUpsert } from './store/bulk';
import { CheckpointEntity } from './store/entities';
import { householdRows, membershipRows, personRows, type RowMapping } from './store/rows';
import { type ProjectedEvent, type View } from './view';
import { householdsView } from './views/households';
import { membershipsView } from './views/memberships';
import { personsView } from './views/persons';

/** A view with its table. */
export interface ProjectedView<Row = unknown, Rec = unknown> {
  readonly view: View<Row>;
  readonly rows: RowMapping<Row, Rec>;
}

const bind = <Row, Rec>(view: View<Row>, rows: RowMapping<Row, Rec>): ProjectedView => ({ view, rows }) as unknown as ProjectedView;

/** The current-state views the registry keeps in its read store. */
export const CORE_VIEWS: readonly ProjectedView[] = [bind(householdsView, householdRows), bind(membershipsView, membershipRows), bind(personsView, personRows)];

/** Another projector moved the checkpoint first: this batch was rolled back and must not be retried blindly. */
export class ProjectorConflict extends Error {
  constructor(readonly projector: string) {
    super(`another projector advanced "${projector}" first: this one stops (one projector per view at a time)`);
  }
}

/** A duplicate key on PostgreSQL (23505) or SQLite (SQLITE_CONSTRAINT_PRIMARYKEY / _UNIQUE). */
const driverCode = (error: unknown): unknown => (error as { driverError?: { code?: unknown } } | undefined)?.driverError?.code;
const isUniqueViolation = (error: unknown): boolean => ['23505', 'SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE'].includes(String(driverCode(error)));

export const toProjected = (e: StoredEvent): ProjectedEvent | undefined =>
  isRegistryEventType(e.type)
    ? { event: { type: e.type, data: e.data } as RegistryEvent, stream: e.stream, revision: e.revision, position: formatPosition(e.position), recordedAt: e.recordedAt.toISOString(), effectiveDate: typeof e.metadata.effectiveDate === 'string' ? e.metadata.effectiveDate : e.recordedAt.toISOString().slice(0, 10) }
    : undefined;

/**
 * 投影器: reads `$all` from its checkpoint and applies each batch to every view: load the rows the batch
 * touches, evolve them in memory, then save rows and the new checkpoint in one transaction. The checkpoint
 * moves by compare-and-set, so a second projector on the same views cannot interleave: it gets a
 * `ProjectorConflict` and its batch is rolled back. Events at or before the checkpoint are never applied again.
 */
export class Projector {
  constructor(
    private readonly store: EventStore,
    private readonly db: DataSource,
    readonly name = 'core',
    private readonly views: readonly ProjectedView[] = CORE_VIEWS,
    private readonly batchSize = 10_000,
  ) {}

  async checkpoint(): Promise<string | undefined> {
    const row = await this.db.getRepository(CheckpointEntity).findOneBy({ projector: this.name });
    return row?.position;
  }

  /** Applies everything up to the current end of the log; returns how many events were applied. */
  async catchUp(onBatch?: (applied: number) => void, signal?: AbortSignal): Promise<number> {
    let applied = 0;
    while (!signal?.aborted) {
      const from = await this.checkpoint();
      const page = await this.store.readAll({ ...(from ? { after: parsePosition(from) } : {}), maxCount: this.batchSize });
      const to = page.next ? formatPosition(page.next) : from;
      if (to !== undefined && to !== from) {
        await this.apply(page.events.flatMap((e) => toProjected(e) ?? []), from, to);
        applied += page.events.length;
        onBatch?.(applied);
      }
      if (page.isEnd) return applied;
    }
    return applied;
  }

  /**
   * Catches up, then stays live: the subscription starts after the committed checkpoint, and events are
   * applied in batches (whatever arrived within 50 ms, up to the batch size), one batch at a time. Resolves
   * when `signal` aborts; rejects on a `ProjectorConflict` or a store error.
   */
  async follow(signal: AbortSignal, onBatch?: (applied: number) => void): Promise<void> {
    let applied = await this.catchUp(onBatch, signal);
    let position = await this.checkpoint();
    if (signal.aborted) return;
    let inFlight: Promise<void> = Promise.resolve();
    await new Promise<void>((resolve, reject) => {
      const subscription = this.store.subscribeToAll(position ? { after: parsePosition(position) } : {}).pipe(
        bufferTime(50, null, this.batchSize),
        filter((batch) => batch.length > 0),
        concatMap((batch) => (inFlight = (async () => {
          const to = formatPosition(batch[batch.length - 1]!.position);
          await this.apply(batch.flatMap((e) => toProjected(e) ?? []), position, to);
          position = to;
          applied += batch.length;
          onBatch?.(applied);
        })())),
      ).subscribe({
        // A failure waits for the batch being committed, so the caller may close the stores safely.
        error: (error: Error) => { signal.removeEventListener('abort', onAbort); inFlight.then(() => reject(error), () => reject(error)); },
        complete: () => { signal.removeEventListener('abort', onAbort); resolve(); },
      });
      const onAbort = (): void => {
        subscription.unsubscribe();
        inFlight.then(resolve, reject); // the batch in flight finishes first; its failure (a conflict) is still reported
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private async apply(events: readonly ProjectedEvent[], from: string | undefined, to: string): Promise<void> {
    try {
      await this.db.transaction(async (tx) => {
        // The checkpoint first: its write takes the lock, so a rival projector waits here and then finds the checkpoint moved.
        await this.advance(tx, from, to);
        for (const v of this.views) await this.applyView(tx, v, events);
      });
    } catch (error) {
      // On SQLite a rival that keeps the write lock past the busy timeout is the same situation: someone else projects.
      if (driverCode(error) === 'SQLITE_BUSY') throw new ProjectorConflict(this.name);
      throw error;
    }
  }

  private async applyView(tx: EntityManager, { view, rows }: ProjectedView, events: readonly ProjectedEvent[]): Promise<void> {
    const mine = events.filter((e) => view.canHandle(e.event.type));
    if (mine.length === 0) return;
    const keys = [...new Set(mine.map((e) => view.keyOf(e)))];
    const repo = tx.getRepository(rows.entity);
    const current = new Map<string, unknown>();
    for (const record of await bulkLoad(tx, rows.entity as EntitySchema<object>, rows.keyColumn, keys))
      current.set((record as Record<string, string>)[rows.keyColumn]!, rows.fromRecord(record));
    for (const e of mine) {
      const key = view.keyOf(e);
      current.set(key, view.evolve((current.get(key)) ?? null, e));
    }
    const saved = [...current].filter(([, row]) => row !== null).map(([key, row]) => rows.toRecord(key, row));
    const deleted = [...current].filter(([, row]) => row === null).map(([key]) => key);
    await bulkUpsert(tx, rows.entity, rows.keyColumn, saved as object[]);
    if (deleted.length > 0) await repo.delete({ [rows.keyColumn]: In(deleted) });
  }

  /** Compare-and-set of the checkpoint inside the batch's transaction. */
  private async advance(tx: EntityManager, from: string | undefined, to: string): Promise<void> {
    const repo = tx.getRepository(CheckpointEntity);
    const updatedAt = new Date().toISOString();
    if (from === undefined) {
      try {
        await repo.insert({ projector: this.name, position: to, updatedAt });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ProjectorConflict(this.name); // the first checkpoint was written by the rival
        throw error;
      }
      return;
    }
    const result = await repo.update({ projector: this.name, position: from }, { position: to, updatedAt });
    if (result.affected !== 1) throw new ProjectorConflict(this.name);
  }
}
