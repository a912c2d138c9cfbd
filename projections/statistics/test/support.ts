import { type RegistryEvent } from '../../../events';
import { type ProjectedEvent } from '../../view';
import { StatisticsCube } from '../cube';
import { reclassificationsView, statisticsView, type CausedDelta } from '../view';
import { type StatTimeline } from '../timeline';

let position = 0;

/** An event as the projector hands it over, with the effective date and the day it was recorded. */
export const at = (event: RegistryEvent, effectiveDate: string, recordedOn = effectiveDate, stream = 'person-x'): ProjectedEvent => {
  position++;
  return { event, stream, revision: 0, position: String(position), recordedAt: `${recordedOn}T04:00:00.000Z`, effectiveDate };
};

/** Folds events through the statistics views into a cube, the way the projector and the loader together do. */
export const cubeOf = (events: readonly ProjectedEvent[], regroupAfter = events.length): StatisticsCube => {
  const cube = new StatisticsCube();
  const rows = new Map<string, StatTimeline | null>();
  const reclassifications = [];
  for (const [index, e] of events.entries()) {
    if (index === regroupAfter) cube.regroup(); // the rest stays in the tail (regrouped empty at 0: a registry starting from nothing)
    if (reclassificationsView.canHandle(e.event.type)) {
      const r = reclassificationsView.evolve(null, e)!;
      if (r.class !== null) reclassifications.push({ code: r.code, class: r.class as never, effectiveFrom: r.effectiveFrom, recordedOn: r.recordedOn });
    }
    if (!statisticsView.canHandle(e.event.type)) continue;
    const key = statisticsView.keyOf(e);
    const before = rows.get(key) ?? null;
    const after = statisticsView.evolve(before, e);
    rows.set(key, after);
    for (const d of statisticsView.emit!(before, after, e) as CausedDelta[])
      cube.add({ ...d, regType: d.type, origType: d.originalType, effDate: d.date, recDate: d.recordedOn });
  }
  cube.reclassifications = reclassifications;
  if (regroupAfter >= events.length) cube.regroup();
  return cube;
};
