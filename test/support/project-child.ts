/**
 * A projector for the crash test: catches up in small batches, printing `batch <applied>` after each
 * committed one. The parent kills it with SIGKILL at random moments; after a restart the views must
 * equal a clean rebuild.
 */
import { openSqliteEventStore } from '../../libs/event-store/src/open-event-store';
import { CORE_VIEWS, Projector } from '../../projections/projector';
import { openReadStore } from '../../projections/store/read-store';

const [events, read] = process.argv.slice(2);
if (!events || !read) throw new Error('usage: project-child <events.sqlite> <read.sqlite>');

const main = async (): Promise<void> => {
  const store = openSqliteEventStore(events);
  const db = await openReadStore({ type: 'sqlite', file: read });
  process.stdout.write('ready\n');
  await new Projector(store, db, 'core', CORE_VIEWS, 100).catchUp((applied) => process.stdout.write(`batch ${applied}\n`));
  process.stdout.write('done\n');
  await db.destroy();
  await store.close();
};

void main();
