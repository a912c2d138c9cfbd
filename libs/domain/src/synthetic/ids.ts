import { checkCharacter, drawSequence } from '../citizen-id';
import { type Random } from './random';
import { TakenNumbers } from './taken-numbers';

/**
 * 公民身份号码 allocation for a whole synthetic population: an order code (顺序码) of the right parity drawn
 * at random among the free ones for each county and date of birth, as the registry draws it — never 001, 003 …
 * in turn, so a generated city cannot teach an attacker that the first boy of a day is 001. The draws come
 * from a seeded source of their own, so the city stays a pure function of its seed and the rest of it does
 * not shift when the ids do. Every number handed out is remembered, packed (`TakenNumbers`: 16 bytes a person at most).
 */
export class CitizenIdAllocator {
  private readonly taken = new TakenNumbers();
  private readonly draw: (n: number) => number;

  constructor(random: Random) {
    this.draw = (n) => random.int(0, n - 1);
  }

  allocate(county: string, dateOfBirth: string, sex: 'male' | 'female'): string {
    const sequence = drawSequence(sex, (s) => !this.taken.has(county, dateOfBirth, s), this.draw);
    if (sequence === undefined) throw new RangeError(`order codes exhausted for ${county} ${dateOfBirth} ${sex}`);
    this.taken.add(county, dateOfBirth, sequence);
    const first17 = `${county}${dateOfBirth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
    return first17 + checkCharacter(first17);
  }
}

/** 户号 for synthetic households: `h-<county>-<n>`; a community collective household is `hc-<unit code>`, an institution's `hi-<unit code>`. */
export class HouseholdIds {
  private next = 0;

  family(regionCode: string): string {
    this.next++;
    return `h-${regionCode.slice(0, 6)}-${this.next}`;
  }

  collective(regionCode: string): string {
    return `hc-${regionCode}`;
  }

  /** An institution's collective household (集体户: a school, a works) in a unit: `hi-<unit code>`. */
  institution(regionCode: string): string {
    return `hi-${regionCode}`;
  }
}
