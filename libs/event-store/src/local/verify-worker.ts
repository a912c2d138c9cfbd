/**
 * The worker thread of `verifyInThread`: opens the embedded log read-only (its own connection; the API's
 * writer goes on appending, WAL readers never block it), runs `verify` page by page and posts progress and
 * then the report.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { type LogRecordPage } from '../event-store';
import { formatPosition, type Position, positionOf } from '../position';
import { type RecordSource, verify } from '../verify';
import { type VerifyJob, type VerifyMessage } from './verify-thread';

type Row = [number, string, number, string, string, string, string, string, string, string];
const PAGE = 'SELECT position, stream, revision, id, type, recorded_at, data, metadata, hash, log_hash FROM events WHERE position > ? ORDER BY position LIMIT ?';

/** The log's raw records over a read-only connection: each page is one statement, so one snapshot. */
const readOnlyLog = (file: string): RecordSource & { close(): void } => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  const page = db.prepare(PAGE).raw(true);
  return {
    readRecords: ({ after, maxCount = 1_000 }: { after?: Position; maxCount?: number } = {}): Promise<LogRecordPage> => {
      const rows = page.all(after ? Number(after.commit) : 0, maxCount) as Row[];
      const records = rows.map((r) => ({ position: positionOf(r[0]), stream: r[1], revision: r[2], id: r[3], type: r[4], recordedAt: r[5], dataJson: r[6], metadataJson: r[7], hash: r[8], logHash: r[9] }));
      return Promise.resolve({ records, next: records.at(-1)?.position ?? after, isEnd: rows.length < maxCount });
    },
    close: () => db.close(),
  };
};

const post = (message: VerifyMessage): void => parentPort!.postMessage(message);

const run = async (job: VerifyJob): Promise<void> => {
  const log = readOnlyLog(job.file);
  let posted = 0;
  try {
    const report = await verify(log, {
      ...(job.streams ? { streams: job.streams } : {}), ...(job.maxProblems !== undefined ? { maxProblems: job.maxProblems } : {}),
      onProgress: (eventsChecked, position) => {
        if (Date.now() - posted < 100) return;
        posted = Date.now();
        post({ kind: 'progress', eventsChecked, position: formatPosition(position) });
      },
    });
    post({ kind: 'done', report });
  } finally {
    log.close();
  }
};

run(workerData as VerifyJob).catch((error: unknown) => post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }));
