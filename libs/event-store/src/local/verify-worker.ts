/**
 * The worker thread of `verifyInThread`: opens the embedded log read-only (its own connection; the API's
 * writer goes on appending, WAL readers never block it), runs `verify` page by page and posts progress and
 * then the report.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { type LogRecordPage, type RecordedStreamHead } from '../event-store';
import { formatPosition, type Position, positionOf } from '../position';
import { type RecordSource, verify } from '../verify';
import { type VerifyJob, type VerifyMessage } from './verify-thread';

type Row = [number, string, number, string, string, string, string, string, string, string];
const PAGE = 'SELECT position, stream, revision, id, type, recorded_at, data, metadata, hash, log_hash FROM events WHERE position > ? ORDER BY position LIMIT ?';
const HEADS = 'SELECT position, stream, revision FROM stream_heads WHERE position > ? AND position <= ? ORDER BY position';

/** The heads recorded in a range of positions; none on a log written before they were kept. */
const headReader = (db: Database.Database): ((after: number, to: number) => RecordedStreamHead[]) => {
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'stream_heads'").get()) return () => [];
  const heads = db.prepare(HEADS).raw(true);
  return (after, to) => (heads.all(after, to) as [number, string, number][]).map((r) => ({ position: positionOf(r[0]), stream: r[1], revision: r[2] }));
};

/** The log's raw records and the heads among them over a read-only connection: each page is one read transaction, so one snapshot. */
const readOnlyLog = (file: string): RecordSource & { close(): void } => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  const page = db.prepare(PAGE).raw(true);
  const headsIn = headReader(db);
  const read = db.transaction((after: number, maxCount: number): LogRecordPage => {
    const rows = page.all(after, maxCount) as Row[];
    const records = rows.map((r) => ({ position: positionOf(r[0]), stream: r[1], revision: r[2], id: r[3], type: r[4], recordedAt: r[5], dataJson: r[6], metadataJson: r[7], hash: r[8], logHash: r[9] }));
    const isEnd = rows.length < maxCount;
    const heads = headsIn(after, isEnd ? Number.MAX_SAFE_INTEGER : rows.at(-1)![0]);
    return { records, heads, next: records.at(-1)?.position ?? (after > 0 ? positionOf(after) : undefined), isEnd };
  });
  return {
    readRecords: ({ after, maxCount = 1_000 }: { after?: Position; maxCount?: number } = {}) => Promise.resolve(read.deferred(after ? Number(after.commit) : 0, maxCount)),
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
      ...(job.expectHead ? { expectHead: job.expectHead } : {}),
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
