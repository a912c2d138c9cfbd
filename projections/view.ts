import { type RegistryEvent, type RegistryEventType } from '../events';

/** An event as a view sees it: the payload, and where and when it was recorded and took effect. */
export interface ProjectedEvent<E extends RegistryEvent = RegistryEvent> {
  readonly event: E;
  readonly stream: string;
  readonly revision: number;
  /** `$all` position, as `formatPosition` prints it: the projector's checkpoint. */
  readonly position: string;
  /** When the registry learnt it (system time, ISO 8601). */
  readonly recordedAt: string;
  /** The legal date of the fact (metadata). */
  readonly effectiveDate: string;
}

/**
 * A read model (投影): a pure `evolve` over rows keyed by `keyOf` (STYLE.md §8). The projector loads the
 * row, evolves it, and saves it (or deletes it on `null`) with its checkpoint in one transaction.
 */
export interface View<Row, Out = never> {
  readonly name: string;
  readonly canHandle: (type: RegistryEventType) => boolean;
  /** The key of the row the event changes. */
  readonly keyOf: (e: ProjectedEvent) => string;
  readonly evolve: (row: Row | null, e: ProjectedEvent) => Row | null;
  /**
   * Append-only records the event adds besides its row (statistics deltas, audit entries), derived from
   * the row before and after it. The projector stores them keyed by the event's position and their index,
   * in the same transaction as the row and the checkpoint.
   */
  readonly emit?: (before: Row | null, after: Row | null, e: ProjectedEvent) => readonly Out[];
}

export const handles = (types: readonly RegistryEventType[]) => {
  const set = new Set<RegistryEventType>(types);
  return (type: RegistryEventType): boolean => set.has(type);
};
