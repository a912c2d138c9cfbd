import { type RegistrationType, type Sex } from '../../events';
import { hukouOn, type StatTimeline } from './timeline';

/**
 * What a statistics delta counts: `registered` is the 户籍人口 of a cell; `away` corrects it into the
 * 常住人口 (resident population = registered + away): −1 where a person is registered but lives
 * elsewhere for 6+ months (居住证, 实际居住登记), +1 where they live.
 */
export type Measure = 'registered' | 'away';

/** One change of a statistics cell on the effective-date axis. */
export interface StatDelta {
  readonly measure: Measure;
  readonly regionCode: string;
  readonly sex: Sex;
  readonly birthYear: number;
  readonly type: RegistrationType;
  readonly originalType: RegistrationType;
  /** The effective date from which the change holds. */
  readonly date: string;
  readonly n: number;
}

interface Presence {
  readonly registered?: { readonly regionCode: string; readonly type: RegistrationType };
  /** Where the person lives when it is not the hukou's region. */
  readonly livesIn?: string;
}

/** Where a registered person lives on `date`: an actual-residence registration first, then the latest valid permit. */
const livesOn = (t: StatTimeline, date: string): string | undefined => {
  let best: { from: string; regionCode: string; rank: number } | undefined;
  for (const s of t.away) {
    if (s.from > date || (s.until !== null && s.until <= date)) continue;
    const rank = s.kind === 'actual' ? 1 : 0;
    if (!best || rank > best.rank || (rank === best.rank && s.from >= best.from)) best = { from: s.from, regionCode: s.regionCode, rank };
  }
  return best?.regionCode;
};

const presenceOn = (t: StatTimeline, date: string): Presence => {
  const registered = hukouOn(t, date);
  if (!registered) return {};
  const livesIn = livesOn(t, date);
  return livesIn !== undefined && livesIn !== registered.regionCode ? { registered, livesIn } : { registered };
};

/** The dates on which anything about the person's presence may change. */
const boundaries = (t: StatTimeline): string[] => {
  const dates = new Set<string>(t.hukou.map((s) => s.from));
  if (t.endsOn !== null) dates.add(t.endsOn);
  for (const s of t.away) {
    dates.add(s.from);
    if (s.until !== null) dates.add(s.until);
  }
  return [...dates].sort();
};

const keyOf = (d: Omit<StatDelta, 'n'>): string => `${d.measure}|${d.regionCode}|${d.sex}|${d.birthYear}|${d.type}|${d.originalType}|${d.date}`;

const add = (into: Map<string, StatDelta>, d: StatDelta): void => {
  const key = keyOf(d);
  const n = (into.get(key)?.n ?? 0) + d.n;
  into.set(key, { ...d, n });
};

/** A presence's cells, signed (`sign` −1 to take it away). */
const contribute = (into: Map<string, StatDelta>, t: StatTimeline, p: Presence, date: string, sign: number): void => {
  if (!p.registered) return;
  const { regionCode, type } = p.registered;
  // Literals, not `{ ...cell, measure }`: V8 builds spread-then-extend objects many times slower, and this is the projector's hot path.
  const { sex, birthYear, originalType } = t;
  add(into, { measure: 'registered', regionCode, sex, birthYear, type, originalType, date, n: sign });
  if (p.livesIn === undefined) return;
  add(into, { measure: 'away', regionCode, sex, birthYear, type, originalType, date, n: -sign });
  add(into, { measure: 'away', regionCode: p.livesIn, sex, birthYear, type, originalType, date, n: sign });
};

/**
 * A person's statistical presence as change points keyed by cell and date: at each boundary, what the
 * person counts for from then on minus what they counted for until then. Summing a cell's points with
 * dates ≤ D gives how many people it held on D.
 */
export const changePoints = (t: StatTimeline | null): ReadonlyMap<string, StatDelta> => {
  if (!t) return new Map();
  const known = memo.get(t);
  if (known) return known;
  const points = new Map<string, StatDelta>();
  let before: Presence = {};
  for (const date of boundaries(t)) {
    const now = presenceOn(t, date);
    contribute(points, t, before, date, -1);
    contribute(points, t, now, date, +1);
    before = now;
  }
  for (const [key, d] of points) if (d.n === 0) points.delete(key);
  memo.set(t, points);
  return points;
};

/** Timelines are immutable: an event's "after" is the next event's "before", so its points are computed once. */
const memo = new WeakMap<StatTimeline, ReadonlyMap<string, StatDelta>>();

/** What an event changed in the statistics: the after-timeline's change points minus the before's (zeros dropped). */
export const deltasBetween = (before: StatTimeline | null, after: StatTimeline | null): StatDelta[] => {
  const out = new Map(changePoints(after));
  for (const d of changePoints(before).values()) add(out, { ...d, n: -d.n });
  return [...out.values()].filter((d) => d.n !== 0);
};
