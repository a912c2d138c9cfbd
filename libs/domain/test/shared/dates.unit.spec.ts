import { addDays, legalDateOf } from '../../src/shared/dates';

/** The reference: the calendar arithmetic of `Date` (UTC), which `addDays` replaces for speed. */
const byDate = (date: string, days: number): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
};

describe('dates (日期)', () => {
  it('Given every third day from 1890 to 2110 and offsets across leap days, month and century ends, When days are added, Then the result is the calendar\'s', () => {
    const wrong: string[] = [];
    for (let n = 0, day = '1890-01-01'; day < '2110-01-01'; n++, day = byDate(day, 3))
      for (const k of [0, 1, -1, 28, -29, 59, 365, -366, 1461, -36_524, (n * 7919) % 20_000 - 10_000])
        if (addDays(day, k) !== byDate(day, k)) wrong.push(`${day}${k >= 0 ? '+' : ''}${k}: ${addDays(day, k)} ≠ ${byDate(day, k)}`);
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('Given instants either side of midnight in Beijing, asked in turn and again, Then each gives its own legal day (the one-entry cache never answers for another instant)', () => {
    const instants = ['2020-10-31T15:59:59.999Z', '2020-10-31T16:00:00.000Z', '2020-10-31T15:59:59.999Z', '2020-10-31T16:00:00.000Z'].map((t) => new Date(t));
    expect(instants.map(legalDateOf)).toEqual(['2020-10-31', '2020-11-01', '2020-10-31', '2020-11-01']);
  });
});
