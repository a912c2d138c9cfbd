import { type HouseholdContext } from '../../../../libs/domain/src/shared/context';
import { type EventStore } from '../../../../libs/event-store/src';
import { type Cutover, cutoverFor, householdContext } from './context';

const MAX_HOUSEHOLDS = 100_000;

/**
 * What commands read from other streams, cached: the 统一城乡户口登记 cut-over in force for a county
 * (jurisdiction streams change rarely) and a household's context (exists, dissolved, region, kind). An
 * entry is dropped when this process appends to its stream (at once) and when the live tail shows that
 * anyone did — the same consistency a read just before the append gives, since no command spans streams.
 */
export class ContextCache {
  private cutovers = new Map<string, Promise<Cutover>>();
  private readonly households = new Map<string, Promise<HouseholdContext>>();

  constructor(private readonly store: EventStore) {}

  cutoverFor(regionCode: string): Promise<Cutover> {
    const county = regionCode.slice(0, 6);
    return this.remember(this.cutovers, county, () => cutoverFor(this.store, county));
  }

  householdContext(householdId: string): Promise<HouseholdContext> {
    if (this.households.size >= MAX_HOUSEHOLDS) this.households.clear();
    return this.remember(this.households, householdId, () => householdContext(this.store, householdId));
  }

  jurisdictionsChanged(): void {
    this.cutovers = new Map();
  }

  householdChanged(householdId: string): void {
    this.households.delete(householdId);
  }

  /** An event of `stream` was appended (seen on the live tail). */
  seen(stream: string): void {
    if (stream.startsWith('jurisdiction-')) this.jurisdictionsChanged();
    else if (stream.startsWith('household-')) this.householdChanged(stream.slice('household-'.length));
  }

  private remember<T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
    let hit = cache.get(key);
    if (!hit) {
      hit = read();
      cache.set(key, hit);
      hit.catch(() => cache.delete(key));
    }
    return hit;
  }
}
