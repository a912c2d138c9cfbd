import { type IsoDate } from './dates';
import { type Problem } from './errors';

/**
 * 事实: one recorded fact of a stream, as the order-of-time rules (时间顺序) cite it — the stream, the event
 * type, its revision in the stream and its effective date (the legal date of the fact).
 */
export interface Fact {
  readonly stream: string;
  readonly event: string;
  readonly revision: number;
  readonly effectiveDate: IsoDate;
  /** What the fact is about inside its stream when several stand at once (a permit number, a region, a policy id). */
  readonly key?: string;
}

/** 时间线: a stream's facts in stream order — what the command loop read, given to `decide` beside the state. */
export type Timeline = readonly Fact[];

/** The key of a correction that withdrew a death (the death before it is no longer in effect). */
export const REVOKES_DEATH = 'revokes-death';

/** The key a fact is about, read from its payload: a permit number, a reclassified region, a policy id or an application. */
const keyOf = (data: unknown): string | undefined => {
  const d = data as { permitNo?: unknown; region?: unknown; policyId?: unknown; revokesDeath?: unknown; applicationRef?: unknown } | null;
  const key = d?.permitNo ?? d?.region ?? d?.policyId ?? (d?.revokesDeath === true ? REVOKES_DEATH : undefined) ?? d?.applicationRef;
  return typeof key === 'string' ? key : undefined;
};

/** The fact of one stored event. */
export const factOf = (stream: string, event: { readonly type: string; readonly data: unknown }, revision: number, effectiveDate: IsoDate): Fact => {
  const key = keyOf(event.data);
  return { stream, event: event.type, revision, effectiveDate, ...(key !== undefined ? { key } : {}) };
};

/** The fact in `facts` with the latest effective date (the later one in the stream on a tie), if any. */
export const latestFact = (facts: Iterable<Fact>): Fact | undefined => {
  let latest: Fact | undefined;
  for (const f of facts) if (!latest || f.effectiveDate >= latest.effectiveDate) latest = f;
  return latest;
};

const cite = (f: Fact): string => `${f.event} of ${f.effectiveDate} (${f.stream}, revision ${f.revision})`;

/**
 * TIME.ORDER: `what`, dated `date`, may not precede `fact` — refused (422) naming the fact it conflicts with.
 * Undefined `fact` (nothing recorded to conflict with) gives no problem.
 */
export const notBefore = (what: string, date: IsoDate, fact: Fact | undefined, path = 'effectiveDate'): Problem[] =>
  fact && date < fact.effectiveDate
    ? [{ code: 'TIME.ORDER', message: `${what} dated ${date} would precede ${cite(fact)}`, path, rule: true, fact }]
    : [];

/** TIME.ORDER with its own words, naming `fact` when it is known (e.g. a policy version's in-force date, not its recording). */
export const timeOrder = (message: string, fact: Fact | undefined, path = 'effectiveDate'): Problem =>
  ({ code: 'TIME.ORDER', message: fact ? `${message} (${cite(fact)})` : message, path, rule: true, ...(fact ? { fact } : {}) });
