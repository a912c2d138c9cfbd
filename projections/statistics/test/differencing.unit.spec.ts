import { cityEvents } from '../../test/support';
import { type StatisticsCube } from '../cube';
import { perturbation } from '../perturbation';
import { structure, type StructureCell } from '../queries';
import { recordKeySeedOf } from '../record-keys';
import { allowedRegions, cached, chanceOf, headlinesOf, monthEnds, NOISE_VARIANCE, P_TRUE, type Part, pct, scoreOf } from './attacks';
import { cubeFrom, foldEvents } from './support';

/**
 * The attacks that undid small-cell suppression, replayed on a generated city (3,000 persons spread over
 * about a thousand townships: most cells are small) against the statisticians' perturbed answers. "Chance"
 * is what one perturbed cell gives away read directly (P(noise = 0)), or, for a change between two month
 * ends, what two independent draws give away; the observed rates are in the test names. The changes are
 * pooled over six secrets: with one secret a few hundred changes leave the rate to luck.
 */
const folded = foldEvents(cityEvents(3_000, 11));
const cubes = Array.from({ length: 6 }, (_, i) => cubeFrom(folded, recordKeySeedOf(`differencing test secret ${i}`)));
const [cube] = cubes as [StatisticsCube];
const publish = perturbation();
/** A publisher that shows each count's cell key: the identity of the rows it summed. */
const KEYS_OF = (_n: number, cellKey: number) => cellKey;
const MONTHS = monthEnds(2018, 2023);
const REGIONS = allowedRegions(cube);
const MEASURES = ['registered', 'resident'] as const;
const exact = headlinesOf(cube, REGIONS, MONTHS);
const shown = headlinesOf(cube, REGIONS, MONTHS, publish);
const at = (answers: typeof exact, region: string, i: number) => answers.get(region)![i]!;

/** (a) total − rural (and total − urban) where the part is small (1–5) and the other part is not empty. */
const totalLess = scoreOf(REGIONS.flatMap((region) => MONTHS.flatMap((_, i) => MEASURES.flatMap((m) => (['urban', 'rural'] as const).flatMap((part) => {
  const other = part === 'urban' ? 'rural' : 'urban';
  const [e, s] = [at(exact, region, i)[m], at(shown, region, i)[m]];
  return e[part] >= 1 && e[part] <= 5 && e[other] > 0 ? [[s.total - s[other], e[part]] as const] : [];
})))));

/** (c) a region less the sum of its other sub-regions, where the sub-region is small (1–5). */
const childLength: Readonly<Record<number, number>> = { 2: 4, 4: 6, 6: 9 };
const regionLess = scoreOf(REGIONS.filter((r) => r.length in childLength).flatMap((parent) => {
  const parts = REGIONS.filter((r) => r.startsWith(parent) && r.length === childLength[parent.length]);
  return parts.length < 2 ? [] : MONTHS.flatMap((_, i) => MEASURES.flatMap((m) => parts.flatMap((part) => {
    const truth = at(exact, part, i)[m].total;
    const others = parts.filter((p) => p !== part).reduce((sum, p) => sum + at(shown, p, i)[m].total, 0);
    return truth >= 1 && truth <= 5 ? [[at(shown, parent, i)[m].total - others, truth] as const] : [];
  })));
}));

/** (b) a month end against the next, where a count fell by exactly one person: the published difference, per secret. */
const oneLeftCases = REGIONS.flatMap((region) => MONTHS.slice(1).flatMap((_, j) => MEASURES.flatMap((m) => (['total', 'urban', 'rural'] as Part[]).flatMap((part) => {
  const [n1, n2] = [at(exact, region, j)[m][part], at(exact, region, j + 1)[m][part]];
  return n2 - n1 === -1 ? [{ region, i: j + 1, m, part, n1, n2 }] : [];
}))));
const oneLeft = (() => {
  const cases = cubes.flatMap((c) => {
    const ask = cached((region: string, i: number) => headlinesOf(c, [region], [MONTHS[i]!], publish).get(region)![0]!);
    const keys = cached((region: string, i: number) => headlinesOf(c, [region], [MONTHS[i]!], KEYS_OF).get(region)![0]!);
    // Regions and parts that sum the same rows (a county of one township, a region with no urban unit) give the same answer: count them once.
    const once = new Map(oneLeftCases.map((x) => [`${x.i}|${keys(x.region, x.i - 1)[x.m][x.part]}|${keys(x.region, x.i)[x.m][x.part]}`, x]));
    return [...once.values()].map(({ region, i, m, part, n1, n2 }) => ({ pair: [ask(region, i)[m][part] - ask(region, i - 1)[m][part], -1] as const, n: [n1, n2] as const }));
  });
  return { ...scoreOf(cases.map((x) => x.pair)), ...chanceOf(cases.map((x) => x.n)) };
})();

describe('differencing attacks on perturbed statistics (every allowed region, month ends 2018–2023)', () => {
  it(`Given total − rural and total − urban, Then a true part of 1–5 comes out in ${pct(totalLess.rate)} of ${totalLess.cases} cases: no more than the ${pct(P_TRUE)} chance that one perturbed cell shows its true count, and with a larger error (mean squared ${totalLess.meanSquaredError.toFixed(2)} vs ${NOISE_VARIANCE.toFixed(2)} for one cell read directly)`, () => {
    expect(totalLess.cases).toBeGreaterThan(1_000);
    expect(totalLess.rate).toBeLessThanOrEqual(P_TRUE);
    expect(totalLess.meanSquaredError).toBeGreaterThanOrEqual(NOISE_VARIANCE);
  });

  it(`Given a month end and the next, where a count (total, urban or rural) fell by exactly one person, Then the published difference is −1 in ${pct(oneLeft.rate)} of ${oneLeft.cases} cases (6 secrets): no more than two independent draws give (${pct(oneLeft.chance)}; at most ${pct(oneLeft.bound)} allowing three standard errors), where exact answers show −1 every time`, () => {
    expect(oneLeft.cases).toBeGreaterThan(1_000);
    expect(oneLeft.rate).toBeLessThanOrEqual(oneLeft.bound);
  });

  it(`Given a region less the sum of its other sub-regions (county − other townships, prefecture − other counties, province − other prefectures), Then a sub-region of 1–5 persons comes out in ${pct(regionLess.rate)} of ${regionLess.cases} cases: no more than the ${pct(P_TRUE)} chance, error ${regionLess.meanSquaredError.toFixed(2)} vs ${NOISE_VARIANCE.toFixed(2)}`, () => {
    expect(regionLess.cases).toBeGreaterThan(1_000);
    expect(regionLess.rate).toBeLessThanOrEqual(P_TRUE);
    expect(regionLess.meanSquaredError).toBeGreaterThanOrEqual(NOISE_VARIANCE);
  });
});

/** (d) the structure of every county and prefecture at month ends 2019–2021: the cells that gained or lost exactly one person. */
const STRUCTURE_MONTHS = monthEnds(2019, 2021);
const cellId = (c: StructureCell) => `${c.urban}|${c.sex}|${c.birthYear}|${c.regType}|${c.origType}`;
const tableOf = (c: StatisticsCube, publisher?: typeof publish) => cached((region: string, i: number) =>
  new Map(structure(c, { region, date: STRUCTURE_MONTHS[i]!, basis: 'effective', measure: 'registered' }, publisher).map((cell) => [cellId(cell), cell.count])));
const exactTable = tableOf(cube);
const STRUCTURE_REGIONS = allowedRegions(cube, [4, 6]).filter((r) => r !== '');
const changes = STRUCTURE_REGIONS.flatMap((region) => STRUCTURE_MONTHS.slice(1).flatMap((_, j) => {
  const [before, after] = [exactTable(region, j), exactTable(region, j + 1)];
  return [...new Set([...before.keys(), ...after.keys()])].flatMap((id) => {
    const [n1, n2] = [before.get(id) ?? 0, after.get(id) ?? 0];
    return Math.abs(n2 - n1) === 1 ? [{ region, i: j + 1, id, n1, n2 }] : [];
  });
}));
const structures = (() => {
  const tables = cubes.map((c) => tableOf(c, publish));
  const pairs = tables.flatMap((table) => changes.map(({ region, i, id, n1, n2 }) => [(table(region, i).get(id) ?? 0) - (table(region, i - 1).get(id) ?? 0), n2 - n1] as const));
  const published = STRUCTURE_REGIONS.flatMap((region) => STRUCTURE_MONTHS.flatMap((_, i) => [...tables[0]!(region, i).values()]));
  return { published, ...scoreOf(pairs), ...chanceOf(cubes.flatMap(() => changes.map(({ n1, n2 }) => [n1, n2] as const))) };
})();

describe('the structure at the finest level a statistician gets (county), and for prefectures', () => {
  it(`Given ${structures.published.length} published cells, Then none is 1 or 2`, () => {
    expect(structures.published.length).toBeGreaterThan(10_000);
    expect(structures.published.filter((n) => n === 1 || n === 2)).toEqual([]);
  });

  it(`Given a cell that gained or lost exactly one person between two month ends, Then the published tables show that change in ${pct(structures.rate)} of ${structures.cases} cases (6 secrets): no more than two independent draws give (${pct(structures.chance)}; at most ${pct(structures.bound)})`, () => {
    expect(structures.cases).toBeGreaterThan(1_000);
    expect(structures.rate).toBeLessThanOrEqual(structures.bound);
  });
});
