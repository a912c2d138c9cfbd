import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { legalDateOf } from '../../../../libs/domain/src/shared/dates';
import { generateCity } from '../../../../libs/domain/src/synthetic';
import { type CommandIo, UsageError } from '../command';
import { Progress } from '../progress';

export const generateUsage = `huji generate --persons N [--seed S] [--start YYYY-MM-DD] [--end YYYY-MM-DD]
  Writes a deterministic synthetic population history (合成城市) as NDJSON to stdout: the five seed
  jurisdictions' cut-overs and policies, then N persons imported on the start date (default 2010-01-01)
  and lived to the end date (default 2025-12-31) — births, deaths, migrations under the policies,
  unification, residence permits. The same seed gives byte-identical output. Pipe it to \`huji import\`.`;

const positiveInteger = (text: string | undefined, name: string, fallback?: number): number => {
  if (text === undefined && fallback !== undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number, got ${text ?? 'nothing'}`);
  return n;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `huji generate`: streams the synthetic city with backpressure; progress and a summary go to stderr. */
export const generateCommand = async (args: readonly string[], io: CommandIo): Promise<number> => {
  const { values } = parseArgs({ args: [...args], options: { persons: { type: 'string' }, seed: { type: 'string' }, start: { type: 'string' }, end: { type: 'string' } }, strict: true });
  const persons = positiveInteger(values.persons, 'persons');
  const seed = positiveInteger(values.seed, 'seed', 1);
  for (const [name, value] of [['start', values.start], ['end', values.end]] as const)
    if (value !== undefined && !DATE.test(value)) throw new UsageError(`--${name} must be YYYY-MM-DD`);
  const today = legalDateOf(new Date());
  const [start, end] = [values.start ?? '2010-01-01', values.end ?? '2025-12-31'];
  if (end >= today) throw new UsageError(`--end must be before today (${today}): a history cannot be recorded ahead of time`);
  if (start >= end) throw new UsageError('--start must be before --end');
  const progress = new Progress('generate');
  const started = process.hrtime.bigint();
  const city = generateCity({ persons, seed, start, end });
  let chunk = '';
  let written = 0;
  // The reader may stop early (an import refused a record): a closed pipe ends the generation quietly, like `head`.
  let closed = false;
  const onError = (): void => { closed = true; };
  io.stdout.on('error', onError);
  const flush = async (): Promise<void> => {
    if (chunk === '' || closed) return;
    const full = !io.stdout.write(chunk);
    chunk = '';
    if (!full || closed) return;
    const stop = new AbortController(); // the listeners of the events that did not happen go away with it
    const signal = stop.signal;
    await Promise.race([once(io.stdout, 'drain', { signal }), once(io.stdout, 'error', { signal }), once(io.stdout, 'close', { signal })]).catch(onError);
    stop.abort();
  };
  for (let step = city.next(); ; step = city.next()) {
    if (closed) {
      io.stdout.removeListener('error', onError);
      progress.done();
      io.err('generate: the reader closed the pipe; stopped');
      return 0;
    }
    if (step.done) {
      await flush();
      io.stdout.removeListener('error', onError);
      progress.done();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      io.err(`generated ${step.value.events.toLocaleString('en')} events for ${step.value.imported.toLocaleString('en')} persons in ${step.value.households.toLocaleString('en')} households in ${seconds.toFixed(1)} s`);
      io.err(JSON.stringify(step.value.counts));
      return 0;
    }
    for (const record of step.value) chunk += `${JSON.stringify(record)}\n`;
    written += step.value.length;
    if (chunk.length > 1 << 20) await flush();
    progress.update(written);
  }
};
