import { isCoarseEnough, isPeriodEnd, isPeriodStart, lastPeriodEnd, levelOf, periodEndOf, periodStartOf } from '../granularity';

describe('the finest region and period a statistician is answered for (最小发布粒度)', () => {
  it('Given region prefixes, Then a village is finer than a township, a township finer than a county, and every level is named', () => {
    expect(['', '41', '4101', '410102', '410102001', '410102001002'].map((r) => [isCoarseEnough(r, 'township'), isCoarseEnough(r, 'county')]))
      .toEqual([[true, true], [true, true], [true, true], [true, true], [true, false], [false, false]]);
    expect(['41', '4101', '410102', '410102001', '410102001002'].map(levelOf)).toEqual(['province', 'prefecture', 'county', 'township', 'village']);
  });

  it('Given dates, Then month, quarter and year ends and starts are recognised, leap days included', () => {
    const ends = ['2024-02-29', '2023-02-28', '2023-02-27', '2023-09-30', '2023-09-08', '2023-12-31', '2023-06-30', '2023-05-31'];
    expect(ends.filter((d) => isPeriodEnd(d, 'month'))).toEqual(['2024-02-29', '2023-02-28', '2023-09-30', '2023-12-31', '2023-06-30', '2023-05-31']);
    expect(ends.filter((d) => isPeriodEnd(d, 'quarter'))).toEqual(['2023-09-30', '2023-12-31', '2023-06-30']);
    expect(ends.filter((d) => isPeriodEnd(d, 'year'))).toEqual(['2023-12-31']);
    const starts = ['2023-09-01', '2023-10-01', '2023-01-01', '2023-09-08'];
    expect([starts.filter((d) => isPeriodStart(d, 'month')), starts.filter((d) => isPeriodStart(d, 'quarter')), starts.filter((d) => isPeriodStart(d, 'year'))])
      .toEqual([['2023-09-01', '2023-10-01', '2023-01-01'], ['2023-10-01', '2023-01-01'], ['2023-01-01']]);
  });

  it('Given a day within a period, Then the last period end by then, and the period around it, are named', () => {
    expect(['month', 'quarter', 'year'].map((g) => lastPeriodEnd('2023-09-08', g as 'month'))).toEqual(['2023-08-31', '2023-06-30', '2022-12-31']);
    expect(lastPeriodEnd('2024-01-15', 'month')).toBe('2023-12-31');
    expect(lastPeriodEnd('2023-09-30', 'quarter')).toBe('2023-09-30');
    expect([periodStartOf('2023-09-08', 'quarter'), periodEndOf('2023-09-08', 'quarter'), periodEndOf('2024-02-10', 'month')]).toEqual(['2023-07-01', '2023-09-30', '2024-02-29']);
  });
});
