/**
 * The worker thread of WriterThread: the disclosure log's one write connection. Each batch is one transaction
 * (synchronous=FULL: on disk before the reply), so the main thread answers its reads only once they are recorded.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DisclosureDb } from './disclosure-db';
import { type WriterReply, type WriterRequest } from './writer-thread';

const db = new DisclosureDb((workerData as { file: string }).file);
const reply = (message: WriterReply): void => parentPort!.postMessage(message);

parentPort!.on('message', (request: WriterRequest) => {
  if (request.kind === 'close') {
    db.close();
    reply({ kind: 'closed' });
    parentPort!.close();
    return;
  }
  try {
    reply({ kind: 'appended', id: request.id, head: db.append(request.records) });
  } catch (error) {
    reply({ kind: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
});
