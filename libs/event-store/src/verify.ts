import { eventHash, formatHead, GENESIS_HASH, logHash, type LogHeadRef } from './chain';
import { type EventStore, type LogRecord, type RecordedStreamHead } from './event-store';
import { comparePositions, formatPosition, parsePosition, type Position, positionOf } from './position';

/** What is wrong with one record (or with the end of one stream). */
export type IntegrityProblemCode =
  | 'HASH_MISMATCH' // the record's content no longer matches its hash, given the previous event (altered)
  | 'REVISION_GAP' // the stream jumps over a revision (an event was removed)
  | 'REVISION_ORDER' // a revision appears again or out of order in the global log
  | 'LOG_CHAIN_BROKEN' // the global order was changed (single-writer logs only)
  | 'TAIL_MISSING' // the stream ends before the head the store recorded for it (its last events were removed)
  | 'HEAD_MISMATCH'; // the stream's last event is not the head the store recorded (rewritten, or written around the store)

export interface IntegrityProblem {
  readonly code: IntegrityProblemCode;
  readonly stream: string;
  /** The revision the problem is about: for a gap or a missing tail, the first missing one. */
  readonly revision: number;
  readonly position: string;
  readonly message: string;
}

/** A head recorded earlier (`huji verify` printed it), to be found again: `HASH`, or `POSITION:HASH`. */
export interface ExpectedHead {
  readonly position?: string | undefined;
  readonly hash: string;
}

/** What the log says about an expected head. */
export interface ExpectedHeadCheck extends ExpectedHead {
  /** The position of the record that carries the head hash, or null when none does (at the position given, if one was). */
  readonly foundAt: string | null;
  /** True when the head is found and nothing before it was altered: the history up to it is as it was. */
  readonly intact: boolean;
  readonly message: string;
}

export interface IntegrityReport {
  /** No problem, and the expected head (if one was given) found intact. */
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  /** The first problem in global order, if any. */
  readonly firstProblem: IntegrityProblem | undefined;
  /** Every problem found, up to `maxProblems`, in global order. */
  readonly problems: readonly IntegrityProblem[];
  /**
   * The last record checked and the log-chain hash that commits to every record up to it. Record it somewhere
   * the registry's operator cannot write, and pass it back as `expectHead`: a history rewritten before it, every
   * later hash re-computed, no longer carries it.
   */
  readonly head: LogHeadRef | undefined;
  /** Present when `expectHead` was given. */
  readonly expectedHead?: ExpectedHeadCheck;
}

export interface VerifyOptions {
  /** Check only these streams (default: all). The log chain and the expected head still cover every record. */
  readonly streams?: readonly string[];
  readonly maxProblems?: number;
  readonly pageSize?: number;
  /** A head printed by an earlier check: is the history up to it unchanged? */
  readonly expectHead?: ExpectedHead;
  readonly onProgress?: (eventsChecked: number, position: Position) => void;
  /** Awaited after each page: a caller on a busy event loop lets other work run between pages (and may throw to stop). */
  readonly pause?: () => Promise<void>;
}

/** What the check reads: the raw records in global order, with the stream heads recorded among them where the store keeps them. */
export type RecordSource = Pick<EventStore, 'readRecords'>;

interface StreamState {
  /** The stored chain as walked: the next revision expected and the last event's hash (resynchronised after a problem). */
  nextRevision: number;
  lastHash: string;
  /** The highest revision recorded as the stream's head, and where (-1, 0: none recorded). */
  headRevision: number;
  headAt: number;
  /** A head was recorded again at or below a revision recorded before: the stream's end was removed and written anew. */
  rewrittenAt: number;
  /** A REVISION_GAP or REVISION_ORDER was reported: the stream's end is not reported again. */
  broken: boolean;
}

/**
 * 完整性校验: walks the global log and re-derives every hash — each event's from its content and the previous
 * event of its stream, each record's place in the global order (where the store chains it), and the running
 * log chain whose last value is the head. Where the store records stream heads, each stream must reach the
 * last head recorded for it, so a removed tail is reported under its own stream. Resynchronises after a
 * problem so that one alteration is reported once, not as a cascade.
 */
export const verify = async (store: RecordSource, options: VerifyOptions = {}): Promise<IntegrityReport> => {
  const walk = new Walk(options);
  let after: Position | undefined;
  for (;;) {
    const page = await store.readRecords({ after, maxCount: options.pageSize ?? 5_000 });
    for (const r of page.records) walk.visit(r);
    for (const h of page.heads ?? []) walk.recordedHead(h);
    after = page.next;
    if (after) options.onProgress?.(walk.checked, after);
    if (page.isEnd || page.records.length === 0) break;
    await options.pause?.();
  }
  walk.compareEnds();
  return walk.result();
};

/** Whether the log holds an event of the stream (a check of a stream it does not hold is refused before it starts). */
export const hasStream = async (store: Pick<EventStore, 'readStream'>, stream: string): Promise<boolean> =>
  (await store.readStream(stream, { maxCount: 1 })).length > 0;

/** Positions skipped between two records: removed records, whose stream a REVISION_GAP or TAIL_MISSING names. */
const gap = (previous: number, sequence: number): string =>
  sequence <= previous + 1 ? '' : sequence === previous + 2 ? `: position ${previous + 1} is missing` : `: positions ${previous + 1}..${sequence - 1} are missing`;

/** `revision 3 is` or `revisions 3..5 are`, for messages. */
const revisions = (from: number, to: number, verb: readonly [string, string] = ['is', 'are']): string =>
  (from === to ? `revision ${from} ${verb[0]}` : `revisions ${from}..${to} ${verb[1]}`);

class Walk {
  checked = 0;
  private readonly problems: IntegrityProblem[] = [];
  private problemCount = 0;
  private earliestProblem: Position | undefined;
  private readonly streams = new Map<string, StreamState>();
  private readonly only: ReadonlySet<string> | undefined;
  private readonly expected: (ExpectedHead & { readonly at: Position | undefined }) | undefined;
  private foundAt: Position | undefined;
  private running = GENESIS_HASH;
  private ordinal = 0;
  private previousLog = GENESIS_HASH;
  private previousSequence = 0;
  private last: Position | undefined;

  constructor(private readonly options: VerifyOptions) {
    this.only = options.streams ? new Set(options.streams) : undefined;
    const at = options.expectHead?.position === undefined ? undefined : parsePosition(options.expectHead.position);
    this.expected = options.expectHead && { ...options.expectHead, position: at && formatPosition(at), hash: options.expectHead.hash.toLowerCase(), at };
  }

  visit(r: LogRecord): void {
    const previousRunning = this.running;
    this.running = logHash(this.running, ++this.ordinal, r.hash);
    if (r.logHash !== undefined) this.checkLogLink(r, previousRunning);
    this.matchExpected(r);
    this.last = r.position;
    if (this.only && !this.only.has(r.stream)) return;
    this.checked++;
    this.checkStreamLink(r);
  }

  /** A head the store recorded (in position order): the stream must reach it. */
  recordedHead(h: RecordedStreamHead): void {
    if (this.only && !this.only.has(h.stream)) return;
    const state = this.stateOf(h.stream);
    const at = Number(h.position.commit);
    if (h.revision <= state.headRevision && state.rewrittenAt === 0) state.rewrittenAt = at;
    if (h.revision > state.headRevision) [state.headRevision, state.headAt] = [h.revision, at];
  }

  /** Each stream's last event against the heads recorded for it: one problem per stream at most. */
  compareEnds(): void {
    for (const [stream, s] of this.streams) {
      const lastRevision = s.nextRevision - 1;
      if (lastRevision < s.headRevision) {
        const holds = lastRevision < 0 ? 'the log holds none of its events' : `the log ends it at revision ${lastRevision}`;
        this.report('TAIL_MISSING', stream, lastRevision + 1, positionOf(s.headAt), `${revisions(lastRevision + 1, s.headRevision)} missing from the end of the stream: the store recorded revision ${s.headRevision} at position ${s.headAt} as its head, ${holds}`);
      } else if (s.broken) {
        continue; // the gap or disorder is reported already
      } else if (s.rewrittenAt > 0) {
        this.report('TAIL_MISSING', stream, s.headRevision, positionOf(s.rewrittenAt), `the store recorded a head at position ${s.rewrittenAt} at or below a revision it had recorded before: the end of the stream was removed and written again`);
      } else if (lastRevision > s.headRevision) {
        const recorded = s.headRevision < 0 ? 'none' : `revision ${s.headRevision} at position ${s.headAt}`;
        this.report('HEAD_MISMATCH', stream, s.headRevision + 1, s.headAt > 0 ? positionOf(s.headAt) : this.last!, `${revisions(s.headRevision + 1, lastRevision, ['follows', 'follow'])} the last head the store recorded for the stream (${recorded}): events were written around the store, or heads removed`);
      }
    }
  }

  result(): IntegrityReport {
    const problems = [...this.problems].sort((a, b) => comparePositions(parsePosition(a.position)!, parsePosition(b.position)!));
    const expectedHead = this.expected && this.expectedCheck(this.expected);
    const head = this.last && { position: formatPosition(this.last), hash: this.running };
    let streamsChecked = 0;
    for (const s of this.streams.values()) if (s.nextRevision > 0) streamsChecked++;
    return {
      ok: this.problemCount === 0 && (expectedHead?.intact ?? true), eventsChecked: this.checked, streamsChecked,
      firstProblem: problems[0], problems, head, ...(expectedHead ? { expectedHead } : {}),
    };
  }

  private stateOf(stream: string): StreamState {
    let state = this.streams.get(stream);
    if (!state) this.streams.set(stream, (state = { nextRevision: 0, lastHash: GENESIS_HASH, headRevision: -1, headAt: 0, rewrittenAt: 0, broken: false }));
    return state;
  }

  private checkLogLink(r: LogRecord, previousRunning: string): void {
    const sequence = Number(r.position.commit);
    const expected = this.previousLog === previousRunning && sequence === this.ordinal ? this.running : logHash(this.previousLog, sequence, r.hash);
    if (expected !== r.logHash || sequence !== this.previousSequence + 1)
      this.report('LOG_CHAIN_BROKEN', r.stream, r.revision, r.position, `global order broken at position ${sequence} (previous checked position ${this.previousSequence})${gap(this.previousSequence, sequence)}`);
    this.previousLog = r.logHash!;
    this.previousSequence = sequence;
  }

  private matchExpected(r: LogRecord): void {
    const e = this.expected;
    if (!e || this.foundAt !== undefined || (e.at !== undefined && comparePositions(r.position, e.at) !== 0)) return;
    if (this.running === e.hash) this.foundAt = r.position;
  }

  private checkStreamLink(r: LogRecord): void {
    const state = this.stateOf(r.stream);
    if (r.revision > state.nextRevision) {
      state.broken = true;
      this.report('REVISION_GAP', r.stream, state.nextRevision, r.position, `revisions ${state.nextRevision}..${r.revision - 1} are missing before ${r.revision}`);
    } else if (r.revision < state.nextRevision) {
      state.broken = true;
      this.report('REVISION_ORDER', r.stream, r.revision, r.position, `revision ${r.revision} appears after revision ${state.nextRevision - 1}`);
    } else if (eventHash(state.lastHash, r) !== r.hash) {
      this.report('HASH_MISMATCH', r.stream, r.revision, r.position, 'the hash does not follow from the content and the previous event: this event (or its hash) was altered');
    }
    state.nextRevision = Math.max(state.nextRevision, r.revision + 1);
    state.lastHash = r.hash;
  }

  private report(code: IntegrityProblemCode, stream: string, revision: number, at: Position, message: string): void {
    this.problemCount++;
    if (this.earliestProblem === undefined || comparePositions(at, this.earliestProblem) < 0) this.earliestProblem = at;
    if (this.problems.length < (this.options.maxProblems ?? 100)) this.problems.push({ code, stream, revision, position: formatPosition(at), message });
  }

  /** Found, and no problem at or before it: every record up to it is what it was when the head was printed. */
  private expectedCheck(e: ExpectedHead & { readonly at: Position | undefined }): ExpectedHeadCheck {
    const asked = e.position === undefined ? e.hash : formatHead({ position: e.position, hash: e.hash });
    const base = { position: e.position, hash: e.hash, foundAt: this.foundAt ? formatPosition(this.foundAt) : null };
    if (this.foundAt === undefined) {
      const where = e.at ? `the record at position ${e.position!} does not carry head hash ${e.hash}` : `no record of the log carries head hash ${e.hash}`;
      return { ...base, intact: false, message: `${where}: the history up to head ${asked} was rewritten or is missing` };
    }
    const head = formatHead({ position: formatPosition(this.foundAt), hash: e.hash });
    if (this.earliestProblem !== undefined && comparePositions(this.earliestProblem, this.foundAt) <= 0)
      return { ...base, intact: false, message: `the log still carries head ${head}, but events before it no longer match their hashes: the history up to that head was altered` };
    const scope = this.only ? ' (the order and the hash of every record; the contents of the streams checked)' : '';
    return { ...base, intact: true, message: `the history up to head ${head} is intact${scope}` };
  }
}
