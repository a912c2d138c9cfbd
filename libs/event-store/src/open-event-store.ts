import { join } from 'node:path';
import { type EventStore } from './event-store';
import { LocalEventStore, type LocalEventStoreOptions } from './local/local-event-store';
import { MemoryLog } from './local/memory-log';
import { SqliteLog } from './local/sqlite-log';

/** The configuration the CLI and the apps share (DESIGN.md "Configuration"). */
export interface EventStoreConfig {
  /** `HUJI_ESDB_URL`: an EventStoreDB connection string selects the EventStoreDB adapter. */
  readonly esdbUrl?: string;
  /** `HUJI_DATA_DIR` (default `./data`): where the embedded log lives. */
  readonly dataDir: string;
}

export const eventStoreConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): EventStoreConfig => ({
  esdbUrl: env.HUJI_ESDB_URL || undefined,
  dataDir: env.HUJI_DATA_DIR || './data',
});

export const embeddedLogFile = (dataDir: string): string => join(dataDir, 'events.sqlite');

/** The embedded store (default): a SQLite file under the data directory. */
export const openSqliteEventStore = (file: string, options?: LocalEventStoreOptions): EventStore =>
  new LocalEventStore(new SqliteLog(file), options);

/** The in-memory store, for pure tests. */
export const openMemoryEventStore = (options?: LocalEventStoreOptions): EventStore => new LocalEventStore(new MemoryLog(), options);

/** Picks the adapter from configuration: EventStoreDB when a connection string is set, else the embedded file. */
export const openEventStore = async (config: EventStoreConfig = eventStoreConfigFromEnv()): Promise<EventStore> => {
  if (config.esdbUrl) {
    const { EsdbEventStore } = await import('./esdb/esdb-event-store');
    return EsdbEventStore.connect(config.esdbUrl);
  }
  return openSqliteEventStore(embeddedLogFile(config.dataDir));
};
