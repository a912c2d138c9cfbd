import { CENSUS_2020 } from '../../../libs/domain/src/synthetic/calibration/census-2020';
import { cityEvents } from '../../test/support';
import { areaFigures, calibrationReport } from '../calibration';
import { countsOf, livesIn, statesOn } from './oracle';
import { cubeOf } from './support';

const CENSUS_DAY = '2020-11-01';
const events = cityEvents(3_000, 11);
const cube = cubeOf(events);
const states = [...statesOn(events, CENSUS_DAY, null).values()];

/** The oracle: residents of an area counted from the folded person states, ages by the year of birth. */
const recount = (code: string) => {
  const residents = states.filter((s) => s.status === 'registered' && livesIn(s, CENSUS_DAY).startsWith(code));
  const age = (s: (typeof residents)[number]) => 2020 - Number(s.status === 'registered' ? s.dateOfBirth.slice(0, 4) : 0);
  const share = (keep: (a: number) => boolean) => Math.round((10_000 * residents.filter((s) => keep(age(s))).length) / residents.length) / 100;
  const sexes = residents.map((s) => (s.status === 'registered' ? s.sex : ''));
  return {
    residents: residents.length,
    ages: { under15: share((a) => a < 15), from15to59: share((a) => a >= 15 && a < 60), over60: share((a) => a >= 60), over65: share((a) => a >= 65) },
    sexRatio: Math.round((10_000 * sexes.filter((s) => s === 'male').length) / sexes.filter((s) => s === 'female').length) / 100,
  };
};

describe('普查对照: the registry held next to the 2020 census (a generated city of 3,000 persons)', () => {
  it.each(CENSUS_2020.map((a) => [a.name, a.code]))('Given %s (%s), When its figures are read from the cube on the census day, Then residents, ages and sex ratio equal a recount from the folded person states', (_name, code) => {
    const f = areaFigures(cube, code, CENSUS_DAY);
    expect({ residents: f.residents, ages: f.ages, sexRatio: f.sexRatio }).toEqual(recount(code));
    expect(f.residents).toBe(countsOf(states, code, CENSUS_DAY).resident);
  });

  it('Given the report, Then the areas that contain no other (provinces and cities outside them) share 100 % of the residents, and every difference is registry − census', () => {
    const rows = calibrationReport(cube, CENSUS_2020, CENSUS_DAY, {}, ['effective']);
    const roots = CENSUS_2020.filter((a) => !CENSUS_2020.some((b) => b !== a && a.code.startsWith(b.code)));
    const shares = rows.filter((r) => r.figure.startsWith('share') && roots.some((a) => a.name === r.area));
    expect(shares.reduce((n, r) => n + r.registry!, 0)).toBeCloseTo(100, 0);
    expect(shares.reduce((n, r) => n + r.census!, 0)).toBeCloseTo(100, 0);
    expect(rows.filter((r) => r.registry !== null && r.census !== null && Math.abs(r.difference! - (r.registry - r.census)) > 0.006)).toEqual([]);
    expect(rows.filter((r) => (r.registry === null || r.census === null) && r.difference !== null)).toEqual([]);
  });
});
