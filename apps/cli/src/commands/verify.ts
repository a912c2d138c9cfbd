import { parseArgs } from 'node:util';
import { openEventStore, verify, type IntegrityReport } from '../../../../libs/event-store/src';
import { Progress } from '../progress';
import { type CommandIo, UsageError } from '../command';

export const verifyUsage = `huji verify [--stream NAME]... [--json]
  Re-derives the hash chains of the event log (HUJI_ESDB_URL, or the embedded log in HUJI_DATA_DIR)
  and reports the first broken link. Exit code 0: intact; 1: altered; 2: usage or configuration error.`;

/** `huji verify`: proof that nothing in the log was altered, removed or reordered. */
export const verifyCommand = async (args: readonly string[], io: CommandIo): Promise<number> => {
  const { values } = parseArgs({ args: [...args], options: { stream: { type: 'string', multiple: true }, json: { type: 'boolean' } }, strict: true }).valueOf() as {
    values: { stream?: string[]; json?: boolean };
  };
  if (values.stream?.length === 0) throw new UsageError('--stream needs a name');
  const store = await openEventStore(io.config);
  const progress = new Progress('verify');
  try {
    const report = await verify(store, { streams: values.stream, onProgress: (n) => progress.update(n) });
    progress.done();
    io.out(values.json ? JSON.stringify(report, null, 2) : describe(report, store.kind));
    return report.ok ? 0 : 1;
  } finally {
    await store.close();
  }
};

const describe = (r: IntegrityReport, kind: string): string => {
  const scope = `${r.eventsChecked.toLocaleString('en')} events in ${r.streamsChecked.toLocaleString('en')} streams (${kind} store, up to position ${r.head ?? '-'})`;
  if (r.ok) return `OK: ${scope}: every hash chain is intact.`;
  const lines = r.problems.map((p) => `  ${p.code} stream ${p.stream} revision ${p.revision} (position ${p.position}): ${p.message}`);
  return [`ALTERED: ${scope}: ${r.problems.length} problem(s); first broken link: stream ${r.firstProblem!.stream} revision ${r.firstProblem!.revision}.`, ...lines].join('\n');
};
