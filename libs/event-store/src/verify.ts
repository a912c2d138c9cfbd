import { eventHash, GENESIS_HASH, logHash } from './chain';
import { type EventStore, type LogRecord } from './event-store';
import { formatPosition, type Position } from './position';

/** What is wrong with one record. */
export type IntegrityProblemCode =
  | 'HASH_MISMATCH' // the record's content no longer matches its hash, given the previous event (altered)
  | 'REVISION_GAP' // the stream jumps over a revision (an event was removed)
  | 'REVISION_ORDER' // a revision appears again or out of order in the global log
  | 'LOG_CHAIN_BROKEN'; // the global order was changed (single-writer logs only)

export interface IntegrityProblem {
  readonly code: IntegrityProblemCode;
  readonly stream: string;
  /** The revision the problem is about: for a gap, the first missing one. */
  readonly revision: number;
  readonly position: string;
  readonly message: string;
}

export interface IntegrityReport {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  /** The first broken link in global order, if any. */
  readonly firstProblem: IntegrityProblem | undefined;
  /** Every problem found, up to `maxProblems`. */
  readonly problems: readonly IntegrityProblem[];
  /** The last position checked: record it to check later that nothing before it changed. */
  readonly head: string | undefined;
}

export interface VerifyOptions {
  /** Check only these streams (default: all). */
  readonly streams?: readonly string[];
  readonly maxProblems?: number;
  readonly pageSize?: number;
  readonly onProgress?: (eventsChecked: number, position: Position) => void;
  /** Awaited after each page: a caller on a busy event loop lets other work run between pages (and may throw to stop). */
  readonly pause?: () => Promise<void>;
}

/** What the check reads: the raw records in global order (an event store, or a read-only connection in a worker). */
export type RecordSource = Pick<EventStore, 'readRecords'>;

interface StreamState {
  nextRevision: number;
  lastHash: string;
}

/**
 * Walks the global log and re-derives every hash: each event's from its content and the previous event
 * of its stream, and — where the store chains the global order — each record's from the one before.
 * Resynchronises after a problem so that one alteration is reported once, not as a cascade.
 */
export const verify = async (store: RecordSource, options: VerifyOptions = {}): Promise<IntegrityReport> => {
  const maxProblems = options.maxProblems ?? 100;
  const only = options.streams ? new Set(options.streams) : undefined;
  const streams = new Map<string, StreamState>();
  const problems: IntegrityProblem[] = [];
  let previousLog = GENESIS_HASH;
  let previousSequence = 0;
  let checked = 0;
  let after: Position | undefined;
  const report = (code: IntegrityProblemCode, r: LogRecord, revision: number, message: string): void => {
    if (problems.length < maxProblems) problems.push({ code, stream: r.stream, revision, position: formatPosition(r.position), message });
  };
  for (;;) {
    const page = await store.readRecords({ after, maxCount: options.pageSize ?? 5_000 });
    for (const r of page.records) {
      if (r.logHash !== undefined) {
        const sequence = Number(r.position.commit);
        if (logHash(previousLog, sequence, r.hash) !== r.logHash || sequence !== previousSequence + 1)
          report('LOG_CHAIN_BROKEN', r, r.revision, `global order broken at position ${sequence} (previous checked position ${previousSequence})`);
        previousLog = r.logHash;
        previousSequence = sequence;
      }
      if (only && !only.has(r.stream)) continue;
      checked++;
      checkStreamLink(streams, r, report);
    }
    after = page.next;
    if (after) options.onProgress?.(checked, after);
    if (page.isEnd || page.records.length === 0) break;
    await options.pause?.();
  }
  return { ok: problems.length === 0, eventsChecked: checked, streamsChecked: streams.size, firstProblem: problems[0], problems, head: after && formatPosition(after) };
};

const checkStreamLink = (
  streams: Map<string, StreamState>,
  r: LogRecord,
  report: (code: IntegrityProblemCode, r: LogRecord, revision: number, message: string) => void,
): void => {
  const state = streams.get(r.stream) ?? { nextRevision: 0, lastHash: GENESIS_HASH };
  streams.set(r.stream, state);
  if (r.revision > state.nextRevision)
    report('REVISION_GAP', r, state.nextRevision, `revisions ${state.nextRevision}..${r.revision - 1} are missing before ${r.revision}`);
  else if (r.revision < state.nextRevision)
    report('REVISION_ORDER', r, r.revision, `revision ${r.revision} appears after revision ${state.nextRevision - 1}`);
  else if (eventHash(state.lastHash, r) !== r.hash)
    report('HASH_MISMATCH', r, r.revision, 'the hash does not follow from the content and the previous event: this event (or its hash) was altered');
  state.nextRevision = Math.max(state.nextRevision, r.revision + 1);
  state.lastHash = r.hash;
};
