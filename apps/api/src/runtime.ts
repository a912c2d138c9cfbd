import { type Subscription } from 'rxjs';
import { type DataSource } from 'typeorm';
import {
  comparePositions, type EventStore, formatPosition, openEventStore, parsePosition, type Position,
} from '../../../libs/event-store/src';
import { Projector } from '../../../projections/projector';
import { StatisticsSource } from '../../../projections/statistics/loader';
import { type StatisticsCube } from '../../../projections/statistics/cube';
import { recordKeySeedOf } from '../../../projections/statistics/record-keys';
import { openReadStore } from '../../../projections/store/read-store';
import { type ApiConfig } from './config';
import { ContextCache } from './commands/context-cache';
import { ApiError } from './http/problem';
import { DisclosureLog, disclosureLogFile } from './reads/disclosure-log';
import { errorFields, logLine } from './ops/log';
import { initRegistry } from '../../../libs/registry/src/init';

type Listener = () => void;

/**
 * The registry as one process holds it: the event log, the read store (one connection for the projector,
 * one for the API's queries and its own tables), the projector following the log in-process, the
 * statistics cube kept warm, and a signal that the log has grown (for the event stream's live tail).
 */
export class RegistryRuntime {
  private readonly stop = new AbortController();
  private readonly growth = new Set<Listener>();
  private readonly progress = new Set<Listener>();
  private liveTail: Subscription | undefined;
  private following: Promise<void> | undefined;
  private refreshing: Promise<StatisticsCube> | undefined;
  private refreshAgain = false;
  private cube: Promise<StatisticsCube>;
  /** The last position the projector committed (undefined before the first batch). */
  projected: string | undefined;
  projectorError: Error | undefined;
  readonly startedAt = new Date();
  /** Cut-overs and household contexts for commands (see ContextCache). */
  readonly contexts: ContextCache;
  /** 查询留痕: every disclosure of personal data, recorded before it is answered ($HUJI_DATA_DIR/disclosures.db); closed after the app. */
  readonly disclosures: DisclosureLog;

  private constructor(
    readonly config: ApiConfig,
    readonly store: EventStore,
    readonly views: DataSource,
    private readonly projectorDb: DataSource | undefined,
  ) {
    this.contexts = new ContextCache(store);
    this.disclosures = DisclosureLog.open(disclosureLogFile(config.eventStore.dataDir));
    this.cube = this.refreshStatistics();
  }

  static async open(config: ApiConfig): Promise<RegistryRuntime> {
    const store = await openEventStore(config.eventStore);
    if (config.init && (await store.headPosition()) === undefined) {
      // A fresh registry knows its documents: the seed enactments and cut-overs come first (huji init).
      const outcomes = await initRegistry(store).catch(async (error: unknown) => {
        await store.close();
        throw error;
      });
      if (config.log) logLine('info', 'initialised an empty log with the seed documents', { recorded: outcomes.filter((o) => o.outcome === 'recorded').length, refused: outcomes.filter((o) => o.outcome === 'refused') });
    }
    const opened: DataSource[] = [];
    try {
      const projectorDb = config.projectInProcess ? await openReadStore(config.readStore) : undefined;
      if (projectorDb) opened.push(projectorDb);
      const views = await openReadStore(config.readStore);
      opened.push(views);
      const runtime = new RegistryRuntime(config, store, views, projectorDb);
      await runtime.start();
      return runtime;
    } catch (error) {
      for (const db of opened) await db.destroy();
      await store.close();
      throw error;
    }
  }

  private async start(): Promise<void> {
    const head = await this.store.headPosition();
    this.liveTail = this.store.subscribeToAll(head ? { after: head } : {}).subscribe({
      next: (event) => {
        this.grown++;
        this.contexts.seen(event.stream);
        this.notify(this.growth);
      },
      error: (error: unknown) => logLine('error', 'the live tail of the log stopped: event streams fall back to 15 s polls', errorFields(error)),
    });
    if (!this.projectorDb) return this.watchCheckpoint();
    const projector = new Projector(this.store, this.projectorDb);
    this.projected = await projector.checkpoint();
    this.following = projector.follow(this.stop.signal, () => {
      // Read after each committed batch; a read still running at shutdown is awaited before the connection closes.
      this.checkpointRead = projector.checkpoint().then((position) => {
        this.projected = position;
        this.notify(this.progress);
        this.scheduleRefresh();
      }, (error: unknown) => { if (!this.stop.signal.aborted) logLine('error', 'reading the projector checkpoint failed', errorFields(error)); });
    }).catch((error: unknown) => {
      this.projectorError = error instanceof Error ? error : new Error(String(error));
      this.notify(this.progress);
    });
  }

  private poller: NodeJS.Timeout | undefined;
  private checkpointRead: Promise<void> | undefined;

  /** With the projector in another process (`HUJI_PROJECTOR=off`): follow its checkpoint in the read store. */
  private async watchCheckpoint(): Promise<void> {
    const reader = new Projector(this.store, this.views);
    const tick = async (): Promise<void> => {
      const position = await reader.checkpoint();
      if (position === this.projected) return;
      this.projected = position;
      this.notify(this.progress);
      this.scheduleRefresh();
    };
    await tick();
    this.poller = setInterval(() => void tick().catch(() => undefined), 200);
  }

  private notify(listeners: Set<Listener>): void {
    for (const listener of [...listeners]) listener();
  }

  private grown = 0;
  /** A mark of how far the log had grown: take it before a read, wait with it after. */
  growthMark(): number {
    return this.grown;
  }

  /**
   * Resolves true once the log has grown past `mark` (at once if it already has), false after `ms`
   * without growth (time for a heartbeat) or when `signal` aborts.
   */
  nextGrowth(mark: number, ms: number, signal: AbortSignal): Promise<boolean> {
    if (this.grown !== mark) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.growth.delete(done);
        signal.removeEventListener('abort', done);
        resolve(this.grown !== mark);
      };
      const timer = setTimeout(done, ms);
      this.growth.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** True when the projector has committed `position` (or anything after it). */
  hasProjected(position: Position): boolean {
    const at = this.projected === undefined ? undefined : parsePosition(this.projected);
    return at !== undefined && comparePositions(at, position) >= 0;
  }

  /** Waits until the views reflect `position` (read-your-writes), at most `ms`; true when they do. */
  async waitForProjection(position: Position, ms: number): Promise<boolean> {
    if (this.hasProjected(position)) return true;
    return new Promise((resolve) => {
      const check = (): void => {
        if (!this.hasProjected(position) && !this.projectorError) return;
        clearTimeout(timer);
        this.progress.delete(check);
        resolve(this.hasProjected(position));
      };
      const timer = setTimeout(() => { this.progress.delete(check); resolve(false); }, ms);
      this.progress.add(check);
    });
  }

  /**
   * The statistics cube, brought up to date after the projector's batches (one refresh at a time). With
   * `after` (a position a command returned): once the views have it, a refresh that includes it.
   */
  async statistics(after?: Position): Promise<StatisticsCube> {
    if (!after) return this.cube;
    await this.viewsAt(after);
    await this.refreshing?.catch(() => undefined);
    return this.refreshStatistics();
  }

  /** Read-your-writes: waits (at most `ms`) until the views reflect `position`, else 503 VIEWS.BEHIND. */
  async viewsAt(position: Position | undefined, ms = 10_000): Promise<void> {
    if (!position || (await this.waitForProjection(position, ms))) return;
    throw new ApiError(503, 'VIEWS.BEHIND', `the views have not reached position ${formatPosition(position)} yet (at ${this.projected ?? 'nothing'}); retry shortly`);
  }

  private statisticsSource: StatisticsSource | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;

  /** After projector batches the cube is refreshed at most once a second (a query with `after` asks for a fresh one). */
  private scheduleRefresh(): void {
    if (this.refreshTimer || this.stop.signal.aborted) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.refreshStatistics();
    }, 1_000);
  }

  private refreshStatistics(): Promise<StatisticsCube> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.statisticsSource ??= new StatisticsSource(this.views, recordKeySeedOf(this.config.sdcSecret)); // record keys for statisticians' perturbation
    const run = this.statisticsSource.refresh().finally(() => {
      this.refreshing = undefined;
      if (this.refreshAgain) {
        this.refreshAgain = false;
        void this.refreshStatistics();
      }
    });
    this.refreshing = run;
    // Queries keep the last good cube while a refresh runs; the first load is what they wait for.
    void run.then((cube) => { this.cube = Promise.resolve(cube); }, () => undefined);
    return run;
  }

  /** Position text of the log's head (for health and lag). */
  async head(): Promise<string | undefined> {
    const head = await this.store.headPosition();
    return head ? formatPosition(head) : undefined;
  }

  private readonly closers: (() => Promise<void>)[] = [];

  /** Work to finish before the stores close (jobs in flight). */
  onClose(closer: () => Promise<void>): void {
    this.closers.push(closer);
  }

  async close(): Promise<void> {
    for (const closer of this.closers) await closer();
    this.stop.abort();
    clearTimeout(this.refreshTimer);
    clearInterval(this.poller);
    this.liveTail?.unsubscribe();
    await this.following;
    await this.checkpointRead;
    await this.refreshing?.catch(() => undefined);
    if (this.projectorDb) await this.projectorDb.destroy();
    await this.views.destroy();
    await this.store.close();
    await this.disclosures.close();
  }
}
