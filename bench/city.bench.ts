import { join } from 'node:path';
import { generateCity, type SyntheticRecord } from '../libs/domain/src/synthetic';
import { openSqliteEventStore } from '../libs/event-store/src';
import { RecordImporter } from '../libs/registry/src';
import { type Figure, seconds, tempDir } from './harness';

const PERSONS = 100_000;

/** `huji generate` and `huji import` in-process on a 100,000-person city: generation to NDJSON, then import of those lines. */
export const cityBench = async (): Promise<Figure[]> => {
  let started = process.hrtime.bigint();
  const lines: string[] = [];
  const city = generateCity({ persons: PERSONS, seed: 42 });
  for (let step = city.next(); !step.done; step = city.next()) for (const r of step.value) lines.push(JSON.stringify(r));
  const generate = seconds(started);
  const { dir, remove } = tempDir('city');
  const store = openSqliteEventStore(join(dir, 'events.sqlite'));
  try {
    started = process.hrtime.bigint();
    const importer = new RecordImporter(store);
    for (const line of lines) await importer.add(JSON.parse(line) as SyntheticRecord);
    await importer.finish();
    const load = seconds(started);
    if (importer.failure || importer.appended !== lines.length) throw new Error(`import appended ${importer.appended} of ${lines.length}`);
    return [
      { name: `generate ${PERSONS.toLocaleString('en')} persons → NDJSON (${lines.length.toLocaleString('en')} events)`, value: lines.length / generate, unit: 'events/s' },
      { name: 'import those lines (parse, group, append at exact revisions)', value: lines.length / load, unit: 'events/s' },
      { name: 'generate + import, persons per second', value: PERSONS / (generate + load), unit: 'persons/s' },
    ];
  } finally {
    await store.close();
    remove();
  }
};
