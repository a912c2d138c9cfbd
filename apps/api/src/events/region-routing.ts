import { regionsNamedBy } from '../../../../events';
import { parseStream } from '../../../../events/streams';

/** What routing reads of an event: where it is in its stream, and its payload in the current shape. */
export interface Routable {
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The registration region of a stream as of a revision (its history folded up to there), if it had one yet. */
export type RegionAt = (stream: string, revision: number) => string | undefined;

/** The regions an event names itself: those of `regionsNamedBy`, and the region an address change leaves. */
export const namedRegions = (e: Routable): string[] => {
  const named = regionsNamedBy(e.data);
  if (typeof e.data.previousRegionCode === 'string') named.push(e.data.previousRegionCode);
  return named;
};

/** A person or household event naming no region: routed by its stream's region as of the event. */
export const needsHistory = (e: Routable): boolean => {
  const category = parseStream(e.stream)?.category;
  return (category === 'person' || category === 'household') && namedRegions(e).length === 0;
};

/**
 * 按区域投递: the regions an event is delivered under, fixed by the log up to the event's position (never by
 * the views, which move on): a jurisdiction's events under its prefix; a person's or household's events under
 * the regions they name (a move under both ends, an address change under its old and new region), else under
 * the stream's registration region as of the event. A replay of a range therefore always gives the same events.
 */
export const regionsOf = (e: Routable, regionAt: RegionAt): string[] => {
  const stream = parseStream(e.stream);
  if (stream?.category === 'jurisdiction') return [stream.id];
  const named = namedRegions(e);
  if (named.length > 0 || !needsHistory(e)) return named;
  const region = regionAt(e.stream, e.revision);
  return region === undefined ? [] : [region];
};

/** Does a region code (or a jurisdiction's prefix covering the filter) fall under the filter's prefix? */
export const underPrefix = (prefix: string) => (code: string): boolean => code.startsWith(prefix) || (code.length < 12 && prefix.startsWith(code));

/** The registration region an event sets for its stream (a birth, a registration, a move's destination, a household's address), if any. */
export const regionSetBy = (type: string, data: Readonly<Record<string, unknown>>): string | undefined => {
  switch (type) {
    case 'BirthRegistered':
    case 'PersonRegistered':
    case 'HouseholdEstablished':
    case 'HouseholdAddressChanged':
      return typeof data.regionCode === 'string' ? data.regionCode : undefined;
    case 'HukouMigrated': {
      const to = (data.to as { regionCode?: unknown } | undefined)?.regionCode;
      return typeof to === 'string' ? to : undefined;
    }
    default:
      return undefined;
  }
};
