import { randomBytes } from 'node:crypto';
import { firstValueFrom, take, timeout, toArray } from 'rxjs';
import { type EventFilter, type EventStore, type NewEvent, type StoredEvent } from '../src/event-store';
import { type Position } from '../src/position';

/** A category no other test uses, so the suite can share one EventStoreDB server with other data. */
export const freshCategory = (): string => `t${randomBytes(6).toString('hex')}`;

export const event = (type: string, data: Record<string, string | number | boolean> = {}): NewEvent => ({ type, data: { ...data } });

export const events = (n: number, type = 'Counted'): NewEvent[] => Array.from({ length: n }, (_, i) => event(type, { i }));

/** Reads `$all` after `after` to the current end, page by page. */
export const readAllFrom = async (store: EventStore, after: Position | undefined, filter?: EventFilter, maxCount = 500): Promise<StoredEvent[]> => {
  const out: StoredEvent[] = [];
  let cursor = after;
  for (;;) {
    const page = await store.readAll({ after: cursor, maxCount, filter });
    out.push(...page.events);
    cursor = page.next ?? cursor;
    if (page.isEnd) return out;
  }
};

/** The position of the current end of the log (undefined for an empty log). */
export const endOfLog = async (store: EventStore): Promise<Position | undefined> => {
  let cursor: Position | undefined;
  for (;;) {
    const page = await store.readAll({ after: cursor, maxCount: 5_000 });
    cursor = page.next ?? cursor;
    if (page.isEnd) return cursor;
  }
};

/** The first `count` events of a subscription; fails if the subscription stalls for 10 s. */
export const collect = (store: EventStore, count: number, options: Parameters<EventStore['subscribeToAll']>[0]): Promise<StoredEvent[]> =>
  firstValueFrom(store.subscribeToAll(options).pipe(timeout({ each: 10_000 }), take(count), toArray()));

export const ids = (list: readonly StoredEvent[]): string[] => list.map((e) => e.id);
