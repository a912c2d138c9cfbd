import { isDeepStrictEqual } from 'node:util';
import { type DataSource } from 'typeorm';
import { comparePositions, type EventStore, parsePosition, type StoredEvent } from '../../libs/event-store/src';
import { CORE_VIEWS, toProjected } from '../projector';
import { project } from './support';

export const allEvents = async (store: EventStore): Promise<StoredEvent[]> => {
  const out: StoredEvent[] = [];
  for (let after; ;) {
    const page = await store.readAll({ after, maxCount: 5_000 });
    out.push(...page.events);
    after = page.next;
    if (page.isEnd) return out;
  }
};

const sorted = (entries: Iterable<[string, unknown]>): [string, unknown][] => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * Every view table, read back through its mapper, next to the pure fold of the events up to `upTo` (all of
 * them by default): `equal` when every row is deeply equal (as JSON, as stored).
 */
export const compareWithFold = async (db: DataSource, events: readonly StoredEvent[], upTo?: string) => {
  const limit = upTo === undefined ? undefined : parsePosition(upTo);
  const projected = events.filter((e) => limit === undefined || comparePositions(e.position, limit) <= 0).flatMap((e) => toProjected(e) ?? []);
  return Promise.all(CORE_VIEWS.map(async ({ view, rows }) => {
    const stored: unknown[] = await db.getRepository(rows.entity).find();
    const fromTable = sorted(stored.map((r): [string, unknown] => [(r as Record<string, string>)[rows.keyColumn]!, rows.fromRecord(r)]));
    const folded = sorted([...project(view, projected)].map(([k, row]): [string, unknown] => [k, JSON.parse(JSON.stringify(row)) as unknown]));
    return { view: view.name, rows: stored.length, equal: isDeepStrictEqual(fromTable, folded) };
  }));
};
