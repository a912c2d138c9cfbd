import { isDeepStrictEqual } from 'node:util';
import { type DataSource } from 'typeorm';
import { comparePositions, type EventStore, parsePosition, type StoredEvent } from '../../libs/event-store/src';
import { CORE_VIEWS, toProjected } from '../projector';
import { readAllFrom } from '../../libs/event-store/test/contract-support';
import { project } from './support';

/** Every event of the log, in `$all` order. */
export const allEvents = (store: EventStore): Promise<StoredEvent[]> => readAllFrom(store, undefined, undefined, 5_000);

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
