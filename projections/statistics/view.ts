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

const causeOf = (e: ProjectedEvent, d: StatDelta): Omit<CausedDelta, keyof StatDelta> => {
  const event = e.event as PersonEvent;
  const recordedOn = recordedDayOf(e.recordedAt);
  if (event.type !== 'HukouMigrated' || d.measure !== 'registered') return { cause: event.type, category: null, ruleId: null, otherRegion: null, recordedOn };
  const { from, to, category, ruleId } = event.data;
  const otherRegion = d.regionCode === from.regionCode ? to.regionCode : d.regionCode === to.regionCode ? from.regionCode : null;
  return { cause: event.type, category, ruleId, otherRegion, recordedOn };
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
  emit: (before, after, p) => deltasBetween(before, after).map((d) => ({ ...d, ...causeOf(p, d) })),
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
