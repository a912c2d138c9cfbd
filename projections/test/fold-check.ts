import { isDeepStrictEqual } from 'node:util';
import { type DataSource, type EntitySchema } from 'typeorm';
import { comparePositions, type EventStore, parsePosition, type StoredEvent } from '../../libs/event-store/src';
import { ALL_VIEWS, type ProjectedView, toProjected } from '../projector';
import { eventPositionOf } from '../store/rows';
import { readAllFrom } from '../../libs/event-store/test/contract-support';
import { type ProjectedEvent } from '../view';
import { project } from './support';

/** Every event of the log, in `$all` order. */
export const allEvents = (store: EventStore): Promise<StoredEvent[]> => readAllFrom(store, undefined, undefined, 5_000);

const sorted = <T>(entries: Iterable<[string, T]>): [string, T][] => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** A stored record with every value as text (PostgreSQL returns bigints as strings, SQLite as numbers). */
const normalised = (r: object): Record<string, string | null> => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null || v === undefined ? null : String(v)]));

/** What the views emit for these events, as the records their append tables hold, keyed by (position, seq). */
const foldAppends = (views: readonly ProjectedView[], events: readonly ProjectedEvent[], entity: EntitySchema): [string, Record<string, string | null>][] => {
  const out: [string, Record<string, string | null>][] = [];
  for (const { view, appends } of views.filter((v) => v.appends?.entity === entity)) {
    const rows = new Map<string, unknown>();
    for (const e of events) {
      if (!view.canHandle(e.event.type)) continue;
      const key = view.keyOf(e);
      const before = rows.get(key) ?? null;
      const after = view.evolve(before, e);
      rows.set(key, after);
      (view.emit?.(before, after, e) ?? []).forEach((o, seq) => {
        const record = normalised(appends!.toRecord(o, eventPositionOf(e.position), seq) as object);
        out.push([`${record.eventCommit!.padStart(20, '0')}/${record.eventPrepare!.padStart(20, '0')}/${String(seq).padStart(6, '0')}`, record]);
      });
    }
  }
  return sorted(out);
};

/**
 * Every view table, read back through its mapper, next to the pure fold of the events up to `upTo` (all of
 * them by default): `equal` when every row is deeply equal (as JSON, as stored), and every append-only
 * record equals what the views emit for the same events.
 */
export const compareWithFold = async (db: DataSource, events: readonly StoredEvent[], upTo?: string, views: readonly ProjectedView[] = ALL_VIEWS) => {
  const limit = upTo === undefined ? undefined : parsePosition(upTo);
  const projected = events.filter((e) => limit === undefined || comparePositions(e.position, limit) <= 0).flatMap((e) => toProjected(e) ?? []);
  const rowChecks = views.filter((v) => v.rows).map(async ({ view, rows }) => {
    const stored: unknown[] = await db.getRepository(rows!.entity).find();
    const fromTable = sorted(stored.map((r): [string, unknown] => [(r as Record<string, string>)[rows!.keyColumn]!, rows!.fromRecord(r)]));
    const folded = sorted([...project(view, projected)].map(([k, row]): [string, unknown] => [k, JSON.parse(JSON.stringify(row)) as unknown]));
    return { view: view.name, rows: stored.length, equal: isDeepStrictEqual(fromTable, folded) };
  });
  const appendEntities = [...new Set(views.flatMap((v) => (v.appends ? [v.appends.entity as EntitySchema] : [])))];
  const appendChecks = appendEntities.map(async (entity) => {
    const stored = (await db.getRepository(entity).find()).map((r) => normalised(r as object));
    const fromTable = sorted(stored.map((r): [string, Record<string, string | null>] => [`${r.eventCommit!.padStart(20, '0')}/${r.eventPrepare!.padStart(20, '0')}/${r.seq!.padStart(6, '0')}`, r]));
    return { view: db.getMetadata(entity).tableName, rows: stored.length, equal: isDeepStrictEqual(fromTable, foldAppends(views, projected, entity)) };
  });
  return Promise.all([...rowChecks, ...appendChecks]);
};
