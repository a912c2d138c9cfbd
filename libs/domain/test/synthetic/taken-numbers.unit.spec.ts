import { addDays } from '../../src/shared/dates';
import { seededRandom } from '../../src/synthetic/random';
import { TakenNumbers } from '../../src/synthetic/taken-numbers';

describe('TakenNumbers (已分配的公民身份号码, packed)', () => {
  it('Given 200,000 random numbers added (the table doubling many times), When each is asked again with its neighbours, Then it answers as a Set of the 17 digits does', () => {
    const random = seededRandom(15);
    const taken = new TakenNumbers();
    const reference = new Set<string>();
    const counties = ['410102', '410105', '230102', '330302', '431002', '411724'];
    const draw = () => ({ county: random.pick(counties), date: addDays('1900-01-01', random.int(0, 73_000)), sequence: random.int(0, 999) });
    const keyOf = (n: ReturnType<typeof draw>) => `${n.county}${n.date}${n.sequence}`;
    for (let i = 0; i < 200_000; i++) {
      const n = draw();
      taken.add(n.county, n.date, n.sequence);
      reference.add(keyOf(n));
    }
    expect(taken.count).toBe(reference.size);
    const wrong: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const n = draw();
      for (const probe of [n, { ...n, sequence: (n.sequence + 1) % 1000 }, { ...n, date: addDays(n.date, 1) }])
        if (taken.has(probe.county, probe.date, probe.sequence) !== reference.has(keyOf(probe))) wrong.push(keyOf(probe));
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('Given the edges (an unknown county, the first and last days, order codes 000 and 999), Then each is told apart', () => {
    const taken = new TakenNumbers();
    taken.add('410102', '1800-01-01', 0);
    taken.add('410102', '2150-12-31', 999);
    expect([taken.has('410102', '1800-01-01', 0), taken.has('410102', '1800-01-02', 0), taken.has('410102', '2150-12-31', 999), taken.has('410102', '2150-12-31', 998), taken.has('410103', '1800-01-01', 0)])
      .toEqual([true, false, true, false, false]);
    taken.add('410102', '1800-01-01', 0);
    expect(taken.count).toBe(2);
  });
});
