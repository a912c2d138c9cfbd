import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { isEventStoreError, openEventStore } from '../../../../libs/event-store/src';
import { type ImportRecord, RecordImporter } from '../../../../libs/registry/src';
import { type CommandIo } from '../command';
import { Progress } from '../progress';

export const importUsage = `huji import [--window N]
  Appends NDJSON records from stdin (as \`huji generate\` writes them: stream, revision, id, type, data,
  metadata) to the configured event log, each stream's events at exactly their revision, so an
  import can never interleave with or duplicate another; the seed facts the registry recorded itself
  (npm start, huji init) are skipped where the history repeats them identically at their revision. The source's recording time (metadata.originallyRecordedAt, or a top-level
  recordedAt) is kept: statistics "as known on D" use it. Up to N appends in flight (default 512).`;

/** `huji import`: the batch path into the store (group commit), with progress and a summary on stderr. */
export const importCommand = async (args: readonly string[], io: CommandIo): Promise<number> => {
  const { values } = parseArgs({ args: [...args], options: { window: { type: 'string' } }, strict: true });
  const store = await openEventStore(io.config);
  const importer = new RecordImporter(store, Math.max(1, Number(values.window ?? 512) || 512));
  const progress = new Progress('import');
  const started = process.hrtime.bigint();
  let lines = 0;
  try {
    for await (const text of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
      lines++;
      if (importer.failure) break;
      if (text.trim() !== '') await importer.add(JSON.parse(text) as ImportRecord);
      if (lines % 10_000 === 0) progress.update(importer.appended);
    }
    await importer.finish();
    progress.done();
    if (importer.failure) {
      const { at, error } = importer.failure;
      const code = isEventStoreError(error) ? error.code : 'ERROR';
      io.err(`huji import: stopped at ${at}: ${code}: ${error instanceof Error ? error.message : 'unknown error'}${code === 'STREAM.WRONG_EXPECTED_REVISION' ? ' (was this history imported already?)' : ''}`);
      io.err(`${importer.appended.toLocaleString('en')} events were appended, including appends already queued behind the refused one (the embedded store commits each append on its own)`);
      return 1;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (importer.skipped > 0) io.err(`${importer.skipped.toLocaleString('en')} records were the registry's own seed facts, already in the log identically at their revision: not appended again`);
    io.err(`imported ${importer.appended.toLocaleString('en')} events from ${lines.toLocaleString('en')} lines in ${seconds.toFixed(1)} s (${Math.round(importer.appended / seconds).toLocaleString('en')} events/s) into the ${store.kind} store; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
    return 0;
  } finally {
    await store.close();
  }
};
