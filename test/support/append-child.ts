/**
 * A writer for the durability test: appends single events from several concurrent writers and prints
 * `ack <stream> <revision> <id>` only after the store acknowledged each one. The parent kills it with
 * SIGKILL at a random moment and then checks that every acknowledged event survived.
 */
import { randomUUID } from 'node:crypto';
import { openSqliteEventStore } from '../../libs/event-store/src/open-event-store';

const [file, writersArg = '16'] = process.argv.slice(2);
if (!file) throw new Error('usage: append-child <file> [writers]');
const store = openSqliteEventStore(file);

const writer = async (w: number): Promise<never> => {
  for (let i = 0; ; i++) {
    const stream = `durable-w${w}s${i % 5}`;
    const id = randomUUID();
    const result = await store.appendToStream(stream, [{ id, type: 'Acknowledged', data: { writer: w, i, text: '落户登记' } }]);
    process.stdout.write(`ack ${stream} ${result.nextExpectedRevision} ${id}\n`);
  }
};

process.stdout.write('ready\n');
void Promise.all(Array.from({ length: Number(writersArg) }, (_, w) => writer(w)));
