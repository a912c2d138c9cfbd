import { type PersonEvent } from '../../../events';
import { cityEvents, project } from '../../test/support';
import { personsView } from '../../views/persons';
import { flows, headline } from '../queries';
import { countsOf, statesOn } from './oracle';
import { cubeOf } from './support';

const events = cityEvents(3_000, 11);
const cube = cubeOf(events);
const REGIONS = ['', '41', '4101', '410102', '3303', '23', '2301', '4310'];
const DATES = ['2010-01-01', '2012-07-15', '2016-12-31', '2017-06-30', '2019-02-28', '2023-10-01', '2025-12-31'];

describe('statistics over a generated city (3,000 persons), against an independent recomputation', () => {
  it.each(DATES)('Then on %s every region level shows the same registered and resident populations and urban counts as the folded person states', (date) => {
    const states = [...statesOn(events, date, null).values()];
    for (const region of REGIONS) {
      const h = headline(cube, { region, date, basis: 'effective' });
      const o = countsOf(states, region, date);
      expect({ region, registered: h.registered.total, registeredUrban: h.registered.urban, resident: h.resident.total, residentUrban: h.resident.urban })
        .toEqual({ region, ...o });
    }
  });

  it('Then today the registered and resident populations and both urbanization rates equal a recomputation from the persons view', () => {
    const date = '2025-12-31';
    const persons = [...project(personsView, events).values()];
    for (const region of REGIONS) {
      const h = headline(cube, { region, date, basis: 'effective' });
      const o = countsOf(persons, region, date);
      const rate = (urban: number, total: number) => (total > 0 ? Math.round((1000 * urban) / total) / 10 : null);
      expect([h.registered.total, h.resident.total, h.registered.urbanizationRate, h.resident.urbanizationRate])
        .toEqual([o.registered, o.resident, rate(o.registeredUrban, o.registered), rate(o.residentUrban, o.resident)]);
    }
  });

  it('Then the registered population of every region equals births + first registrations + moves in − moves out − deaths (and corrections), and each flow equals a count of the log', () => {
    const end = '2025-12-31';
    const persons = events.filter((e) => e.stream.startsWith('person-'));
    const hukou = new Map<string, string>();
    const deathRegions: string[] = [];
    for (const { event } of persons) {
      const e = event as PersonEvent;
      if (e.type === 'BirthRegistered' || e.type === 'PersonRegistered') hukou.set(e.data.citizenId, e.data.regionCode);
      if (e.type === 'HukouMigrated') hukou.set(e.data.citizenId, e.data.to.regionCode);
      if (e.type === 'DeathRegistered') deathRegions.push(hukou.get(e.data.citizenId)!);
    }
    for (const region of REGIONS) {
      const f = flows(cube, { region, from: '0001-01-01', date: end, basis: 'effective' });
      const population = headline(cube, { region, date: end, basis: 'effective' }).registered.total;
      expect(population).toBe(f.births + f.registrations + f.movesIn - f.movesOut - f.deaths + f.corrections);
      const count = (pick: (e: PersonEvent) => boolean) => persons.filter((p) => pick(p.event as PersonEvent)).length;
      const inside = (code: string) => code.startsWith(region);
      expect(f.births).toBe(count((e) => e.type === 'BirthRegistered' && inside(e.data.regionCode)));
      expect(f.registrations).toBe(count((e) => e.type === 'PersonRegistered' && inside(e.data.regionCode)));
      expect(f.movesIn).toBe(count((e) => e.type === 'HukouMigrated' && inside(e.data.to.regionCode) && !inside(e.data.from.regionCode)));
      expect(f.movesOut).toBe(count((e) => e.type === 'HukouMigrated' && inside(e.data.from.regionCode) && !inside(e.data.to.regionCode)));
      expect(f.deaths).toBe(deathRegions.filter(inside).length);
    }
    expect(headline(cube, { region: '', date: end, basis: 'effective' }).registered.total).toBeGreaterThan(2_500);
  });

  it('Then a cube with its last third still in the unsorted tail answers exactly as a fully grouped one', () => {
    const partial = cubeOf(events, Math.floor((events.length * 2) / 3));
    for (const date of DATES) for (const region of REGIONS) for (const basis of ['effective', 'recorded'] as const) {
      expect(headline(partial, { region, date, basis })).toEqual(headline(cube, { region, date, basis }));
      expect(flows(partial, { region, date, basis, from: '2010-01-01' })).toEqual(flows(cube, { region, date, basis, from: '2010-01-01' }));
    }
  });

  it('Then the recorded basis knows nothing before the import was recorded, and everything after', () => {
    const recordedOn = events[0]!.recordedAt.slice(0, 10);
    expect(headline(cube, { region: '', date: '2025-12-31', basis: 'recorded' }).registered.total).toBe(0);
    expect(headline(cube, { region: '', date: recordedOn, basis: 'recorded' })).toEqual(headline(cube, { region: '', date: recordedOn, basis: 'effective' }));
  });
});
