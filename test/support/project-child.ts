/**
 * A projector for the crash test: catches up in small batches, printing `batch <applied>` after each
 * committed one. The parent kills it with SIGKILL at random moments; after a restart the views must
 * equal a clean rebuild.
 */
import { openSqliteEventStore } from '../../libs/event-store/src/open-event-store';
import { ALL_VIEWS, Projector } from '../../projections/projector';
import { openReadStore } from '../../projections/store/read-store';

const [events, read, schema] = process.argv.slice(2);
if (!events || !read) throw new Error('usage: project-child <events.sqlite> <read.sqlite | postgres://…> [schema]');

const main = async (): Promise<void> => {
  const store = openSqliteEventStore(events);
  const db = await openReadStore(read.startsWith('postgres') ? { type: 'postgres', url: read, ...(schema ? { schema } : {}) } : { type: 'sqlite', file: read });
  process.stdout.write('ready\n');
  await new Projector(store, db, 'views', ALL_VIEWS, 100).catchUp((applied) => process.stdout.write(`batch ${applied}\n`));
  process.stdout.write('done\n');
  await db.destroy();
  await store.close();
};

void main();
