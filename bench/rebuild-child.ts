/**
 * One rebuild of every view in a process of its own, so its peak RSS is its own:
 * `rebuild-child <events.sqlite> <read.sqlite | postgres://…> [schema]` prints `{"applied","seconds","maxRssMiB"}`.
 */
import { openSqliteEventStore } from '../libs/event-store/src';
import { rebuildViews } from '../projections/rebuild';
import { openReadStore } from '../projections/store/read-store';

const [events, read, schema] = process.argv.slice(2);
if (!events || !read) throw new Error('usage: rebuild-child <events.sqlite> <read.sqlite | postgres://…> [schema]');

const main = async (): Promise<void> => {
  const store = openSqliteEventStore(events);
  const db = await openReadStore(read.startsWith('postgres') ? { type: 'postgres', url: read, ...(schema ? { schema } : {}) } : { type: 'sqlite', file: read });
  const started = process.hrtime.bigint();
  const { applied } = await rebuildViews(store, db);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await db.destroy();
  await store.close();
  process.stdout.write(`${JSON.stringify({ applied, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
};

void main();
