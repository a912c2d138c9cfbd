import { isRegistryEventType } from '../../../../events';
import { decodeStored } from '../../../../libs/registry/src/command-loop';
import { type StoredEvent } from '../../../../libs/event-store/src';
import { needsHistory, type RegionAt, regionSetBy, regionsOf, type Routable, underPrefix } from './region-routing';

/** A stream's registration region over its revisions: where it changed, and how far the stream was read. */
export interface Timeline {
  /** The last revision folded (−1: none). */
  readonly through: number;
  /** Each change of region, in revision order (a revision that keeps the region adds nothing). */
  readonly changes: readonly { readonly revision: number; readonly region: string }[];
}

export const EMPTY_TIMELINE: Timeline = { through: -1, changes: [] };

/** The timeline with more of its stream folded in (events in revision order, each after `through`). */
export const extendTimeline = (t: Timeline, events: readonly Pick<StoredEvent, 'revision' | 'type' | 'data'>[]): Timeline => {
  const changes = [...t.changes];
  let through = t.through;
  for (const e of events) {
    if (e.revision <= through) continue;
    through = e.revision;
    const region = regionSetBy(e.type, e.data);
    if (region !== undefined && region !== changes.at(-1)?.region) changes.push({ revision: e.revision, region });
  }
  return { through, changes };
};

/** The region in force at a revision (the last change at or before it). */
export const regionAtRevision = (t: Timeline, revision: number): string | undefined => {
  for (let i = t.changes.length - 1; i >= 0; i--) if (t.changes[i]!.revision <= revision) return t.changes[i]!.region;
  return undefined;
};

/** A stored event's payload in the current shape of its type (upcast on read). */
const decoded = (e: StoredEvent): Pick<StoredEvent, 'revision' | 'type' | 'data'> => ({ revision: e.revision, type: e.type, data: isRegistryEventType(e.type) ? decodeStored(e).data : e.data });

/**
 * 区域变更点缓存: the change points of streams' registration regions, read from the log and kept. What a stream
 * held up to a revision never changes, so a timeline stays true; it is only extended when a later revision is
 * asked for. Memory is bounded by the change points held (least recently used streams go first).
 */
export class RegionHistory {
  private readonly timelines = new Map<string, Timeline>();
  private readonly reading = new Map<string, Promise<Timeline>>();
  private weight = 0;

  constructor(
    private readonly readStream: (stream: string, fromRevision: number) => Promise<readonly StoredEvent[]>,
    private readonly maxWeight = 200_000,
  ) {}

  /** Streams and change points held (for tests and metrics). */
  get size(): { readonly streams: number; readonly weight: number } {
    return { streams: this.timelines.size, weight: this.weight };
  }

  /** The stream's timeline folded at least through `revision`. */
  async through(stream: string, revision: number): Promise<Timeline> {
    for (;;) {
      const known = this.timelines.get(stream);
      if (known && known.through >= revision) {
        this.timelines.delete(stream); // most recently used last
        this.timelines.set(stream, known);
        return known;
      }
      const pending = this.reading.get(stream);
      if (!pending) return this.extend(stream, known ?? EMPTY_TIMELINE, revision);
      await pending.catch(() => undefined);
    }
  }

  private async extend(stream: string, from: Timeline, revision: number): Promise<Timeline> {
    const read = this.readStream(stream, from.through + 1).then((events) => extendTimeline(from, events.map(decoded)));
    this.reading.set(stream, read);
    try {
      const timeline = await read;
      if (timeline.through < revision) throw new Error(`${stream} has no revision ${revision} to route by`);
      this.keep(stream, timeline);
      return timeline;
    } finally {
      this.reading.delete(stream);
    }
  }

  private keep(stream: string, timeline: Timeline): void {
    const old = this.timelines.get(stream);
    if (old) this.weight -= 1 + old.changes.length;
    this.timelines.delete(stream);
    this.timelines.set(stream, timeline);
    this.weight += 1 + timeline.changes.length;
    for (const [oldest, t] of this.timelines) {
      if (this.weight <= this.maxWeight || oldest === stream) break;
      this.timelines.delete(oldest);
      this.weight -= 1 + t.changes.length;
    }
  }
}

/**
 * The events of a page delivered under a region prefix (`regionsOf`): the streams of the events that name no
 * region are folded (a few at a time) up to the page's revisions first, so each event is routed by its own position.
 */
export const routedUnder = async <E extends Routable>(history: RegionHistory, events: readonly E[], prefix: string): Promise<E[]> => {
  const wanted = new Map<string, number>();
  for (const e of events) if (needsHistory(e)) wanted.set(e.stream, Math.max(wanted.get(e.stream) ?? -1, e.revision));
  const timelines = new Map<string, Timeline>();
  const streams = [...wanted];
  for (let i = 0; i < streams.length; i += READS_AT_ONCE)
    await Promise.all(streams.slice(i, i + READS_AT_ONCE).map(async ([stream, revision]) => timelines.set(stream, await history.through(stream, revision))));
  const regionAt: RegionAt = (stream, revision) => regionAtRevision(timelines.get(stream) ?? EMPTY_TIMELINE, revision);
  const matches = underPrefix(prefix);
  return events.filter((e) => regionsOf(e, regionAt).some(matches));
};

const READS_AT_ONCE = 32;
