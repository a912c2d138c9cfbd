import { type DataSource } from 'typeorm';
import { type EventStore, openEventStore } from '../../../libs/event-store/src';
import { openReadStore, readStoreConfigFromEnv } from '../../../projections/store/read-store';
import { type CommandIo } from './command';

/** The event log (from the command's config) and the read store (HUJI_READ_STORE); the log is closed again if the read store fails to open. */
export const openStores = async (io: CommandIo): Promise<{ store: EventStore; db: DataSource }> => {
  const store = await openEventStore(io.config);
  const db = await openReadStore(readStoreConfigFromEnv()).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  return { store, db };
};
