/**
 * `apps/projector`: the projector as a process of its own (for scale-out; the API runs it in-process in
 * embedded mode). Reads HUJI_ESDB_URL / HUJI_DATA_DIR for the log and HUJI_READ_STORE for the views,
 * catches up, follows the log, and writes one JSON line per second of progress. SIGINT/SIGTERM stop it
 * after the batch in flight; a second projector on the same views stops with a clear message (exit 1).
 */
import { eventStoreConfigFromEnv, openEventStore } from '../../../libs/event-store/src';
import { Projector, ProjectorConflict } from '../../../projections/projector';
import { openReadStore, readStoreConfigFromEnv } from '../../../projections/store/read-store';

const log = (fields: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), app: 'projector', ...fields })}\n`);
};

export const main = async (): Promise<number> => {
  const store = await openEventStore(eventStoreConfigFromEnv());
  const readConfig = readStoreConfigFromEnv();
  const db = await openReadStore(readConfig).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
  let lastLog = 0;
  log({ msg: 'started', store: store.kind, readStore: readConfig.type });
  try {
    await new Projector(store, db).follow(stop.signal, (applied) => {
      if (Date.now() - lastLog < 1_000) return;
      lastLog = Date.now();
      log({ msg: 'applied', events: applied });
    });
    log({ msg: 'stopped' });
    return 0;
  } catch (error) {
    log({ msg: error instanceof ProjectorConflict ? error.message : 'failed', level: 'error', error: error instanceof Error ? error.message : String(error) });
    return 1;
  } finally {
    await db.destroy();
    await store.close();
  }
};

if (require.main === module) void main().then((code) => { process.exitCode = code; });
