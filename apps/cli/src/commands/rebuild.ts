import { parseArgs } from 'node:util';
import { type ViewGroup } from '../../../../projections/projector';
import { rebuildViews } from '../../../../projections/rebuild';
import { type CommandIo, UsageError } from '../command';
import { Progress } from '../progress';
import { openStores } from '../stores';

const GROUPS: readonly ViewGroup[] = ['core', 'statistics', 'audit'];

export const rebuildUsage = `huji rebuild [core | statistics | audit]
  Rebuilds the read store's views (all of them, or one group) from the start of the event log into fresh
  tables, then swaps them in: queries keep working on the old tables until the swap. Progress with
  events/s and ETA on a terminal.`;

/** `huji rebuild [group]`. */
export const rebuildCommand = async (args: readonly string[], io: CommandIo): Promise<number> => {
  const { positionals } = parseArgs({ args: [...args], options: {}, allowPositionals: true, strict: true });
  if (positionals.length > 1) throw new UsageError('at most one view group');
  const group = positionals[0] as ViewGroup | undefined;
  if (group !== undefined && !GROUPS.includes(group)) throw new UsageError(`unknown view group "${group}" (one of ${GROUPS.join(', ')})`);
  const { store, db } = await openStores(io);
  const stop = new AbortController();
  const onInterrupt = (): void => stop.abort();
  process.once('SIGINT', onInterrupt);
  const progress = new Progress(`rebuild ${group ?? 'all views'}`);
  const started = process.hrtime.bigint();
  try {
    const result = await rebuildViews(store, db, { ...(group ? { group } : {}), signal: stop.signal, onProgress: (n, total) => progress.update(n, total) });
    progress.done();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    io.err(`rebuilt ${result.tables.join(', ')} from ${result.applied.toLocaleString('en')} events in ${seconds.toFixed(1)} s (${Math.round(result.applied / seconds).toLocaleString('en')} events/s); position ${result.position ?? 'none'}, generation ${result.generation}`);
    return 0;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    await db.destroy();
    await store.close();
  }
};
