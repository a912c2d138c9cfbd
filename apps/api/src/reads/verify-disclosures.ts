import { type DisclosureRecord, disclosureHash, formatHead, GENESIS_HASH, indexEntriesOf, parseHead } from './disclosure-record';
import { type IndexRow, type StoredRecord } from './disclosure-db';

/** What is wrong with the disclosure log at one record. */
export type DisclosureProblemCode =
  | 'SEQUENCE_GAP' // records are missing before this one (removed)
  | 'HASH_MISMATCH' // the record's text no longer follows from its hash and the previous record's (altered)
  | 'MALFORMED' // the record's text is not a disclosure record
  | 'INDEX_MISMATCH' // the index of whose data was disclosed disagrees with the records (a read hidden or invented)
  | 'HEAD_MISMATCH'; // the head an auditor kept is not on the chain (history rewritten, or cut short)

export interface DisclosureProblem {
  readonly code: DisclosureProblemCode;
  readonly sequence: number;
  readonly message: string;
}

/** 查询留痕校验: `ok`, every problem (up to a bound), and the head to keep for the next check. */
export interface DisclosureReport {
  readonly ok: boolean;
  readonly recordsChecked: number;
  readonly problems: readonly DisclosureProblem[];
  /** `<sequence>:<hash>` of the last record checked (null for an empty log). */
  readonly head: string | null;
}

/** What verify reads: pages of records in order with the index rows of the same range, and index rows past the last record. */
export interface DisclosureSource {
  page(after: number, limit: number): { readonly records: readonly StoredRecord[]; readonly index: readonly IndexRow[] };
  indexRowsPastEnd(): number;
}

export interface VerifyDisclosuresOptions {
  /** A head kept from an earlier check (`<sequence>:<hash>`): the chain must still pass through it. */
  readonly expectHead?: string;
  readonly pageSize?: number;
  readonly maxProblems?: number;
  /** Awaited between pages: a caller on a busy event loop lets requests run in between. */
  readonly pause?: () => Promise<void>;
}

const isRecord = (v: unknown): v is DisclosureRecord => {
  const r = v as Partial<DisclosureRecord> | null;
  return typeof r === 'object' && r !== null && typeof r.at === 'string' && typeof r.subject === 'string' && typeof r.purpose === 'string'
    && typeof r.route === 'string' && Array.isArray(r.persons) && Array.isArray(r.households);
};

const parsed = (text: string): DisclosureRecord | undefined => {
  try {
    const v: unknown = JSON.parse(text);
    return isRecord(v) ? v : undefined;
  } catch {
    return undefined;
  }
};

const keysOf = (entries: readonly (readonly [string, string])[]): string => entries.map(([kind, id]) => `${kind}:${id}`).sort().join('\n');

/** Index rows by sequence (the ones of `range`; anything else in range pointed at no record). */
const group = (rows: readonly IndexRow[]): Map<number, [string, string][]> => {
  const out = new Map<number, [string, string][]>();
  for (const [kind, id, sequence] of rows) out.set(sequence, [...(out.get(sequence) ?? []), [kind, id]]);
  return out;
};

/**
 * Walks the disclosure log in order and re-derives every hash from the record's text and the previous hash;
 * checks the sequence is dense, each record's index rows are exactly whose data it names, no index row points
 * at no record, and (when given) that an earlier head is still on the chain. Resynchronises after a problem,
 * so one alteration is reported once.
 */
export const verifyDisclosures = async (source: DisclosureSource, options: VerifyDisclosuresOptions = {}): Promise<DisclosureReport> => {
  const problems: DisclosureProblem[] = [];
  const report = (code: DisclosureProblemCode, sequence: number, message: string): void => {
    if (problems.length < (options.maxProblems ?? 100)) problems.push({ code, sequence, message });
  };
  const expected = options.expectHead === undefined ? undefined : parseHead(options.expectHead);
  let previous = { sequence: 0, hash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const { records, index } = source.page(previous.sequence, options.pageSize ?? 2_000);
    const rows = group(index);
    for (const [sequence, text, hash] of records) {
      if (sequence !== previous.sequence + 1) report('SEQUENCE_GAP', sequence, `records ${previous.sequence + 1}..${sequence - 1} are missing`);
      else if (disclosureHash(previous.hash, sequence, text) !== hash) report('HASH_MISMATCH', sequence, 'the record (or its hash) was altered: its hash does not follow from its text and the previous record');
      if (expected?.sequence === sequence && expected.hash !== hash) report('HEAD_MISMATCH', sequence, `the kept head ${options.expectHead!} is not on the chain: record ${sequence} has another hash`);
      const record = parsed(text);
      if (!record) report('MALFORMED', sequence, 'the record is not a disclosure record');
      else if (keysOf(indexEntriesOf(record)) !== keysOf(rows.get(sequence) ?? [])) report('INDEX_MISMATCH', sequence, 'the index of whose data the record disclosed differs from the record');
      rows.delete(sequence);
      previous = { sequence, hash };
      checked++;
    }
    for (const sequence of rows.keys()) report('INDEX_MISMATCH', sequence, `index rows point at record ${sequence}, which does not exist`);
    if (records.length === 0) break;
    await options.pause?.();
  }
  const orphans = source.indexRowsPastEnd();
  if (orphans > 0) report('INDEX_MISMATCH', previous.sequence + 1, `${orphans} index row(s) point past the last record`);
  if (expected && expected.sequence > previous.sequence) report('HEAD_MISMATCH', previous.sequence, `the kept head ${options.expectHead!} is past the last record ${previous.sequence}: records were removed`);
  return { ok: problems.length === 0, recordsChecked: checked, problems, head: previous.sequence === 0 ? null : formatHead(previous.sequence, previous.hash) };
};
