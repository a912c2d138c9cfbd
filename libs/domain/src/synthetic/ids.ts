import { checkCharacter } from '../citizen-id';

/**
 * 公民身份号码 allocation for a whole synthetic population: the next free order code (顺序码) of the right
 * parity for each county and date of birth. One counter per (county, date, sex) in use.
 */
export class CitizenIdAllocator {
  private readonly last = new Map<string, number>();

  allocate(county: string, dateOfBirth: string, sex: 'male' | 'female'): string {
    const compact = dateOfBirth.replaceAll('-', '');
    const key = `${county}${compact}${sex === 'male' ? 'm' : 'f'}`;
    const next = (this.last.get(key) ?? (sex === 'male' ? -1 : 0)) + 2;
    if (next > 999) throw new RangeError(`order codes exhausted for ${county} ${dateOfBirth} ${sex}`);
    this.last.set(key, next);
    const first17 = `${county}${compact}${String(next).padStart(3, '0')}`;
    return first17 + checkCharacter(first17);
  }
}

/** 户号 for synthetic households: `h-<county>-<n>`; a community collective household is `hc-<unit code>`. */
export class HouseholdIds {
  private next = 0;

  family(regionCode: string): string {
    this.next++;
    return `h-${regionCode.slice(0, 6)}-${this.next}`;
  }

  collective(regionCode: string): string {
    return `hc-${regionCode}`;
  }
}
