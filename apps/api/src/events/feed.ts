import { cloudEventOf, type CloudEvent, isRegistryEventType, parseStream, type RecordedEvent } from '../../../../events';
import { decodeStored } from '../../../../libs/registry/src/command-loop';
import { type EventFilter, formatPosition, type Position, type StoredEvent } from '../../../../libs/event-store/src';
import { type Principal } from '../auth/principal';
import { type RegistryRuntime } from '../runtime';
import { type KeyInForce, type PseudonymKeys } from './pseudonym-rotations';
import { RegionHistory, routedUnder } from './region-history';
import { personsIn } from '../reads/disclosed';

/** What a subscriber asked for. */
export interface FeedFilter {
  readonly types?: readonly string[];
  /** A region code prefix: events routed under a region in it as of their position (region-routing.ts). */
  readonly region?: string;
  /** Holds the personal-data grant: names and citizen ids are sent as they are. */
  readonly personal: boolean;
  /** Whose pseudonyms, without the grant (pseudonym-keys.ts `scopeOf`). */
  readonly scope: string;
}

export interface FeedPage {
  readonly events: readonly CloudEvent[];
  /** Resume after this position (the last event examined, delivered or filtered out). */
  readonly next: string | undefined;
  readonly isEnd: boolean;
}

/** Whose data a page holds: the citizen ids of its person-stream events and the ids of its household-stream events (a personal page's disclosure). */
export interface PageSubjects {
  readonly persons: readonly string[];
  readonly households: readonly string[];
}

/** A page as Server-Sent Event frames. */
export interface Frames extends PageSubjects {
  readonly text: string;
  readonly count: number;
  readonly next: string | undefined;
  readonly isEnd: boolean;
}

/** An event as delivered: its payload in the current shape of its type (upcast on read), so `type` and `dataschema` name the version it has. */
const recorded = (e: StoredEvent): RecordedEvent => ({
  id: e.id, stream: e.stream, revision: e.revision, position: formatPosition(e.position), recordedAt: e.recordedAt.toISOString(),
  type: e.type, data: isRegistryEventType(e.type) ? decodeStored(e).data : e.data, metadata: e.metadata as unknown as RecordedEvent['metadata'],
});

/** The CloudEvent, pseudonymised under the key in force when there is one (its id in `hujipseudonymkey`). */
const delivered = (e: RecordedEvent, key: KeyInForce | undefined): CloudEvent =>
  (key ? cloudEventOf(e, { pseudonym: key.pseudonym, pseudonymKeyId: key.keyId }) : cloudEventOf(e));

const NOBODY: PageSubjects = { persons: [], households: [] };

/** Whose data a page holds: the persons and households of its streams, and every person its events name. */
const subjectsOf = (events: readonly RecordedEvent[]): PageSubjects => {
  const persons = new Set<string>();
  const households = new Set<string>();
  for (const e of events) {
    const stream = parseStream(e.stream);
    if (stream?.category === 'person') persons.add(stream.id);
    else if (stream?.category === 'household') households.add(stream.id);
    for (const id of personsIn(e.data)) persons.add(id); // parents, a principal applicant, family members, a household's heads
  }
  return { persons: [...persons], households: [...households] };
};

const MAX_CACHED_PAGES = 256;

/**
 * Whom an event stream counts against: the verified principal, not the token's text (one token has several
 * spellings, and a holder may have several tokens). Every token carries the one configured issuer (jose
 * checks `iss`), so the subject alone names the holder.
 */
export const streamHolderOf = (principal: Principal): string => principal.subject;

/**
 * 事件订阅: pages of the log as CloudEvents, filtered by type (by the store) and by region (here, by the log up
 * to each event's position, so a page is the same whenever it is read). Full pages are immutable under one
 * pseudonym key, so their serialised form is cached per key: twenty subscribers of one agreement catching up
 * over the same range serialise each page once; the JSON page and the SSE page are built by the same `build`.
 */
export class EventFeed {
  /** Open event streams, and how often one waited for a slow reader's socket to drain (backpressure). */
  readonly stats = { streams: 0, backpressureWaits: 0, eventsSent: 0 };
  private readonly cache = new Map<string, Frames>();
  private readonly history: RegionHistory;

  /** Each open stream's stop signal, with the holder it counts against. */
  private readonly open = new Map<AbortController, string>();
  private readonly perHolder = new Map<string, number>();

  /**
   * Runs an event stream in one of the holder's slots (a verified subject: `streamHolderOf`): false, running
   * nothing, when the holder already has as many open as `HUJI_SSE_PER_TOKEN` allows (0: no cap). The slot is
   * held from here until `stream` settles, however it ends (returned, thrown); `stop` aborts at shutdown.
   */
  async inSlot(holder: string, stream: (stop: AbortController) => Promise<void>): Promise<boolean> {
    const stop = this.openStream(holder);
    if (!stop) return false;
    try {
      await stream(stop);
    } finally {
      this.closeStream(stop);
    }
    return true;
  }

  private openStream(holder: string): AbortController | undefined {
    const cap = this.runtime.config.limits.ssePerToken;
    const open = this.perHolder.get(holder) ?? 0;
    if (cap > 0 && open >= cap) return undefined;
    const stop = new AbortController();
    this.open.set(stop, holder);
    this.perHolder.set(holder, open + 1);
    this.stats.streams++;
    return stop;
  }

  private closeStream(stop: AbortController): void {
    const holder = this.open.get(stop);
    if (holder === undefined) return;
    this.open.delete(stop);
    const left = (this.perHolder.get(holder) ?? 1) - 1;
    if (left > 0) this.perHolder.set(holder, left);
    else this.perHolder.delete(holder);
    this.stats.streams--;
  }

  /** Nest calls this before the HTTP server closes: open event streams would otherwise hold it open. */
  beforeApplicationShutdown(): void {
    for (const stop of this.open.keys()) stop.abort();
  }

  constructor(private readonly runtime: RegistryRuntime, private readonly keys: PseudonymKeys) {
    this.history = new RegionHistory((stream, fromRevision) => runtime.store.readStream(stream, { fromRevision }));
  }

  /**
   * One page, pseudonymised (without the grant) under the key of the subscriber's scope in force at `now`: the
   * key is chosen by delivery time, so a replay after a rotation comes under the new key.
   */
  async page(after: Position | undefined, limit: number, filter: FeedFilter, now = new Date()): Promise<FeedPage & PageSubjects> {
    return this.build(after, limit, filter, filter.personal ? undefined : await this.keys.inForce(filter.scope, now));
  }

  /** The page as Server-Sent Event frames (`id:` is the position, `data:` the CloudEvent), cached when full. */
  async frames(after: Position | undefined, limit: number, filter: FeedFilter, now = new Date()): Promise<Frames> {
    const key = filter.personal ? undefined : await this.keys.inForce(filter.scope, now);
    const cacheKey = `${after ? formatPosition(after) : ''}|${limit}|${filter.types?.join(',') ?? ''}|${filter.region ?? ''}|${key ? `${key.epoch}|${key.scope}` : 'personal'}`;
    const hit = this.cache.get(cacheKey);
    if (hit) return hit;
    const page = await this.build(after, limit, filter, key);
    const text = page.events.map((e) => `id: ${e.hujiposition}\ndata: ${JSON.stringify(e)}\n\n`).join('');
    const out: Frames = { text, count: page.events.length, next: page.next, isEnd: page.isEnd, persons: page.persons, households: page.households };
    if (!page.isEnd) {
      if (this.cache.size >= MAX_CACHED_PAGES) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(cacheKey, out);
    }
    return out;
  }

  private async build(after: Position | undefined, limit: number, filter: FeedFilter, key: KeyInForce | undefined): Promise<FeedPage & PageSubjects> {
    const storeFilter: EventFilter | undefined = filter.types?.length ? { eventTypes: filter.types } : undefined;
    const page = await this.runtime.store.readAll({ ...(after ? { after } : {}), maxCount: limit, ...(storeFilter ? { filter: storeFilter } : {}) });
    const events = page.events.map(recorded);
    const kept = filter.region ? await routedUnder(this.history, events, filter.region) : events;
    return {
      events: kept.map((e) => delivered(e, key)), next: page.next ? formatPosition(page.next) : undefined, isEnd: page.isEnd,
      ...(filter.personal ? subjectsOf(kept) : NOBODY),
    };
  }
}
