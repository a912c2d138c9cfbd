import { type JurisdictionEvent, type PersonEvent, type RegistryEventType } from '../../events';
import { handles, type ProjectedEvent, type View } from '../view';
import { deltasBetween, type StatDelta } from './deltas';
import { evolveTimeline, type StatTimeline } from './timeline';

/**
 * A statistics delta with what caused it: the event type, and for a move (户口迁移) the settlement
 * category, the policy rule that admitted it and the region at the other end — so flows (births, deaths,
 * moves in and out, conversions, settlements by category and rule) are sums of deltas by cause.
 */
export interface CausedDelta extends StatDelta {
  readonly cause: RegistryEventType;
  readonly category: string | null;
  readonly ruleId: string | null;
  readonly otherRegion: string | null;
  /** The day the registry recorded the change (recorded-at, UTC+8): the axis of "what the registry knew". */
  readonly recordedOn: string;
}

const PERSON_TYPES = [
  'BirthRegistered', 'PersonRegistered', 'HukouMigrated', 'RegistrationTypeUnified', 'ResidencePermitIssued', 'ResidencePermitRenewed',
  'ResidencePermitCancelled', 'ActualResidenceRegistered', 'ActualResidenceEnded', 'DeathRegistered', 'RecordCorrected',
] as const;

/** The legal day (China Standard Time, UTC+8) of a recorded-at instant. */
export const recordedDayOf = (recordedAt: string): string => new Date(Date.parse(recordedAt) + 8 * 3_600_000).toISOString().slice(0, 10);

/** The delta with its cause (an object literal: the projector builds one per delta, and spreads that add keys are slow in V8). */
const caused = (d: StatDelta, e: ProjectedEvent, recordedOn: string): CausedDelta => {
  const event = e.event as PersonEvent;
  const { measure, regionCode, sex, birthYear, type, originalType, date, n } = d;
  const move = event.type === 'HukouMigrated' && measure === 'registered' ? event.data : undefined;
  const otherRegion = !move ? null : regionCode === move.from.regionCode ? move.to.regionCode : regionCode === move.to.regionCode ? move.from.regionCode : null;
  return { measure, regionCode, sex, birthYear, type, originalType, date, n, cause: event.type, category: move?.category ?? null, ruleId: move?.ruleId ?? null, otherRegion, recordedOn };
};

/**
 * 人口统计: one timeline row per person (what was true when, on the effective-date axis), and for each
 * event the deltas it made to the statistics cells (region × sex × birth year × current and original
 * registration type, for 户籍人口 and the 常住人口 correction). Population on D = the sum of the deltas
 * effective by D; "what the registry knew on R" also keeps only deltas recorded by R.
 */
export const statisticsView: View<StatTimeline, CausedDelta> = {
  name: 'statistics',
  canHandle: handles(PERSON_TYPES),
  keyOf: (p) => (p.event as PersonEvent).data.citizenId,
  evolve: (row, p) => evolveTimeline(row, p.event as PersonEvent, p.effectiveDate),
  emit: (before, after, p) => {
    const deltas = deltasBetween(before, after);
    if (deltas.length === 0) return [];
    const recordedOn = recordedDayOf(p.recordedAt);
    return deltas.map((d) => caused(d, p, recordedOn));
  },
};

/** 城乡属性调整: a unit's urban-rural class from a date, as a jurisdiction declared it (RegionReclassified). */
export interface ReclassificationRow {
  readonly code: string;
  readonly class: string | null;
  readonly effectiveFrom: string;
  readonly recordedOn: string;
}

/** The reclassifications the statistics apply when they class a region on a date (see `classOn`). */
export const reclassificationsView: View<ReclassificationRow> = {
  name: 'reclassifications',
  canHandle: handles(['RegionReclassified']),
  keyOf: (p) => p.position,
  evolve: (_row, p) => {
    const e = p.event as Extract<JurisdictionEvent, { type: 'RegionReclassified' }>;
    return { code: e.data.region, class: e.data.class ?? null, effectiveFrom: e.data.effectiveFrom, recordedOn: recordedDayOf(p.recordedAt) };
  },
};
