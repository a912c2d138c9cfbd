import { parseArgs } from 'node:util';
import { Projector } from '../../../../projections/projector';
import { type CommandIo } from '../command';
import { Progress } from '../progress';
import { openStores } from '../stores';

export const projectUsage = `huji project [--follow]
  Brings the read store's views (HUJI_READ_STORE, default a SQLite file in HUJI_DATA_DIR) up to the end
  of the event log, from their checkpoint. With --follow it stays live until interrupted.`;

/** `huji project`: the projector from the command line, with progress on a terminal. */
export const projectCommand = async (args: readonly string[], io: CommandIo): Promise<number> => {
  const { values } = parseArgs({ args: [...args], options: { follow: { type: 'boolean' } }, strict: true });
  const { store, db } = await openStores(io);
  const stop = new AbortController();
  const onInterrupt = (): void => stop.abort();
  process.once('SIGINT', onInterrupt);
  const progress = new Progress('project');
  const started = process.hrtime.bigint();
  try {
    const projector = new Projector(store, db);
    let applied = 0;
    if (values.follow) await projector.follow(stop.signal, (n) => progress.update((applied = n)));
    else applied = await projector.catchUp((n) => progress.update(n), stop.signal);
    progress.done();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    io.err(`applied ${applied.toLocaleString('en')} events in ${seconds.toFixed(1)} s; checkpoint ${(await projector.checkpoint()) ?? 'none'}`);
    return 0;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    await db.destroy();
    await store.close();
  }
};
