import { type RegistryEvent } from '../../../events';
import { CENSUS_2020, type CensusArea } from '../../../libs/domain/src/synthetic/calibration/census-2020';
import { generateCity } from '../../../libs/domain/src/synthetic';
import { CENSUS_DAY, personsAtScale } from '../../../libs/domain/src/synthetic/plan';
import { type ProjectedEvent } from '../../view';
import { calibrationReport, type ComparedFigure } from '../calibration';
import { HouseholdsFold } from '../census-households';
import { cubeOf } from './support';

/**
 * The calibrated city held next to the census (issue 14), at a scale CI can afford: 30,000 census-day residents,
 * about 1:4,850 (1:1000 is measured by `huji calibrate` and shown in the README).
 *
 * The tolerances are the for 1:1000, asserted here at a five times smaller scale. A random sample could
 * not meet them: two standard errors of an urban share of 58 % among Chenzhou's 963 residents is 3.2 points,
 * of an age share of 23 % among Henan's 20,500 is 0.6. The generator does not sample independently: it fills
 * quotas (sampling without replacement from the target). The urban draw aims each dwelling at what is left, so an
 * area ends within a dwelling or so of its quota (a few persons: measured ≤ 0.1 points here); family persons and
 * households miss by rounding; the age quota is overdrawn only when a head finds no adult age left. The ages are
 * read from the cube's birth years (age reached in 2020), which counts those born in November and December of a
 * boundary year a year older: up to 0.4 points of a band, inside the 1 point.
 */
const PERSONS = 30_000;

/** As the projector hands events over after an import: recorded when the source recorded them (`originallyRecordedAt`). */
const cityEvents = (): ProjectedEvent[] => {
  const out: ProjectedEvent[] = [];
  const city = generateCity({ persons: PERSONS, seed: 14 });
  for (let step = city.next(); !step.done; step = city.next())
    for (const r of step.value)
      out.push({ event: { type: r.type, data: r.data } as RegistryEvent, stream: r.stream, revision: r.revision, position: String(out.length + 1), recordedAt: r.metadata.originallyRecordedAt!, effectiveDate: r.metadata.effectiveDate });
  return out;
};

const events = cityEvents();
const fold = (recordedBy: string | null) => {
  const f = new HouseholdsFold(CENSUS_DAY, recordedBy);
  events.forEach((e) => f.add(e));
  return f.result();
};
const rows = calibrationReport(cubeOf(events), CENSUS_2020, CENSUS_DAY, { effective: fold(null), recorded: fold(CENSUS_DAY) });

const TOLERANCE: Readonly<Record<string, (census: number) => number>> = {
  'share of residents %': (census) => census / 100, // within 1 % of the area's share
  'urban share %': () => 0.5,
  'aged 0–14 %': () => 1, 'aged 15–59 %': () => 1, 'aged 60+ %': () => 1, 'aged 65+ %': () => 1,
  'family-household persons %': () => 1,
  'mean family household size': () => 0.1,
  'sex ratio (m per 100 f)': () => 1,
};

const outside = (r: ComparedFigure): boolean => r.difference !== null && Math.abs(r.difference) > TOLERANCE[r.figure]!(r.census!);

describe('普查校准: a generated city next to the 2020 census (30,000 residents, both bases)', () => {
  it('Given the city on census day, When every figure a bulletin printed is compared, Then each is within the tolerance of issue 14', () => {
    expect(rows.filter(outside).map((r) => `${r.area} ${r.basis} ${r.figure}: ${r.registry} vs ${r.census}`)).toEqual([]);
  });

  it('Given the areas, When their figures are listed, Then every figure the census printed has a registry value on both bases (nothing compared is silently missing)', () => {
    const printed = rows.filter((r) => r.census !== null);
    expect(printed.filter((r) => r.registry === null).map((r) => `${r.area} ${r.basis} ${r.figure}`)).toEqual([]);
    expect(new Set(printed.map((r) => r.basis))).toEqual(new Set(['effective', 'recorded']));
    const households = (a: CensusArea) => a.familyPersons !== undefined;
    expect(printed.filter((r) => r.figure === 'mean family household size').length).toBe(2 * CENSUS_2020.filter(households).length);
  });

  it('Given the recorded basis, When compared with the effective one, Then it has the same lines and differs somewhere (a birth is known once registered, a death once reported)', () => {
    const residents = (basis: string) => rows.filter((r) => r.basis === basis && r.figure === 'family-household persons %');
    expect(residents('recorded').length).toBe(residents('effective').length);
    const differ = rows.filter((r) => r.basis === 'recorded').some((r) => {
      const e = rows.find((x) => x.basis === 'effective' && x.area === r.area && x.figure === r.figure)!;
      return e.registry !== r.registry;
    });
    expect(differ).toBe(true);
  });

  it('Given a scale, When turned into persons, Then 1:1000 is the areas\' residents over a thousand', () => {
    const whole = CENSUS_2020.filter((a) => !CENSUS_2020.some((b) => b !== a && a.code.startsWith(b.code))).reduce((n, a) => n + a.residents, 0);
    expect(personsAtScale(0.001)).toBe(Math.round(whole / 1000));
  });
});
