import { type JurisdictionEvent, jurisdictionStream } from '../../../events';
import { type BindingFloors, jurisdictionDecider, type JurisdictionState, policyWindowsOf } from '../../domain/src/jurisdiction/jurisdiction';
import { type SettlementPolicy } from '../../domain/src/policy/model';
import { type PolicyWindow, windowInForce } from '../../domain/src/policy/select';
import { fold } from '../../domain/src/shared/decider';
import { type EventStore, type StoredEvent } from '../../event-store/src';
import { regionCatalog, regionPrefixOf } from '../../domain/src/regions';
import { type Timeline } from '../../domain/src/shared/time';
import { decodeStored, timelineOf } from './command-loop';

/** A jurisdiction's stream folded by its decider (policies with their content, the cut-over). */
export const jurisdictionStateOf = (stored: readonly StoredEvent[]): JurisdictionState => fold(jurisdictionDecider, stored.map((e) => decodeStored<JurisdictionEvent>(e)));

/** 辖区层级: the province, prefecture and county prefixes of a code (policies and cut-overs are recorded at these levels). */
export const jurisdictionPrefixesOf = (code: string): string[] => [2, 4, 6].filter((n) => code.length >= n).map((n) => code.slice(0, n));

/** The jurisdictions above and at a region (province, prefecture, county), each with its folded stream, the province first. */
export interface RegionJurisdictions {
  readonly states: readonly { readonly prefix: string; readonly state: JurisdictionState }[];
}

/** One read of the jurisdiction streams that bear on a region: what its cut-over and its policy windows come from. */
export const regionJurisdictions = async (store: EventStore, regionCode: string): Promise<RegionJurisdictions> => ({
  states: await Promise.all(jurisdictionPrefixesOf(regionCode).map(async (prefix) => ({ prefix, state: jurisdictionStateOf(await store.readStream(jurisdictionStream(prefix))) }))),
});

/** Every policy window recorded by the jurisdictions above and at a region. */
export const policyWindowsIn = (r: RegionJurisdictions): PolicyWindow[] => r.states.flatMap((s) => policyWindowsOf(s.state));

export const policyWindowsFor = async (store: EventStore, regionCode: string): Promise<PolicyWindow[]> => policyWindowsIn(await regionJurisdictions(store, regionCode));

/**
 * 上级文件的底线: the floors of every superior document in force on the policy's own date — those recorded by the
 * jurisdictions strictly above the policy's (Henan's over Zhengzhou's) — with the reference each is cited by.
 */
export const superiorFloorsFor = async (store: EventStore, policy: Pick<SettlementPolicy, 'jurisdiction' | 'effectiveDate'>): Promise<BindingFloors[]> => {
  const above = jurisdictionPrefixesOf(policy.jurisdiction).filter((p) => p.length < policy.jurisdiction.length);
  const windows = (await Promise.all(above.map(async (prefix) => policyWindowsOf(jurisdictionStateOf(await store.readStream(jurisdictionStream(prefix))))))).flat();
  return windows.filter((w) => w.policy.floors && windowInForce(w, policy.effectiveDate)).map((w) => ({ from: w.ref, floors: w.policy.floors! }));
};

/** Every province, prefecture and county of the registry's catalogue (the jurisdictions that may record policies and cut-overs). */
export const catalogueJurisdictions = (): string[] => {
  const catalog = regionCatalog();
  const found = new Set<string>();
  const walk = (code: string): void => {
    const region = catalog.get(code);
    if (!region || !['province', 'prefecture', 'county'].includes(region.level)) return;
    found.add(regionPrefixOf(region.code));
    for (const child of catalog.children(region.code)) walk(child.code);
  };
  for (const root of catalog.jurisdictions) {
    for (const above of catalog.ancestors(root)) found.add(regionPrefixOf(above.code));
    walk(root);
  }
  return [...found].sort();
};

/** 辖区册: one jurisdiction's stream as read — its folded state and its facts (revision, effective date). */
export interface JurisdictionRecord {
  readonly prefix: string;
  readonly state: JurisdictionState;
  readonly timeline: Timeline;
}

/** Every jurisdiction stream of the catalogue's jurisdictions that holds anything, read afresh. */
export const readJurisdictions = async (store: EventStore): Promise<JurisdictionRecord[]> => {
  const records = await Promise.all(catalogueJurisdictions().map(async (prefix) => {
    const stored = await store.readStream(jurisdictionStream(prefix));
    return stored.length === 0 ? undefined : { prefix, state: jurisdictionStateOf(stored), timeline: timelineOf(stored) };
  }));
  return records.filter((r): r is JurisdictionRecord => r !== undefined);
};

/** 统一城乡户口登记 cut-over in force for a region: the most specific jurisdiction (county, city, province) that declared one. */
export interface Cutover {
  readonly cutoverDate?: string;
  readonly prefix?: string;
  readonly documentNo?: string;
}

/** The cut-over of the most specific jurisdiction that declared one. */
export const cutoverIn = (r: RegionJurisdictions): Cutover => {
  const declared = r.states.findLast((s) => s.state.cutover);
  return declared?.state.cutover ? { cutoverDate: declared.state.cutover.effectiveDate, prefix: declared.prefix, documentNo: declared.state.cutover.documentNo } : {};
};

export const cutoverFor = async (store: EventStore, regionCode: string): Promise<Cutover> => cutoverIn(await regionJurisdictions(store, regionCode));
