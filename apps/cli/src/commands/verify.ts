import { parseArgs } from 'node:util';
import {
  type EventStore, type ExpectedHead, formatHead, hasStream, openEventStore, parseHead, verify, type IntegrityReport,
} from '../../../../libs/event-store/src';
import { Progress } from '../progress';
import { type CommandIo, UsageError } from '../command';

export const verifyUsage = `huji verify [--stream NAME]... [--expect-head [POSITION:]HASH] [--json]
  Re-derives the hash chains of the event log (HUJI_ESDB_URL, or the embedded log in HUJI_DATA_DIR),
  compares each stream's last event with the head the store recorded for it, and reports the first
  broken link and the head (POSITION:HASH) to record somewhere the registry's operator cannot write.
  --expect-head checks that the history up to a head printed earlier is unchanged.
  Exit code 0: intact; 1: altered, or the expected head rewritten or missing; 2: usage or
  configuration error, or a --stream with no events.`;

interface VerifyArgs {
  readonly streams: readonly string[] | undefined;
  readonly expectHead: ExpectedHead | undefined;
  readonly json: boolean;
}

/** The command line, every mistake at once (exit 2). */
const parseVerifyArgs = (args: readonly string[]): VerifyArgs => {
  const { values } = parseArgs({ args: [...args], options: { stream: { type: 'string', multiple: true }, 'expect-head': { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  const problems: string[] = [];
  if (values.stream?.some((s) => s === '')) problems.push('--stream needs a name');
  const text = values['expect-head'];
  const expectHead = text === undefined ? undefined : parseHead(text);
  if (text !== undefined && !expectHead) problems.push(`--expect-head takes HASH or POSITION:HASH (64 hex digits, as verify prints the head), not "${text}"`);
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  return { streams: values.stream, expectHead, json: values.json ?? false };
};

/** `huji verify` (完整性校验): proof that nothing in the log was altered, removed or reordered. */
export const verifyCommand = async (args: readonly string[], io: CommandIo): Promise<number> => {
  const { streams, expectHead, json } = parseVerifyArgs(args);
  const store = await openEventStore(io.config);
  try {
    const unknown = await unknownStreams(store, streams ?? []);
    if (unknown.length > 0) {
      io.err(`huji verify: no stream ${unknown.join(', ')} in the log: nothing to verify (check the name)`);
      return 2;
    }
    const progress = new Progress('verify');
    const report = await verify(store, { ...(streams ? { streams } : {}), ...(expectHead ? { expectHead } : {}), onProgress: (n) => progress.update(n) });
    progress.done();
    io.out(json ? JSON.stringify(report, null, 2) : describe(report, store.kind));
    return report.ok ? 0 : 1;
  } finally {
    await store.close();
  }
};

const unknownStreams = async (store: EventStore, streams: readonly string[]): Promise<string[]> => {
  const known = await Promise.all(streams.map((s) => hasStream(store, s)));
  return streams.filter((_, i) => !known[i]);
};

const describe = (r: IntegrityReport, kind: string): string => {
  const scope = `${r.eventsChecked.toLocaleString('en')} events in ${r.streamsChecked.toLocaleString('en')} streams (${kind} store, ${r.head ? `head ${formatHead(r.head)}` : 'empty log'})`;
  const chains = r.problems.length === 0
    ? [`OK: ${scope}: every hash chain is intact.`]
    : [`ALTERED: ${scope}: ${r.problems.length} problem(s); first broken link: stream ${r.firstProblem!.stream} revision ${r.firstProblem!.revision}.`,
      ...r.problems.map((p) => `  ${p.code} stream ${p.stream} revision ${p.revision} (position ${p.position}): ${p.message}`)];
  const expected = r.expectedHead ? [`${r.expectedHead.intact ? 'INTACT' : 'REWRITTEN'}: ${r.expectedHead.message}.`] : [];
  return [...chains, ...expected].join('\n');
};
