import {
  CENSUS_2020, type CensusArea, type CensusFigure, familyShareOfPersons, meanFamilyHouseholdSize,
} from '../../src/synthetic/calibration/census-2020';

const byCode = (code: string): CensusArea => CENSUS_2020.find((a) => a.code === code)!;

/** The figures an area actually states (non-null, present). */
const statedFigures = (a: CensusArea): CensusFigure[] => [
  'residents' as const,
  ...(a.residents2010 !== undefined ? ['residents2010' as const] : []),
  ...(a.urbanShare !== null ? ['urbanShare' as const] : []),
  ...(a.familyHouseholds !== undefined || a.collectiveHouseholds !== undefined ? ['households' as const] : []),
  ...(a.ages !== null ? ['ages' as const] : []),
  ...(a.sexRatio !== null ? ['sexRatio' as const] : []),
];

describe('the 2020 census calibration targets (七普)', () => {
  it('Given the six areas, When listed, Then each code appears once', () => {
    expect(CENSUS_2020.map((a) => a.code)).toEqual(['4101', '3303', '4310', '2301', '23', '41']);
  });

  it('Given an age structure, When its broad groups are summed, Then they make 100 within 0.2 and 65+ ≤ 60+', () => {
    const bad = CENSUS_2020.flatMap((a) => (a.ages === null ? [] : [{ code: a.code, ...a.ages }]))
      .filter((g) => Math.abs(g.under15 + g.from15to59 + g.over60 - 100) > 0.2 || g.over65 > g.over60);
    expect(bad).toEqual([]);
  });

  it('Given family and collective persons, When added, Then they equal the residents within 0.5 %', () => {
    const bad = CENSUS_2020
      .filter((a) => a.familyPersons !== undefined && a.collectivePersons !== undefined)
      .map((a) => ({ code: a.code, gap: Math.abs(a.familyPersons! + a.collectivePersons! - a.residents) / a.residents }))
      .filter((g) => g.gap > 0.005);
    expect(bad).toEqual([]);
  });

  it('Given every stated figure, When its sources are looked up, Then at least one names a title and a quote', () => {
    const unsourced = CENSUS_2020.flatMap((a) => statedFigures(a)
      .filter((f) => !a.sources.some((s) => s.figure === f && s.title !== '' && s.quote !== ''))
      .map((f) => `${a.code}:${f}`));
    expect(unsourced).toEqual([]);
  });

  it('Given a source without a URL, When read, Then it carries a note saying where the figure came from', () => {
    const silent = CENSUS_2020.flatMap((a) => a.sources.filter((s) => s.url === null && !s.note).map((s) => `${a.code}:${s.figure}`));
    expect(silent).toEqual([]);
  });

  it('Given a missing age structure, sex ratio or urban share, When read, Then a note explains why', () => {
    const unexplained = CENSUS_2020.flatMap((a) => (
      [['ages', a.ages], ['sexRatio', a.sexRatio], ['urbanShare', a.urbanShare]] as const
    ).filter(([name, v]) => v === null && !a.notes.some((n) => n.includes(name))).map(([name]) => `${a.code}:${name}`));
    expect(unexplained).toEqual([]);
  });

  it('Given shares and ratios, When checked, Then they lie in plausible ranges', () => {
    const bad = CENSUS_2020.filter((a) => (a.urbanShare !== null && (a.urbanShare <= 0 || a.urbanShare >= 100))
      || (a.sexRatio !== null && (a.sexRatio < 90 || a.sexRatio > 120))
      || (a.urbanShare === null) !== (a.urbanShareBasis === null));
    expect(bad.map((a) => a.code)).toEqual([]);
  });

  it('Given Zhengzhou, When the household helpers run, Then the mean family size is the bulletin\'s 2.82 and most live in families', () => {
    expect(meanFamilyHouseholdSize(byCode('4101'))).toBeCloseTo(2.82, 2);
    expect(familyShareOfPersons(byCode('4101'))).toBeCloseTo(10_237_153 / 12_600_574, 6);
  });

  it('Given Wenzhou and Henan, When the mean family size is derived, Then it matches the printed 2.37 and 2.86', () => {
    expect(meanFamilyHouseholdSize(byCode('3303'))).toBeCloseTo(2.37, 2);
    expect(meanFamilyHouseholdSize(byCode('41'))).toBeCloseTo(2.86, 2);
  });

  it('Given Heilongjiang without a household split, When the helpers run, Then they answer null', () => {
    expect(meanFamilyHouseholdSize(byCode('23'))).toBeNull();
    expect(familyShareOfPersons(byCode('23'))).toBeNull();
  });
});
