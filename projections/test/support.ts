import { type RegistryEvent } from '../../events';
import { generateCity, type SyntheticRecord } from '../../libs/domain/src/synthetic';
import { type ProjectedEvent, type View } from '../view';

let position = 0;

/** Wraps an event as the projector would hand it over (position and recorded-at made up, in order). */
export const projected = (event: RegistryEvent, effectiveDate = '2026-01-01', revision = 0): ProjectedEvent => {
  position++;
  return { event, stream: 'x', revision, position: String(position), recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, position)).toISOString(), effectiveDate };
};

export const fromRecord = (r: SyntheticRecord, i: number): ProjectedEvent => ({
  event: { type: r.type, data: r.data } as RegistryEvent, stream: r.stream, revision: r.revision, position: String(i + 1),
  recordedAt: '2026-11-23T00:00:00.000Z', effectiveDate: r.metadata.effectiveDate,
});

/** Folds events into a view held in a Map, the way the projector does it row by row. */
export const project = <Row, Out = unknown>(view: View<Row, Out>, events: readonly ProjectedEvent[], rows = new Map<string, Row>()): Map<string, Row> => {
  for (const e of events) {
    if (!view.canHandle(e.event.type)) continue;
    const key = view.keyOf(e);
    const next = view.evolve(rows.get(key) ?? null, e);
    if (next === null) rows.delete(key);
    else rows.set(key, next);
  }
  return rows;
};

export const cityEvents = (persons: number, seed: number): ProjectedEvent[] => {
  const out: ProjectedEvent[] = [];
  const g = generateCity({ persons, seed });
  for (let step = g.next(); !step.done; step = g.next()) for (const r of step.value) out.push(fromRecord(r, out.length));
  return out;
};
