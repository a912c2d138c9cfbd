import { bufferTime, concatMap, filter } from 'rxjs';
import { recordedAtOf } from '../libs/registry/src/recorded';
import { type DataSource, type EntityManager, type EntitySchema } from 'typeorm';
import { isRegistryEventType, type RegistryEvent } from '../events';
import { comparePositions, type EventStore, formatPosition, parsePosition, type StoredEvent } from '../libs/event-store/src';
import { auditHouseholdsView, auditPersonsView } from './audit/view';
import { statisticsView, reclassificationsView } from './statistics/view';
import { bulkAppend, bulkDelete, bulkLoad, bulkUpsert } from './store/bulk';
import { CheckpointEntity } from './store/entities';
import {
  type AppendMapping, auditPersonRows, eventPositionOf, householdEntryAppends, householdRows, membershipRows, personRows, reclassificationRows, type RowMapping, statDeltaAppends, statTimelineRows,
} from './store/rows';
import { type ProjectedEvent, type View } from './view';
import { householdsView } from './views/households';
import { membershipsView } from './views/memberships';
import { personsView } from './views/persons';

/** A view with its tables: keyed rows (`rows`) and/or append-only records (`appends`); `group` names it for `huji rebuild`. */
export interface ProjectedView<Row = unknown, Rec = unknown, Out = unknown, App = unknown> {
  readonly group: ViewGroup;
  readonly view: View<Row, Out>;
  readonly rows?: RowMapping<Row, Rec>;
  readonly appends?: AppendMapping<Out, App>;
}

/** The groups of views `huji rebuild <group>` rebuilds together. */
export type ViewGroup = 'core' | 'statistics' | 'audit';

const bind = <Row, Rec, Out, App>(group: ViewGroup, view: View<Row, Out>, rows?: RowMapping<Row, Rec>, appends?: AppendMapping<Out, App>): ProjectedView =>
  ({ group, view, ...(rows ? { rows } : {}), ...(appends ? { appends } : {}) }) as unknown as ProjectedView;

/** The current-state views the registry keeps in its read store. */
export const CORE_VIEWS: readonly ProjectedView[] = [bind('core', householdsView, householdRows), bind('core', membershipsView, membershipRows), bind('core', personsView, personRows)];
/** Statistics: per-person timelines with their deltas, and the regions' reclassifications. */
export const STATISTICS_VIEWS: readonly ProjectedView[] = [bind('statistics', statisticsView, statTimelineRows, statDeltaAppends), bind('statistics', reclassificationsView, reclassificationRows)];
/** The audit index: persons for the 应销未销 checks, and household histories. */
export const AUDIT_VIEWS: readonly ProjectedView[] = [bind('audit', auditPersonsView, auditPersonRows, householdEntryAppends), bind('audit', auditHouseholdsView, undefined, householdEntryAppends)];
/** Every view, as the registry's projector keeps them (one checkpoint, one transaction per batch). */
export const ALL_VIEWS: readonly ProjectedView[] = [...CORE_VIEWS, ...STATISTICS_VIEWS, ...AUDIT_VIEWS];

/** The entity tables a set of views writes (each once). */
export const tablesOf = (views: readonly ProjectedView[]): EntitySchema[] =>
  [...new Set(views.flatMap((v) => [v.rows?.entity, v.appends?.entity]).filter((e): e is EntitySchema => e !== undefined))];

/** Another projector moved the checkpoint first: this batch was rolled back and must not be retried blindly. */
export class ProjectorConflict extends Error {
  constructor(readonly projector: string) {
    super(`another projector advanced "${projector}" first: this one stops (one projector per view at a time)`);
  }
}

/** A duplicate key on PostgreSQL (23505) or SQLite (SQLITE_CONSTRAINT_PRIMARYKEY / _UNIQUE). */
const driverCode = (error: unknown): unknown => (error as { driverError?: { code?: unknown } } | undefined)?.driverError?.code;
/** A unique-key violation from TypeORM on SQLite or PostgreSQL. */
export const isUniqueViolation = (error: unknown): boolean => ['23505', 'SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE'].includes(String(driverCode(error)));

export const toProjected = (e: StoredEvent): ProjectedEvent | undefined =>
  isRegistryEventType(e.type)
    ? { event: { type: e.type, data: e.data } as RegistryEvent, stream: e.stream, revision: e.revision, position: formatPosition(e.position), recordedAt: recordedAtOf(e).toISOString(), effectiveDate: typeof e.metadata.effectiveDate === 'string' ? e.metadata.effectiveDate : e.recordedAt.toISOString().slice(0, 10) }
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
    readonly name = 'views',
    private readonly views: readonly ProjectedView[] = ALL_VIEWS,
    private readonly batchSize = 10_000,
    /** Appended to every table name: a rebuild writes fresh tables (`__next`) beside the live ones. */
    private readonly tableSuffix = '',
  ) {}

  async checkpoint(): Promise<string | undefined> {
    const row = await this.db.getRepository(CheckpointEntity).findOneBy({ projector: this.name });
    return row?.position;
  }

  /**
   * Applies everything up to the current end of the log — or up to `until()` (read before each page), a
   * position it never passes; returns how many events were applied.
   */
  async catchUp(onBatch?: (applied: number) => void, signal?: AbortSignal, until?: () => Promise<string | undefined>): Promise<number> {
    let applied = 0;
    while (!signal?.aborted) {
      const from = await this.checkpoint();
      const bound = until ? await until() : undefined;
      if (until && (bound === undefined || (from !== undefined && comparePositions(parsePosition(bound)!, parsePosition(from)!) <= 0))) return applied;
      const page = await this.store.readAll({ ...(from ? { after: parsePosition(from) } : {}), maxCount: this.batchSize });
      const events = bound === undefined ? page.events : page.events.filter((e) => comparePositions(e.position, parsePosition(bound)!) <= 0);
      const last = events[events.length - 1];
      const to = last ? formatPosition(last.position) : from;
      if (to !== undefined && to !== from) {
        await this.apply(events.flatMap((e) => toProjected(e) ?? []), from, to);
        applied += events.length;
        onBatch?.(applied);
      }
      if (page.isEnd || events.length < page.events.length) return applied;
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
      await this.db.transaction((tx) => this.applyWithin(tx, events, from, to));
    } catch (error) {
      // On SQLite a rival that keeps the write lock past the busy timeout is the same situation: someone else projects.
      if (driverCode(error) === 'SQLITE_BUSY') throw new ProjectorConflict(this.name);
      throw error;
    }
  }

  /** One batch inside a transaction: the checkpoint first (its write takes the lock, so a rival waits here and then finds it moved), then every view. */
  async applyWithin(tx: EntityManager, events: readonly ProjectedEvent[], from: string | undefined, to: string): Promise<void> {
    await this.advance(tx, from, to);
    for (const v of this.views) await this.applyView(tx, v, events);
  }

  private tableOf(entity: EntitySchema): string {
    return `${this.db.getMetadata(entity).tableName}${this.tableSuffix}`;
  }

  private async applyView(tx: EntityManager, { view, rows, appends }: ProjectedView, events: readonly ProjectedEvent[]): Promise<void> {
    const mine = events.filter((e) => view.canHandle(e.event.type));
    if (mine.length === 0) return;
    const current = new Map<string, unknown>();
    const touched = new Set<string>();
    if (rows) {
      const keys = [...new Set(mine.map((e) => view.keyOf(e)))];
      for (const record of await bulkLoad(tx, rows.entity as EntitySchema<object>, keys, this.tableOf(rows.entity as EntitySchema)))
        current.set((record as Record<string, string>)[rows.keyColumn]!, rows.fromRecord(record));
    }
    const emitted: unknown[] = [];
    for (const e of mine) {
      const key = view.keyOf(e);
      const before = current.get(key) ?? null;
      const after = view.evolve(before, e);
      if (rows && (before !== null || after !== null)) touched.add(key);
      current.set(key, after);
      if (view.emit && appends) {
        const position = eventPositionOf(e.position);
        view.emit(before, after, e).forEach((out, seq) => emitted.push(appends.toRecord(out, position, seq)));
      }
    }
    if (rows) {
      const keys = [...touched];
      const saved = keys.filter((key) => current.get(key) !== null).map((key) => rows.toRecord(key, current.get(key)));
      const deleted = keys.filter((key) => current.get(key) === null);
      await bulkUpsert(tx, rows.entity as EntitySchema<object>, saved as object[], this.tableOf(rows.entity as EntitySchema));
      if (deleted.length > 0) await bulkDelete(tx, rows.entity as EntitySchema<object>, deleted, this.tableOf(rows.entity as EntitySchema));
    }
    if (appends) await bulkAppend(tx, appends.entity as EntitySchema<object>, emitted as object[], this.tableOf(appends.entity as EntitySchema));
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
