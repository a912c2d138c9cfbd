import { cityEvents } from '../../test/support';
import { perturbation } from '../perturbation';
import { flows, headline, structure } from '../queries';
import { targetProgress } from '../targets';
import { monthEnds } from './attacks';
import { cubeFrom, foldEvents } from './support';

const folded = foldEvents(cityEvents(3_000, 11));
const cube = cubeFrom(folded);
const publish = perturbation();
const REGIONS = ['', '41', '4101', '410102', '3303', '330302', '23', '2301', '4310'];
const DATES = monthEnds(2010, 2025).filter((_, i) => i % 7 === 0);

/** Every figure a statistician can ask for, for the regions and dates above: population, month's flows, structure, targets. */
const answersOf = (c: typeof cube) => ({
  population: REGIONS.flatMap((region) => DATES.map((date) => headline(c, { region, date, basis: 'effective' }, publish))),
  flows: REGIONS.flatMap((region) => DATES.map((date) => flows(c, { region, from: `${date.slice(0, 8)}01`, date, basis: 'effective' }, publish))),
  structure: REGIONS.slice(0, 6).flatMap((region) => DATES.slice(0, 6).map((date) => structure(c, { region, date, basis: 'effective', measure: 'resident' }, publish))),
  targets: DATES.map((date) => targetProgress(c, date, 'effective', '', publish)),
});

describe('perturbed answers are consistent: same rows, same answer', () => {
  const once = answersOf(cube);

  it('Given the same queries asked twice, Then every answer is the same, and some differ from the exact ones (the perturbation is on)', () => {
    expect(answersOf(cube)).toEqual(once);
    const exact = REGIONS.flatMap((region) => DATES.map((date) => headline(cube, { region, date, basis: 'effective' })));
    expect(exact.filter((h, i) => h.registered.total !== once.population[i]!.registered.total).length).toBeGreaterThan(exact.length / 3);
  });

  it('Given a cube with its last third still in the unsorted tail, and that cube regrouped, Then every answer equals the fully grouped cube\'s', () => {
    const partial = cubeFrom(folded, undefined, Math.floor((2 * folded.events) / 3));
    expect(answersOf(partial)).toEqual(once);
    partial.regroup();
    expect(answersOf(partial)).toEqual(once);
  });

  it('Given a bitemporal query (a scan of the rows) that knows every row, Then it answers as the layers do for the effective basis', () => {
    const knownAt = '2099-12-31'; // the city was recorded at once, after 2025: known by then, all of it
    for (const region of REGIONS) for (const date of DATES) {
      expect(headline(cube, { region, date, basis: 'effective', knownAt }, publish)).toEqual(headline(cube, { region, date, basis: 'effective' }, publish));
      expect(flows(cube, { region, from: '2010-01-01', date, basis: 'effective', knownAt }, publish)).toEqual(flows(cube, { region, from: '2010-01-01', date, basis: 'effective' }, publish));
    }
  });

  it('Given another secret, Then the answers are others (the keys come from the secret)', () => {
    const other = cubeFrom(folded, { a: 1, b: 2 });
    expect(answersOf(other).population).not.toEqual(once.population);
  });
});
