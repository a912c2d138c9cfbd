import { addDays } from '../../src/shared/dates';
import { SEQUENCE_CAPACITY, type Sex } from '../../src/citizen-id';
import { cityFeed } from './city-feed';

/**
 * 重识别攻击: can a subscriber without the personal-data grant give a newborn of the feed back its citizen id?
 * The attacker reads the redacted BirthRegistered (county from the village code, sex, the month of birth) and
 * is given more than the feed says — the exact day of registration, even the exact date of birth, and every
 * number already held — then guesses the number the way the old counter allocated it (001 for the first boy of
 * a county and day, or the lowest free code). Chance is 1 / (candidate days × order codes of the sex).
 */

interface Attack {
  readonly name: string;
  /** The candidate days the attacker knows the birth is on; it guesses the last (the most recent). */
  readonly days: (birth: Birth) => readonly string[];
  /** Whether the attacker knows which numbers are held and guesses the lowest free code, else 001 / 002. */
  readonly knowsHeld: boolean;
}

interface Birth {
  readonly month: string;
  readonly registered: string;
  readonly dateOfBirth: string;
}

const daysOfMonth = (month: string): string[] => {
  const out: string[] = [];
  for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) out.push(d);
  return out;
};

const ATTACKS: readonly Attack[] = [
  { name: 'county, sex and month (the feed)', days: (b) => daysOfMonth(b.month), knowsHeld: false },
  { name: '… and the exact registration day (within 30 days of birth)', days: (b) => daysOfMonth(b.month).filter((d) => d <= b.registered && d >= addDays(b.registered, -30)), knowsHeld: false },
  { name: '… and the exact date of birth', days: (b) => [b.dateOfBirth], knowsHeld: false },
  { name: '… and the exact date of birth and every number held (lowest free code)', days: (b) => [b.dateOfBirth], knowsHeld: true },
];

const pad3 = (n: number): string => String(n).padStart(3, '0');
const lowestFree = (prefix14: string, sex: Sex, held: ReadonlySet<string>): string => {
  for (let s = sex === 'male' ? 1 : 2; s <= 999; s += 2) if (!held.has(prefix14 + pad3(s))) return prefix14 + pad3(s);
  throw new Error(`no free code for ${prefix14}`);
};

/** The attacker's guess (17 digits: the check character adds nothing) for a birth, given the numbers it believes held. */
const guess = (attack: Attack, county: string, sex: Sex, birth: Birth, held: ReadonlySet<string>): string => {
  const prefix14 = county + attack.days(birth).at(-1)!.replaceAll('-', '');
  return attack.knowsHeld ? lowestFree(prefix14, sex, held) : prefix14 + (sex === 'male' ? '001' : '002');
};

const { records, redacted } = cityFeed(3_000, 42);

/** Every newborn, with what each attack guesses against today's numbers and against what the old counter would have given. */
const trials = (() => {
  const held = new Set<string>();
  const heldOld = new Set<string>();
  const out: { hits: boolean[]; hitsOld: boolean[]; chance: number[] }[] = [];
  records.forEach((r, i) => {
    if (r.type !== 'BirthRegistered' && r.type !== 'PersonRegistered') return;
    const id17 = r.data.citizenId.slice(0, 17);
    const old17 = lowestFree(id17.slice(0, 14), r.data.sex, heldOld); // the counter: the lowest code not yet given
    if (r.type === 'BirthRegistered') {
      const seen = redacted[i]!.data as { regionCode: string; sex: Sex; dateOfBirth: string };
      const birth: Birth = { month: seen.dateOfBirth, registered: r.metadata.effectiveDate, dateOfBirth: r.data.dateOfBirth };
      const county = seen.regionCode.slice(0, 6);
      out.push({
        hits: ATTACKS.map((a) => guess(a, county, seen.sex, birth, held) === id17),
        hitsOld: ATTACKS.map((a) => guess(a, county, seen.sex, birth, heldOld) === old17),
        chance: ATTACKS.map((a) => 1 / (a.days(birth).length * SEQUENCE_CAPACITY[seen.sex])),
      });
    }
    held.add(id17);
    heldOld.add(old17);
  });
  return out;
})();

const rate = (values: readonly boolean[]): number => values.filter(Boolean).length / values.length;
const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / values.length;

describe('重识别: guessing a newborn\'s citizen id from the feed without the personal-data grant', () => {
  it('Given a generated city, Then the sample holds at least 200 newborns, and the feed shows the attacker only the month of birth', () => {
    expect(trials.length).toBeGreaterThanOrEqual(200);
    const births = redacted.filter((e) => e.type === 'huji.BirthRegistered.v1');
    expect(births.filter((e) => !/^\d{4}-\d{2}$/.test(String(e.data.dateOfBirth)) || !/^\d{4}-\d{2}$/.test(e.effectivedate))).toEqual([]);
  });

  it.each(ATTACKS.map((a, k) => [a.name, k] as const))('Given an attacker who knows %s, When it guesses each newborn\'s number, Then it does no better than chance (plus 2 points), where the old counter gave most away', (_name, k) => {
    const hits = rate(trials.map((t) => t.hits[k]!));
    const chance = mean(trials.map((t) => t.chance[k]!));
    const old = rate(trials.map((t) => t.hitsOld[k]!));
    console.info(`${ATTACKS[k]!.name}: ${trials.filter((t) => t.hits[k]).length}/${trials.length} hits (chance ${(chance * trials.length).toFixed(2)}); old counter ${trials.filter((t) => t.hitsOld[k]).length}/${trials.length}`);
    expect(hits).toBeLessThanOrEqual(chance + 0.02);
    expect(old - hits).toBeGreaterThan(k < 2 ? 0 : 0.9); // the same attack on counted-up codes: the date of birth gave the number
  });
});
