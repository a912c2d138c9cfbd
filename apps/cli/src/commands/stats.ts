import { parseArgs } from 'node:util';
import { isCalendarDate } from '../../../../events/common';
import { legalDateOf } from '../../../../libs/domain/src/shared/dates';
import { regionCatalog } from '../../../../libs/domain/src/regions';
import { StatisticsSource } from '../../../../projections/statistics/loader';
import { type Basis, flows, headline } from '../../../../projections/statistics/queries';
import { targetProgress } from '../../../../projections/statistics/targets';
import { openReadStore, readStoreConfigFromEnv } from '../../../../projections/store/read-store';
import { type CommandIo, UsageError } from '../command';

export const statsUsage = `huji stats [--region CODE] [--date YYYY-MM-DD] [--basis effective|recorded] [--json]
  The headline statistics of a region (any prefix of the 12-digit code; default: everything) on a date
  (default today): registered and resident population (户籍人口, 常住人口), both urbanization rates and
  their gap, the year's flows to that date, and the documents' targets. --basis recorded shows what the
  registry knew on that date; effective (default) what was true then.`;

const pct = (v: number | null): string => (v === null ? '—' : `${v.toFixed(1)}%`);
const num = (v: number): string => v.toLocaleString('en');

/** `huji stats`: reads the statistics view through the cube; aggregates only, never a person. */
export const statsCommand = async (args: readonly string[], io: CommandIo): Promise<number> => {
  const { values } = parseArgs({ args: [...args], options: { region: { type: 'string' }, date: { type: 'string' }, basis: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  const region = values.region ?? '';
  const date = values.date ?? legalDateOf(new Date());
  const basis = (values.basis ?? 'effective') as Basis;
  const today = legalDateOf(new Date());
  const problems = [
    ...(region === '' || (/^\d{2,12}$/.test(region) && regionCatalog().has(region.padEnd(12, '0'))) ? [] : [`--region must be a region code prefix this registry knows (GET /regions lists them), got "${region}"`]),
    ...(isCalendarDate(date) ? (date > today ? [`--date ${date} is after today (${today})`] : []) : [`--date must be a day of the calendar written YYYY-MM-DD, got "${date}"`]),
    ...(basis === 'effective' || basis === 'recorded' ? [] : [`--basis must be effective or recorded, got "${String(values.basis)}"`]),
  ];
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  const db = await openReadStore(readStoreConfigFromEnv());
  try {
    const cube = await new StatisticsSource(db).refresh();
    const asOf = { region, date, basis };
    const report = {
      region, name: region === '' ? 'all regions' : (regionCatalog().fullName(region) ?? region), date, basis,
      ...headline(cube, asOf),
      flows: { from: `${date.slice(0, 4)}-01-01`, to: date, ...flows(cube, { ...asOf, from: `${date.slice(0, 4)}-01-01` }) },
      targets: targetProgress(cube, date, basis, region).map((t) => ({ id: t.target.id, jurisdiction: t.target.jurisdiction, documentNo: t.target.documentNo, text: t.target.text, target: t.target.value, actual: t.actual, measuredYear: t.measuredYear, met: t.met })),
    };
    if (values.json) {
      io.out(JSON.stringify(report, null, 2));
      return 0;
    }
    const f = report.flows;
    io.out([
      `${report.name} (${region || '*'}) on ${date}, ${basis === 'effective' ? 'as it was' : 'as the registry knew it'}`,
      '',
      `                      total        urban        rural   urbanization`,
      `registered 户籍人口 ${num(report.registered.total).padStart(12)} ${num(report.registered.urban).padStart(12)} ${num(report.registered.rural).padStart(12)}   ${pct(report.registered.urbanizationRate).padStart(8)}`,
      `resident   常住人口 ${num(report.resident.total).padStart(12)} ${num(report.resident.urban).padStart(12)} ${num(report.resident.rural).padStart(12)}   ${pct(report.resident.urbanizationRate).padStart(8)}`,
      `gap (resident − registered): ${report.gap === null ? '—' : `${report.gap.toFixed(1)} points`}`,
      '',
      `flows ${f.from} … ${f.to}: births ${num(f.births)}, deaths ${num(f.deaths)}, moves in ${num(f.movesIn)}, moves out ${num(f.movesOut)}, conversions ${num(f.conversions)}, rural→urban ${num(f.ruralToUrban)}`,
      ...f.settlements.slice(0, 8).map((s) => `  settled ${s.category}${s.ruleId ? ` (${s.ruleId})` : ''}: ${num(s.count)}`),
      ...(report.targets.length ? ['', 'targets:'] : []),
      ...report.targets.map((t) => `  ${t.met === null ? '…' : t.met ? '✓' : '✗'} ${t.documentNo} ${t.text}: ${t.actual ?? '—'} (${t.measuredYear})`),
    ].join('\n'));
    return 0;
  } finally {
    await db.destroy();
  }
};
