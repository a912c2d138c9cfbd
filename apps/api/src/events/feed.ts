import { createHmac } from 'node:crypto';
import { cloudEventOf, type CloudEvent, isRegistryEventType, type RecordedEvent, regionsNamedBy } from '../../../../events';
import { decodeStored } from '../../../../libs/registry/src/command-loop';
import { type EventFilter, formatPosition, type Position, type StoredEvent } from '../../../../libs/event-store/src';
import { placeholder } from '../../../../projections/store/bulk';
import { type Principal } from '../auth/principal';
import { type RegistryRuntime } from '../runtime';

/** What a subscriber asked for. */
export interface FeedFilter {
  readonly types?: readonly string[];
  /** A region code prefix: events naming a region in it, or about a person registered in it. */
  readonly region?: string;
  /** Holds the personal-data grant: names and citizen ids are sent as they are. */
  readonly personal: boolean;
}

export interface FeedPage {
  readonly events: readonly CloudEvent[];
  /** Resume after this position (the last event examined, delivered or filtered out). */
  readonly next: string | undefined;
  readonly isEnd: boolean;
}

/** An event as delivered: its payload in the current shape of its type (upcast on read), so `type` and `dataschema` name the version it has. */
const recorded = (e: StoredEvent): RecordedEvent => ({
  id: e.id, stream: e.stream, revision: e.revision, position: formatPosition(e.position), recordedAt: e.recordedAt.toISOString(),
  type: e.type, data: isRegistryEventType(e.type) ? decodeStored(e).data : e.data, metadata: e.metadata as unknown as RecordedEvent['metadata'],
});

const MAX_CACHED_PAGES = 256;

/**
 * Whom an event stream counts against: the verified principal, not the token's text (one token has several
 * spellings, and a holder may have several tokens). Every token carries the one configured issuer (jose
 * checks `iss`), so the subject alone names the holder.
 */
export const streamHolderOf = (principal: Principal): string => principal.subject;

/**
 * 事件订阅: pages of the log as CloudEvents, filtered by type (by the store) and by region (here). Full
 * pages are immutable, so their serialised form is cached: twenty subscribers catching up over the same
 * range serialise each page once.
 */
export class EventFeed {
  private readonly pseudonymKey: string;
  /** Open event streams, and how often one waited for a slow reader's socket to drain (backpressure). */
  readonly stats = { streams: 0, backpressureWaits: 0, eventsSent: 0 };
  private readonly cache = new Map<string, { text: string; count: number; next: string | undefined; isEnd: boolean }>();

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

  constructor(private readonly runtime: RegistryRuntime) {
    this.pseudonymKey = createHmac('sha256', runtime.config.jwtSecret).update('huji-pseudonym').digest('hex');
  }

  /** A stable pseudonym for a citizen id (keyed, so it cannot be reversed by trying every id without the key). */
  readonly pseudonym = (id: string): string => {
    let known = this.pseudonyms.get(id);
    if (known === undefined) {
      if (this.pseudonyms.size >= 100_000) this.pseudonyms.clear();
      known = `p-${createHmac('sha256', this.pseudonymKey).update(id).digest('base64url').slice(0, 22)}`;
      this.pseudonyms.set(id, known);
    }
    return known;
  };

  private readonly pseudonyms = new Map<string, string>();

  async page(after: Position | undefined, limit: number, filter: FeedFilter): Promise<FeedPage> {
    const storeFilter: EventFilter | undefined = filter.types?.length ? { eventTypes: filter.types } : undefined;
    const page = await this.runtime.store.readAll({ ...(after ? { after } : {}), maxCount: limit, ...(storeFilter ? { filter: storeFilter } : {}) });
    const kept = filter.region ? await this.inRegion(page.events, filter.region) : page.events;
    const options = filter.personal ? {} : { pseudonym: this.pseudonym };
    return { events: kept.map((e) => cloudEventOf(recorded(e), options)), next: page.next ? formatPosition(page.next) : undefined, isEnd: page.isEnd };
  }

  /** The page as Server-Sent Event frames (`id:` is the position, `data:` the CloudEvent), cached when full. */
  async frames(after: Position | undefined, limit: number, filter: FeedFilter): Promise<{ text: string; count: number; next: string | undefined; isEnd: boolean }> {
    const key = `${after ? formatPosition(after) : ''}|${limit}|${filter.types?.join(',') ?? ''}|${filter.region ?? ''}|${filter.personal}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const page = await this.page(after, limit, filter);
    const text = page.events.map((e) => `id: ${e.hujiposition}\ndata: ${JSON.stringify(e)}\n\n`).join('');
    const out = { text, count: page.events.length, next: page.next, isEnd: page.isEnd };
    if (!page.isEnd) {
      if (this.cache.size >= MAX_CACHED_PAGES) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, out);
    }
    return out;
  }

  /** Events naming a region under the prefix, or (for person events naming none) about a person registered under it now. */
  private async inRegion(events: readonly StoredEvent[], prefix: string): Promise<StoredEvent[]> {
    const matches = (code: string): boolean => code.startsWith(prefix) || (code.length < 12 && prefix.startsWith(code));
    const unnamed = events.filter((e) => regionsNamedBy(e.data).length === 0 && e.stream.startsWith('person-')).map((e) => e.stream.slice('person-'.length));
    const regionOf = new Map<string, string>();
    if (unnamed.length > 0) {
      // The persons view must have the page's people, or an event would be filtered out for good.
      await this.runtime.viewsAt(events.at(-1)!.position);
      const db = this.runtime.views;
      const ids = [...new Set(unnamed)];
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const rows = await db.query<{ citizen_id: string; region_code: string }[]>(
          `SELECT citizen_id, region_code FROM view_persons WHERE citizen_id IN (${chunk.map((_, j) => placeholder(db, j + 1)).join(', ')})`, chunk);
        for (const r of rows) regionOf.set(r.citizen_id, r.region_code);
      }
    }
    return events.filter((e) => {
      const named = regionsNamedBy(e.data);
      if (named.length > 0) return named.some(matches);
      const region = regionOf.get(e.stream.slice('person-'.length));
      return region !== undefined && matches(region);
    });
  }
}
