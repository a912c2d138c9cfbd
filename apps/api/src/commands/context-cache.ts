import { type HouseholdContext } from '../../../../libs/domain/src/shared/context';
import { type EventStore } from '../../../../libs/event-store/src';
import { type PolicyWindow } from '../../../../libs/domain/src/policy/select';
import {
  type Cutover, cutoverIn, type JurisdictionRecord, policyWindowsIn, readJurisdictions, regionJurisdictions, type RegionJurisdictions,
} from '../../../../libs/registry/src/jurisdictions';
import { householdContext } from './context';

const MAX_HOUSEHOLDS = 100_000;

/**
 * What commands read from other streams, cached: the 统一城乡户口登记 cut-over in force for a county
 * (jurisdiction streams change rarely) and a household's context (exists, dissolved, region, kind). An
 * entry is dropped when this process appends to its stream (at once) and when the live tail shows that
 * anyone did — the same consistency a read just before the append gives, since no command spans streams.
 */
export class ContextCache {
  private jurisdictionsOf = new Map<string, Promise<RegionJurisdictions>>();
  private book: Promise<JurisdictionRecord[]> | undefined;
  private readonly households = new Map<string, Promise<HouseholdContext>>();

  constructor(private readonly store: EventStore) {}

  /** A county's province, prefecture and county streams, read once for both its cut-over and its policy windows. */
  private region(regionCode: string): Promise<RegionJurisdictions> {
    const county = regionCode.slice(0, 6);
    return this.remember(this.jurisdictionsOf, county, () => regionJurisdictions(this.store, county));
  }

  async cutoverFor(regionCode: string): Promise<Cutover> {
    return cutoverIn(await this.region(regionCode));
  }

  /** The policy windows recorded by a region's province, prefecture and county (what decides a settlement there). */
  async policyWindows(regionCode: string): Promise<PolicyWindow[]> {
    return policyWindowsIn(await this.region(regionCode));
  }

  /** Every jurisdiction's stream (policies with their versions, cut-overs): what GET /policies shows. */
  jurisdictions(): Promise<JurisdictionRecord[]> {
    if (!this.book) {
      const read = readJurisdictions(this.store);
      this.book = read;
      read.catch(() => { if (this.book === read) this.book = undefined; });
    }
    return this.book;
  }

  householdContext(householdId: string): Promise<HouseholdContext> {
    if (this.households.size >= MAX_HOUSEHOLDS) this.households.clear();
    return this.remember(this.households, householdId, () => householdContext(this.store, householdId));
  }

  jurisdictionsChanged(): void {
    this.jurisdictionsOf = new Map();
    this.book = undefined;
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
