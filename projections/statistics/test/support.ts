import { type RegistryEvent } from '../../../events';
import { type ProjectedEvent } from '../../view';
import { parsePosition } from '../../../libs/event-store/src';
import { type DeltaInput, type RecordedReclassification, StatisticsCube } from '../cube';
import { type RecordKeySeed, recordKeyOf, recordKeySeedOf } from '../record-keys';
import { reclassificationsView, statisticsView, type CausedDelta } from '../view';
import { type StatTimeline } from '../timeline';

let position = 0;

/** An event as the projector hands it over, with the effective date and the day it was recorded. */
export const at = (event: RegistryEvent, effectiveDate: string, recordedOn = effectiveDate, stream = 'person-x'): ProjectedEvent => {
  position++;
  return { event, stream, revision: 0, position: String(position), recordedAt: `${recordedOn}T04:00:00.000Z`, effectiveDate };
};

/** The record-key seed of the tests' cubes (the API draws its own from `config.sdcSecret`). */
export const TEST_SEED: RecordKeySeed = recordKeySeedOf('Hb6Kd1Nx9Qm3Vr7Lt5Zp2Wc8Jf4Gs0YeAuTiOkPqRs');

/** A delta as the projector writes it: its row key (event position, place among the event's deltas) and the event's index. */
interface FoldedDelta {
  readonly delta: Omit<DeltaInput, 'key'>;
  readonly commit: number;
  readonly prepare: number;
  readonly seq: number;
  readonly event: number;
}

/** The statistics deltas of a history, unkeyed, and its reclassifications: fold once, key with as many secrets as a test needs. */
export interface Folded {
  readonly events: number;
  readonly deltas: readonly FoldedDelta[];
  readonly reclassifications: readonly RecordedReclassification[];
}

/** Folds events through the statistics views, the way the projector does. */
export const foldEvents = (events: readonly ProjectedEvent[]): Folded => {
  const rows = new Map<string, StatTimeline | null>();
  const deltas: FoldedDelta[] = [];
  const reclassifications: RecordedReclassification[] = [];
  for (const [index, e] of events.entries()) {
    if (reclassificationsView.canHandle(e.event.type)) {
      const r = reclassificationsView.evolve(null, e)!;
      if (r.class !== null) reclassifications.push({ code: r.code, class: r.class as never, effectiveFrom: r.effectiveFrom, recordedOn: r.recordedOn });
    }
    if (!statisticsView.canHandle(e.event.type)) continue;
    const key = statisticsView.keyOf(e);
    const before = rows.get(key) ?? null;
    const after = statisticsView.evolve(before, e);
    rows.set(key, after);
    const position = parsePosition(e.position)!;
    (statisticsView.emit!(before, after, e) as CausedDelta[]).forEach((d, seq) => deltas.push({
      delta: { ...d, regType: d.type, origType: d.originalType, effDate: d.date, recDate: d.recordedOn }, commit: Number(position.commit), prepare: Number(position.prepare), seq, event: index,
    }));
  }
  return { events: events.length, deltas, reclassifications };
};

/**
 * The cube the loader would build from the folded deltas: each keyed by its row key under `seed`, the rows of
 * events before `regroupAfter` grouped, the rest left in the tail (regrouped empty at 0: a registry starting from nothing).
 */
export const cubeFrom = (folded: Folded, seed = TEST_SEED, regroupAfter = folded.events): StatisticsCube => {
  const cube = new StatisticsCube();
  let grouped = false;
  for (const { delta, commit, prepare, seq, event } of folded.deltas) {
    if (!grouped && event >= regroupAfter) {
      cube.regroup();
      grouped = true;
    }
    cube.add({ ...delta, key: recordKeyOf(seed, commit, prepare, seq) });
  }
  cube.reclassifications = folded.reclassifications;
  if (!grouped) cube.regroup();
  return cube;
};

/** Folds events through the statistics views into a cube, the way the projector and the loader together do. */
export const cubeOf = (events: readonly ProjectedEvent[], regroupAfter = events.length, seed = TEST_SEED): StatisticsCube => cubeFrom(foldEvents(events), seed, regroupAfter);
