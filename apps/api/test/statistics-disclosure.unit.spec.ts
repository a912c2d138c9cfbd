import { DEFAULT_DISCLOSURE, disclosureSettingsFromEnv } from '../src/config';
import { EXACT, perturbedDisclosure } from '../src/queries/disclosure';

const statisticians = perturbedDisclosure(3);
const codes = (problems: readonly { code: string; path?: string }[]) => problems.map((p) => `${p.code} ${p.path ?? ''}`);

describe('what statisticians may ask for (统计披露控制)', () => {
  it('Given a village and days within a month, Then every problem of the request is listed, each with its field', () => {
    expect(codes(statisticians.problems('population', { region: '410103100202', asOf: '2023-09-08', knownAt: '2023-09-09' })))
      .toEqual(['STATISTICS.REGION_TOO_FINE query.region', 'STATISTICS.DATE_GRAIN query.asOf', 'STATISTICS.DATE_GRAIN query.knownAt']);
    expect(codes(statisticians.problems('flows', { region: '410103100202', from: '2023-09-02', to: '2023-09-30' })))
      .toEqual(['STATISTICS.REGION_TOO_FINE query.region', 'STATISTICS.DATE_GRAIN query.from']);
    expect(codes(statisticians.problems('targets', { region: '410103100202', asOf: '2023-09-08' }))).toEqual(['STATISTICS.REGION_TOO_FINE query.region']);
  });

  it('Given a township, Then population and flows are answered for it, the structure only for its county or above', () => {
    expect(statisticians.problems('population', { region: '410103100', asOf: '2023-09-30' })).toEqual([]);
    expect(statisticians.problems('flows', { region: '410103100', from: '2023-01-01', to: '2023-09-30' })).toEqual([]);
    expect(statisticians.problems('structure', { region: '410103100', asOf: '2023-09-30' })[0]!.message).toContain('ask for 410103 or coarser');
    expect(statisticians.problems('structure', { region: '410103', asOf: '2024-02-29' })).toEqual([]);
  });

  it('Given no date, Then a statistician is answered as of the last month end, an auditor as of today; auditors may ask for anything', () => {
    expect([statisticians.defaultDate('2023-09-08'), statisticians.defaultDate('2023-09-30'), EXACT.defaultDate('2023-09-08')]).toEqual(['2023-08-31', '2023-09-30', '2023-09-08']);
    expect(EXACT.problems('structure', { region: '410103100202', asOf: '2023-09-08' })).toEqual([]);
    expect([EXACT.control('population'), statisticians.control('structure')]).toEqual([
      { method: 'none', exact: true },
      { method: 'cell-key perturbation', exact: false, noise: { '-2': 0.102, '-1': 0.199, '0': 0.398, '1': 0.199, '2': 0.102 }, smallestCount: 3, additive: false, finestRegion: 'county', grain: 'month' },
    ]);
  });

  it('Given quarters as the grain, Then as-of dates are quarter ends and flows whole quarters', () => {
    const quarterly = perturbedDisclosure(3, { ...DEFAULT_DISCLOSURE, grain: 'quarter' });
    expect(codes(quarterly.problems('flows', { from: '2023-08-01', to: '2023-09-30' }))).toEqual(['STATISTICS.DATE_GRAIN query.from']);
    expect(quarterly.defaultDate('2023-09-08')).toBe('2023-06-30');
  });

  it('Given HUJI_SDC_* variables, Then they set the noise, the finest regions and the grain; a village or a noise beyond 5 is refused naming the variable', () => {
    expect(disclosureSettingsFromEnv({})).toEqual(DEFAULT_DISCLOSURE);
    expect(disclosureSettingsFromEnv({ HUJI_SDC_MAX_NOISE: '3', HUJI_SDC_FINEST_REGION: 'county', HUJI_SDC_FINEST_STRUCTURE_REGION: 'prefecture', HUJI_SDC_GRAIN: 'year' }))
      .toEqual({ maxNoise: 3, finestRegion: 'county', finestStructureRegion: 'prefecture', grain: 'year' });
    expect(() => disclosureSettingsFromEnv({ HUJI_SDC_FINEST_REGION: 'village' })).toThrow('HUJI_SDC_FINEST_REGION must be one of province, prefecture, county, township, got "village"');
    expect(() => disclosureSettingsFromEnv({ HUJI_SDC_MAX_NOISE: '6' })).toThrow('HUJI_SDC_MAX_NOISE must be 1 to 5, got "6"');
    expect(() => disclosureSettingsFromEnv({ HUJI_SDC_GRAIN: 'day' })).toThrow('HUJI_SDC_GRAIN');
  });
});
