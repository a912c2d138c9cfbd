import { parseArgs } from 'node:util';
import { isCalendarDate } from '../../../../events/common';
import { CENSUS_2020 } from '../../../../libs/domain/src/synthetic/calibration/census-2020';
import { type EventStore, formatPosition, openEventStore, type Position } from '../../../../libs/event-store/src';
import { Projector, toProjected } from '../../../../projections/projector';
import { calibrationReport, type ComparedFigure, type HouseholdsByBasis } from '../../../../projections/statistics/calibration';
import { HouseholdsFold } from '../../../../projections/statistics/census-households';
import { StatisticsSource } from '../../../../projections/statistics/loader';
import { openReadStore, readStoreConfigFromEnv } from '../../../../projections/store/read-store';
import { type CommandIo, UsageError } from '../command';
import { Progress } from '../progress';

/** 第七次全国人口普查 standard moment. */
const CENSUS_DAY = '2020-11-01';

export const calibrateUsage = `huji calibrate [--date YYYY-MM-DD] [--json]
  The registry's figures on the census day (default ${CENSUS_DAY}) next to the seventh census (第七次全国人口普查)
  for each area of libs/domain/src/synthetic/calibration/census-2020.ts, on both bases (effective: what was
  true that day; recorded: what the registry knew by then): share of the areas' residents, resident urban
  share, age shares, sex ratio, share of residents in family households and their mean size, with the
  difference (registry − census). Reads the statistics view (run \`huji project\` first) and, for the
  households, the event log up to the views' checkpoint; a figure the census bulletins did not give is —.`;

const cell = (v: number | null): string => (v === null ? '—' : v.toFixed(2));

/** Columns a terminal gives a text: a Chinese character takes two. */
const widthOf = (text: string): number => [...text].reduce((w, c) => w + (/[\u3000-\u9fff\uff00-\uffef]/u.test(c) ? 2 : 1), 0);
const padEnd = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - widthOf(text)));

const table = (rows: readonly ComparedFigure[]): string => [
  `${padEnd('area', 12)}${padEnd('basis', 11)}${padEnd('figure', 28)}${'registry'.padStart(10)}${'census'.padStart(10)}${'diff'.padStart(9)}`,
  ...rows.map((r) => `${padEnd(r.area, 12)}${padEnd(r.basis, 11)}${padEnd(r.figure, 28)}${cell(r.registry).padStart(10)}${cell(r.census).padStart(10)}${cell(r.difference).padStart(9)}`),
].join('\n');

/** Persons and households on `date`, both bases, folded in one pass from the log up to `until` (the views' checkpoint, so both halves of the report read the same history). */
const foldHouseholds = async (store: EventStore, date: string, until: string | undefined): Promise<HouseholdsByBasis> => {
  const effective = new HouseholdsFold(date);
  const recorded = new HouseholdsFold(date, date);
  const progress = new Progress('calibrate');
  let after: Position | undefined;
  let read = 0;
  for (let reached = until === undefined; !reached;) {
    const page = await store.readAll({ ...(after ? { after } : {}), maxCount: 5_000 });
    for (const stored of page.events) {
      const e = toProjected(stored);
      if (e) {
        effective.add(e);
        recorded.add(e);
      }
      if (formatPosition(stored.position) === until) {
        reached = true;
        break;
      }
    }
    read += page.events.length;
    progress.update(read);
    if (page.isEnd || !page.next) break;
    after = page.next;
  }
  progress.done();
  return { effective: effective.result(), recorded: recorded.result() };
};

/** `huji calibrate`: the synthetic city (or any registry) held next to the census bulletins. */
export const calibrateCommand = async (args: readonly string[], io: CommandIo): Promise<number> => {
  const { values } = parseArgs({ args: [...args], options: { date: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  const date = values.date ?? CENSUS_DAY;
  if (!isCalendarDate(date)) throw new UsageError(`--date must be a day of the calendar written YYYY-MM-DD, got "${date}"`);
  const db = await openReadStore(readStoreConfigFromEnv());
  let store: EventStore | undefined;
  try {
    store = await openEventStore(io.config);
    const households = await foldHouseholds(store, date, await new Projector(store, db).checkpoint());
    const rows = calibrationReport(await new StatisticsSource(db).refresh(), CENSUS_2020, date, households);
    io.out(values.json ? JSON.stringify({ date, figures: rows }, null, 2) : `The registry on ${date} next to the 2020 census\n\n${table(rows)}`);
    return 0;
  } finally {
    await store?.close();
    await db.destroy();
  }
};
