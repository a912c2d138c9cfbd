import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '../src/open-event-store';
import { describeEventStoreContract } from './event-store.contract';

describeEventStoreContract('embedded SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'huji-contract-'));
  return Promise.resolve({ store: openSqliteEventStore(join(dir, 'events.sqlite')), cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) });
});
