/**
 * The 公民身份号码 a synthetic city has handed out, held compactly: each number's first 17 digits packed into one
 * float64 — county (by index), day of birth (days since 1800-01-01), order code — in an open-addressing hash set.
 * 8 bytes a slot at most half full, against some 100 bytes a person for a `Set` of strings: at ten million
 * persons the difference between fitting in a gigabyte and not.
 */
export class TakenNumbers {
  private readonly counties = new Map<string, number>();
  private slots = new Float64Array(1 << 16).fill(EMPTY);
  private size = 0;

  /** Whether `county`/`dateOfBirth`/`sequence` is taken. */
  has(county: string, dateOfBirth: string, sequence: number): boolean {
    const index = this.counties.get(county);
    return index !== undefined && this.find(packed(index, dateOfBirth, sequence)) >= 0;
  }

  add(county: string, dateOfBirth: string, sequence: number): void {
    let index = this.counties.get(county);
    if (index === undefined) this.counties.set(county, (index = this.counties.size));
    const key = packed(index, dateOfBirth, sequence);
    if (this.find(key) >= 0) return;
    if (2 * (this.size + 1) > this.slots.length) this.grow();
    this.insert(key);
    this.size++;
  }

  get count(): number {
    return this.size;
  }

  private find(key: number): number {
    const mask = this.slots.length - 1;
    for (let i = hash(key) & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i]!;
      if (slot === key) return i;
      if (slot === EMPTY) return -1;
    }
  }

  private insert(key: number): void {
    const mask = this.slots.length - 1;
    let i = hash(key) & mask;
    while (this.slots[i] !== EMPTY) i = (i + 1) & mask;
    this.slots[i] = key;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2).fill(EMPTY);
    for (const key of old) if (key !== EMPTY) this.insert(key);
  }
}

const EMPTY = -1;

/** Days from 1800-01-01 to a `YYYY-MM-DD` date (proleptic Gregorian). */
const dayNumber = (date: string): number => {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 657_377; // so that 1800-01-01 is day 0
};

/** county index (< 2^16) · 2^27 + day (< 2^17) · 2^10 + order code (< 2^10): below 2^53, exact in a float64. */
const packed = (county: number, dateOfBirth: string, sequence: number): number => (county * 131_072 + dayNumber(dateOfBirth)) * 1024 + sequence;

/** A 32-bit mix of the key's two halves (murmur3's finaliser). */
const hash = (key: number): number => {
  let h = (key % 4_294_967_296) ^ Math.floor(key / 4_294_967_296);
  h = Math.imul(h ^ (h >>> 16), 0x85eb_ca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2_ae35);
  return (h ^ (h >>> 16)) >>> 0;
};
