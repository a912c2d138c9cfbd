import { type DataSource, type EntityManager } from 'typeorm';
import { comparePositions, type EventStore, formatPosition, parsePosition } from '../libs/event-store/src';
import { ALL_VIEWS, Projector, type ProjectedView, tablesOf, toProjected, type ViewGroup } from './projector';
import { placeholder } from './store/bulk';
import { createIndexes, createTable, TABLE_SPECS, type TableSpec } from './store/tables';

/** The live projector's name: one checkpoint for every view. */
export const LIVE = 'views';
const NEXT = '__next';

export interface RebuildOptions {
  /** The group to rebuild (default: every view). */
  readonly group?: ViewGroup;
  readonly onProgress?: (applied: number, total: number | undefined) => void;
  readonly signal?: AbortSignal;
  readonly batchSize?: number;
  /** Runs between the catch-up and the swap (tests use it to move the live projector meanwhile). */
  readonly beforeSwap?: () => Promise<void>;
}

export interface RebuildResult {
  readonly tables: readonly string[];
  readonly applied: number;
  readonly position: string | undefined;
  readonly generation: number;
}

const specOf = (table: string): TableSpec => {
  const spec = Object.values(TABLE_SPECS).find((s) => s.table === table);
  if (!spec) throw new Error(`no table spec for ${table}`);
  return spec;
};


const checkpointOf = async (q: DataSource | EntityManager, projector: string): Promise<{ position: string; generation: number } | undefined> => {
  const rows: { position: string; generation: number }[] = await q.query(`SELECT position, generation FROM projection_checkpoints WHERE projector = ${placeholder(q, 1)}`, [projector]);
  return rows[0] && { position: rows[0].position, generation: Number(rows[0].generation) };
};

/**
 * 重建: projects the views of a group (or all) from position 0 into fresh tables (`<table>__next`) while
 * the live tables keep answering queries, then swaps them in one transaction. A whole rebuild hands its
 * checkpoint to the live projector; a group's rebuild stops at the live checkpoint (never past it) and, in
 * the swap transaction, applies whatever the live projector committed meanwhile, so every view stays at
 * one position. The live checkpoint's generation goes up by one, which tells caches (the statistics cube)
 * to reload. A live projector that was running gets a `ProjectorConflict` unless it was at that position.
 */
export const rebuildViews = async (store: EventStore, db: DataSource, options: RebuildOptions = {}): Promise<RebuildResult> => {
  const views: readonly ProjectedView[] = options.group ? ALL_VIEWS.filter((v) => v.group === options.group) : ALL_VIEWS;
  const tables = tablesOf(views).map((e) => db.getMetadata(e).tableName);
  const partial = options.group !== undefined;
  const projectorName = `${LIVE}${NEXT}`;
  await db.query(`DELETE FROM projection_checkpoints WHERE projector = ${placeholder(db, 1)}`, [projectorName]);
  for (const table of tables) {
    await db.query(`DROP TABLE IF EXISTS ${table}${NEXT}`);
    await createTable(db, specOf(table), `${table}${NEXT}`, false); // indexes after the bulk of the rows
  }
  const next = new Projector(store, db, projectorName, views, options.batchSize, NEXT);
  const head = await store.headPosition();
  const total = head && Number(head.commit) === Number(head.prepare) ? Number(head.commit) : undefined; // the embedded store's positions count events
  const until = partial ? async () => (await checkpointOf(db, LIVE))?.position : undefined;
  const applied = await next.catchUp((n) => options.onProgress?.(n, total), options.signal, until);
  if (options.signal?.aborted) throw new Error('rebuild interrupted: the live views are unchanged');
  const generation = ((await checkpointOf(db, LIVE))?.generation ?? 0) + 1;
  for (const table of tables) await createIndexes(db, specOf(table), `${table}${NEXT}`, `_g${generation}`);
  await options.beforeSwap?.();
  let position: string | undefined;
  await db.transaction(async (tx) => {
    // The live checkpoint first: the write lock keeps the live projector out until the swap commits.
    await tx.query(`UPDATE projection_checkpoints SET generation = ${placeholder(tx, 1)} WHERE projector = ${placeholder(tx, 2)}`, [generation, LIVE]);
    const live = (await checkpointOf(tx, LIVE))?.position;
    position = (await checkpointOf(tx, projectorName))?.position;
    if (partial && live !== undefined && live !== position) {
      const bound = parsePosition(live)!;
      for (let from = position; from !== live;) {
        const page = await store.readAll({ ...(from ? { after: parsePosition(from) } : {}), maxCount: 10_000 });
        const tail = page.events.filter((e) => comparePositions(e.position, bound) <= 0);
        if (tail.length === 0) break;
        const to = formatPosition(tail[tail.length - 1]!.position);
        await next.applyWithin(tx, tail.flatMap((e) => toProjected(e) ?? []), from, to);
        from = to;
      }
      position = live;
    }
    for (const table of tables) {
      await tx.query(`ALTER TABLE ${table} RENAME TO ${table}__old`);
      await tx.query(`ALTER TABLE ${table}${NEXT} RENAME TO ${table}`);
      await tx.query(`DROP TABLE ${table}__old`);
      // PostgreSQL names the primary key's index after the table it was created for: free the name for the next rebuild.
      if (tx.connection.options.type === 'postgres') await tx.query(`ALTER INDEX IF EXISTS ${table}${NEXT}_pkey RENAME TO ${table}_pkey_g${generation}`);
    }
    if (!partial) {
      await tx.query(`DELETE FROM projection_checkpoints WHERE projector = ${placeholder(tx, 1)}`, [LIVE]);
      if (position !== undefined) {
        await tx.query(`INSERT INTO projection_checkpoints (projector, position, updated_at, generation) VALUES (${placeholder(tx, 1)}, ${placeholder(tx, 2)}, ${placeholder(tx, 3)}, ${placeholder(tx, 4)})`,
          [LIVE, position, new Date().toISOString(), generation]);
      }
    }
    await tx.query(`DELETE FROM projection_checkpoints WHERE projector = ${placeholder(tx, 1)}`, [projectorName]);
  });
  return { tables, applied, position, generation };
};
