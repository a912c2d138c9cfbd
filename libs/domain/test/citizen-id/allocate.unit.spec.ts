import {
  SEQUENCE_CAPACITY, allocateCitizenId, drawSequence, sexOf, validateCitizenId, type CitizenIdResult, type Draw, type Sex,
} from '../../src/citizen-id';
import { seededRandom } from '../../src/synthetic';
import { codesOf, withCheck } from './support';

/** A seeded uniform draw: the tests are repeatable, the codes as random as the registry's. */
const seededDraw = (seed: number): Draw => {
  const random = seededRandom(seed);
  return (n) => random.int(0, n - 1);
};

/** A registry of taken numbers, as the caller would hold it. */
const registry = (draw: Draw = seededDraw(1)): { readonly taken: Set<string>; readonly allocate: (sex: Sex) => CitizenIdResult } => {
  const taken = new Set<string>();
  const allocate = (sex: Sex): CitizenIdResult => {
    const result = allocateCitizenId({ countyCode: '110105', dateOfBirth: '2024-03-01', sex, isTaken: (id) => taken.has(id), draw });
    if (result.ok) taken.add(result.id);
    return result;
  };
  return { taken, allocate };
};

const sequencesOf = (results: readonly CitizenIdResult[]): number[] => results.map((r) => (r.ok ? r.sequence : -1));

/** Pearson's chi-square of observed counts against equal expectation. */
const chiSquare = (counts: readonly number[]): number => {
  const expected = counts.reduce((s, c) => s + c, 0) / counts.length;
  return counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
};

describe('出生登记: allocating a number for a birth', () => {
  it('Given a draw of k, When a boy or a girl is registered on an empty day, Then the order code is the k-th of the parity: 001 … 999 for boys, 002 … 998 for girls, never 000', () => {
    const at = (sex: Sex, k: number) => allocateCitizenId({ countyCode: '110105', dateOfBirth: '2024-03-01', sex, isTaken: () => false, draw: () => k });
    expect(at('male', 0)).toMatchObject({ ok: true, id: '110105202403010018', sequence: 1, sex: 'male' });
    expect(sequencesOf([at('male', 499), at('female', 0), at('female', 498)])).toEqual([999, 2, 998]);
  });

  it('Given nothing taken, When 50,000 first boys are drawn, Then every one of the 500 codes comes about equally often (chi-square far below its 0.1% bound): 001 is not the first boy of a day', () => {
    const draw = seededDraw(7);
    const counts = new Array<number>(SEQUENCE_CAPACITY.male).fill(0);
    for (let i = 0; i < 50_000; i++) {
      const result = allocateCitizenId({ countyCode: '110105', dateOfBirth: '2024-03-01', sex: 'male', isTaken: () => false, draw });
      if (!result.ok || result.sequence % 2 !== 1) throw new Error(JSON.stringify(result));
      counts[(result.sequence - 1) / 2]!++;
    }
    expect(counts.filter((c) => c === 0)).toEqual([]);
    expect(chiSquare(counts)).toBeLessThan(610); // 499 degrees of freedom: mean 499, 0.1% upper bound ≈ 604
    expect(counts[0]! / 50_000).toBeLessThan(0.004); // 001 about 1/500 of the time, not always
  });

  it('Given 490 of the 500 male codes taken, When boys are drawn 10,000 times, Then only the 10 free codes come, each about equally often', () => {
    const free = [7, 123, 351, 499, 501, 677, 801, 855, 997, 999];
    const taken = new Set(Array.from({ length: 500 }, (_, i) => 2 * i + 1).filter((s) => !free.includes(s)).map((s) => withCheck(`11010520240301${String(s).padStart(3, '0')}`)));
    const draw = seededDraw(3);
    const counts = new Map(free.map((s) => [s, 0]));
    for (let i = 0; i < 10_000; i++) {
      const result = allocateCitizenId({ countyCode: '110105', dateOfBirth: '2024-03-01', sex: 'male', isTaken: (id) => taken.has(id), draw });
      const sequence = result.ok ? result.sequence : -1;
      counts.set(sequence, (counts.get(sequence) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual(free);
    expect(chiSquare([...counts.values()])).toBeLessThan(27.9); // 9 degrees of freedom: 0.1% upper bound
  });

  it('Given numbers handed out in turn, When boys and girls alternate, Then each sex keeps its parity, no number is handed out twice, and they are not counted up from the lowest', () => {
    const { allocate } = registry();
    const results = Array.from({ length: 40 }, (_, i) => allocate(i % 3 === 0 ? 'female' : 'male'));
    expect(results.filter((r) => !r.ok || (r.sequence % 2 === 1) !== (r.sex === 'male'))).toEqual([]);
    expect(new Set(sequencesOf(results)).size).toBe(40);
    expect(sequencesOf(results).slice(0, 3)).not.toEqual([2, 1, 3]);
  });

  it('Given the allocation, When the number is validated with the sex and today, Then it passes: the check character is right', () => {
    const result = allocateCitizenId({ countyCode: '441900', dateOfBirth: '2024-02-29', sex: 'female', isTaken: () => false, today: '2024-03-01', draw: seededDraw(5) });
    if (!result.ok) throw new Error('expected a number');
    expect(validateCitizenId(result.id, { sex: 'female', today: '2024-03-01' })).toEqual(result);
    expect(sexOf(result.id)).toBe('female');
  });

  it(`Given boys registered one after another, When all ${SEQUENCE_CAPACITY.male} male codes are taken, Then the next boy is refused with CITIZEN_ID.SEQUENCE_EXHAUSTED and a girl still gets a number`, () => {
    const { allocate } = registry();
    const boys = Array.from({ length: SEQUENCE_CAPACITY.male }, () => allocate('male'));
    expect(boys.filter((r) => !r.ok || r.sex !== 'male')).toEqual([]);
    expect(new Set(sequencesOf(boys)).size).toBe(500);
    expect(SEQUENCE_CAPACITY.male).toBe(500);
    expect(codesOf(allocate('male'))).toEqual(['CITIZEN_ID.SEQUENCE_EXHAUSTED']);
    expect(allocate('female')).toMatchObject({ ok: true, sex: 'female' });
  });

  it('Given girls registered one after another, When 499 are, Then every even code 002 … 998 is used once and the next is refused: 000 is never allocated', () => {
    const { allocate } = registry();
    const girls = sequencesOf(Array.from({ length: 499 }, () => allocate('female')));
    expect([...girls].sort((a, b) => a - b)).toEqual(Array.from({ length: 499 }, (_, i) => 2 * i + 2));
    expect(codesOf(allocate('female'))).toEqual(['CITIZEN_ID.SEQUENCE_EXHAUSTED']);
  });

  it('Given a draw outside [0, n), When a birth is allocated, Then it throws: a broken source of randomness is a bug, never a number', () => {
    const request = { countyCode: '110105', dateOfBirth: '2024-03-01', sex: 'male' as const, isTaken: () => false };
    expect(() => allocateCitizenId({ ...request, draw: (n) => n })).toThrow(RangeError);
    expect(() => allocateCitizenId({ ...request, draw: () => 0.5 })).toThrow(RangeError);
  });

  it.each([
    ['11010', 'not 6 digits'],
    ['110000', 'a bare province code'],
    ['990101', 'no province 99'],
    ['810000', 'Hong Kong: valid in a number, but no office registers births there'],
  ])('Given county code %s (%s), When a birth is registered, Then it is refused with CITIZEN_ID.ADDRESS_CODE on countyCode', (countyCode) => {
    const result = allocateCitizenId({ countyCode, dateOfBirth: '2024-03-01', sex: 'male', isTaken: () => false, draw: seededDraw(1) });
    expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'CITIZEN_ID.ADDRESS_CODE', path: 'countyCode' })] });
  });

  it('Given an impossible date and a county unknown to the predicate, When a birth is registered, Then both problems are listed', () => {
    const result = allocateCitizenId({ countyCode: '110105', dateOfBirth: '2023-02-29', sex: 'male', isTaken: () => false, isKnownAddressCode: () => false, draw: seededDraw(1) });
    expect(result.ok ? [] : result.problems.map((p) => [p.code, p.path])).toEqual([
      ['CITIZEN_ID.ADDRESS_CODE', 'countyCode'], ['CITIZEN_ID.BIRTH_DATE', 'dateOfBirth'],
    ]);
  });

  it.each(['2024-03-02', '24-03-01', '1879-12-31'])('Given date of birth %s and today 2024-03-01, When a birth is registered, Then it is refused with CITIZEN_ID.BIRTH_DATE', (dateOfBirth) => {
    const result = allocateCitizenId({ countyCode: '110105', dateOfBirth, sex: 'female', isTaken: () => false, today: '2024-03-01', draw: seededDraw(1) });
    expect(codesOf(result)).toEqual(['CITIZEN_ID.BIRTH_DATE']);
  });
});

describe('顺序码: drawSequence for bulk generation', () => {
  it('Given nothing taken and a draw of k, Then men get the k-th odd code and women the k-th even code from 002', () => {
    expect(drawSequence('male', () => true, () => 0)).toBe(1);
    expect(drawSequence('female', () => true, () => 0)).toBe(2);
    expect(drawSequence('male', () => true, () => 10)).toBe(21);
  });

  it('Given the drawn code taken every time, When drawn, Then a free one is drawn from the list of free codes: never a taken one', () => {
    const taken = new Set([1, 3, 4, 7]);
    expect(drawSequence('male', (s) => !taken.has(s), () => 0)).toBe(5);
    expect(drawSequence('male', (s) => !taken.has(s), () => 3)).toBe(13); // 007 drawn and taken every time: the 4th free code (005, 009, 011, 013)
  });

  it('Given every code of a parity taken, Then there is none, and the other parity still has one', () => {
    const odd = new Set(Array.from({ length: 500 }, (_, i) => 2 * i + 1));
    expect(drawSequence('male', (s) => !odd.has(s), seededDraw(2))).toBeUndefined();
    expect(drawSequence('female', (s) => !odd.has(s), seededDraw(2))).toBeGreaterThanOrEqual(2);
  });
});
