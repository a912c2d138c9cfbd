import {
  SEQUENCE_CAPACITY, allocateCitizenId, nextSequence, sexOf, validateCitizenId, type CitizenIdResult, type Sex,
} from '../../src/citizen-id';
import { codesOf, withCheck } from './support';

/** A registry of taken numbers, as the caller would hold it. */
const registry = (): { readonly taken: Set<string>; readonly allocate: (sex: Sex) => CitizenIdResult } => {
  const taken = new Set<string>();
  const allocate = (sex: Sex): CitizenIdResult => {
    const result = allocateCitizenId({ countyCode: '110105', dateOfBirth: '2024-03-01', sex, isTaken: (id) => taken.has(id) });
    if (result.ok) taken.add(result.id);
    return result;
  };
  return { taken, allocate };
};

const sequencesOf = (results: readonly CitizenIdResult[]): number[] => results.map((r) => (r.ok ? r.sequence : -1));

describe('出生登记: allocating a number for a birth', () => {
  it('Given no number taken, When a boy and a girl are registered, Then they get order codes 001 and 002', () => {
    const { allocate } = registry();
    expect(allocate('male')).toMatchObject({ ok: true, id: '110105202403010018', sequence: 1, sex: 'male' });
    expect(allocate('female')).toMatchObject({ ok: true, sequence: 2, sex: 'female', dateOfBirth: '2024-03-01', countyCode: '110105' });
  });

  it('Given numbers are handed out in turn, When boys and girls alternate, Then each sex counts up its own parity from the lowest', () => {
    const { allocate } = registry();
    const results = ['male', 'male', 'female', 'male', 'female', 'female'].map((sex) => allocate(sex as Sex));
    expect(sequencesOf(results)).toEqual([1, 3, 2, 5, 4, 6]);
  });

  it('Given a gap (003 was never used), When a boy is registered, Then he gets the lowest free code, 003', () => {
    const taken = new Set(['11010520240301001', '11010520240301005'].map(withCheck));
    const result = allocateCitizenId({ countyCode: '110105', dateOfBirth: '2024-03-01', sex: 'male', isTaken: (id) => taken.has(id) });
    expect(result).toMatchObject({ ok: true, sequence: 3 });
  });

  it('Given the allocation, When the number is validated with the sex and today, Then it passes: the check character is right', () => {
    const result = allocateCitizenId({ countyCode: '441900', dateOfBirth: '2024-02-29', sex: 'female', isTaken: () => false, today: '2024-03-01' });
    if (!result.ok) throw new Error('expected a number');
    expect(validateCitizenId(result.id, { sex: 'female', today: '2024-03-01' })).toEqual(result);
    expect(sexOf(result.id)).toBe('female');
  });

  it(`Given every male order code taken, When a boy is registered, Then it is refused with CITIZEN_ID.SEQUENCE_EXHAUSTED after ${SEQUENCE_CAPACITY.male}`, () => {
    const { allocate } = registry();
    const boys = Array.from({ length: SEQUENCE_CAPACITY.male }, () => allocate('male'));
    expect(boys.every((r) => r.ok && r.sex === 'male')).toBe(true);
    expect(SEQUENCE_CAPACITY.male).toBe(500);
    expect(codesOf(allocate('male'))).toEqual(['CITIZEN_ID.SEQUENCE_EXHAUSTED']);
    expect(allocate('female')).toMatchObject({ ok: true, sequence: 2 });
  });

  it('Given every female order code taken, When a girl is registered, Then it is refused after 499: 000 is never allocated', () => {
    const { allocate } = registry();
    const girls = Array.from({ length: 499 }, () => allocate('female'));
    expect(sequencesOf(girls).slice(0, 2)).toEqual([2, 4]);
    expect(sequencesOf(girls).at(-1)).toBe(998);
    expect(codesOf(allocate('female'))).toEqual(['CITIZEN_ID.SEQUENCE_EXHAUSTED']);
  });

  it.each([
    ['11010', 'not 6 digits'],
    ['110000', 'a bare province code'],
    ['990101', 'no province 99'],
    ['810000', 'Hong Kong: valid in a number, but no office registers births there'],
  ])('Given county code %s (%s), When a birth is registered, Then it is refused with CITIZEN_ID.ADDRESS_CODE on countyCode', (countyCode) => {
    const result = allocateCitizenId({ countyCode, dateOfBirth: '2024-03-01', sex: 'male', isTaken: () => false });
    expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'CITIZEN_ID.ADDRESS_CODE', path: 'countyCode' })] });
  });

  it('Given an impossible date and a county unknown to the predicate, When a birth is registered, Then both problems are listed', () => {
    const result = allocateCitizenId({ countyCode: '110105', dateOfBirth: '2023-02-29', sex: 'male', isTaken: () => false, isKnownAddressCode: () => false });
    expect(result.ok ? [] : result.problems.map((p) => [p.code, p.path])).toEqual([
      ['CITIZEN_ID.ADDRESS_CODE', 'countyCode'], ['CITIZEN_ID.BIRTH_DATE', 'dateOfBirth'],
    ]);
  });

  it.each(['2024-03-02', '24-03-01', '1879-12-31'])('Given date of birth %s and today 2024-03-01, When a birth is registered, Then it is refused with CITIZEN_ID.BIRTH_DATE', (dateOfBirth) => {
    const result = allocateCitizenId({ countyCode: '110105', dateOfBirth, sex: 'female', isTaken: () => false, today: '2024-03-01' });
    expect(codesOf(result)).toEqual(['CITIZEN_ID.BIRTH_DATE']);
  });
});

describe('顺序码: nextSequence for bulk generation', () => {
  it('Given nothing taken, Then men start at 1 and women at 2', () => {
    expect(nextSequence('male', new Set())).toBe(1);
    expect(nextSequence('female', new Set())).toBe(2);
  });

  it('Given some codes taken, Then the lowest free code of the parity is returned', () => {
    expect(nextSequence('male', new Set([1, 3, 4, 7]))).toBe(5);
    expect(nextSequence('female', new Set([0, 2, 4]))).toBe(6);
  });

  it('Given `after`, Then the search resumes past it, skipping taken codes', () => {
    expect(nextSequence('male', new Set([7]), 5)).toBe(9);
    expect(nextSequence('female', new Set(), 5)).toBe(6);
    expect(nextSequence('female', new Set(), 998)).toBeUndefined();
  });

  it('Given every code of a parity taken, Then there is none', () => {
    const odd = new Set(Array.from({ length: 500 }, (_, i) => 2 * i + 1));
    expect(nextSequence('male', odd)).toBeUndefined();
    expect(nextSequence('female', odd)).toBe(2);
  });
});
