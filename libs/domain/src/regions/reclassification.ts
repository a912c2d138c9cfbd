import { type RegionCatalog, regionCatalog } from './catalog';
import { isWithin, regionPrefixOf } from './codes';
import { type UrbanRuralClass } from './types';

/**
 * 城乡属性调整 (区划调整): from `effectiveFrom`, the unit `code` — and every 村级 unit within it — has the
 * 城乡分类代码 `class`. `code` is a prefix or code at any level (`410105001` is a township and covers its
 * villages). Entries without a class (a rename or a move) do not change the class and are ignored, so a
 * RegionReclassified event's data maps on directly: `{ code: e.region, class: e.class, effectiveFrom: e.effectiveFrom }`.
 */
export interface Reclassification {
  readonly code: string;
  readonly class?: UrbanRuralClass | undefined;
  /** YYYY-MM-DD, the first day the class is in force. */
  readonly effectiveFrom: string;
}

const ISO_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

const assertDate = (date: string, what: string): void => {
  if (!ISO_DATE.test(date)) throw new RangeError(`${what} "${date}" is not a YYYY-MM-DD date`);
};

/**
 * The reclassification in force for `code` on `date`, if any. Among those that cover the unit (its own,
 * its township's, county's, prefecture's or province's) and have started by `date`:
 * 1. the latest `effectiveFrom` wins — a later county-wide reclassification overrides an earlier
 *    village-level one, as a later decision about the whole area does;
 * 2. on the same date, the more specific unit wins — so an exception issued together with an area-wide
 *    reclassification holds (county → 111 and, the same day, one village → 220);
 * 3. then the later entry in the list (the event order).
 */
export const reclassificationInForce = (
  code: string,
  date: string,
  reclassifications: readonly Reclassification[],
): Reclassification | undefined => {
  assertDate(date, 'date');
  let best: Reclassification | undefined;
  let bestDepth = -1;
  for (const r of reclassifications) {
    assertDate(r.effectiveFrom, `reclassification of ${r.code}: effectiveFrom`);
    if (r.class === undefined || r.effectiveFrom > date || !isWithin(code, r.code)) continue;
    const depth = regionPrefixOf(r.code).length;
    if (best === undefined || r.effectiveFrom > best.effectiveFrom || (r.effectiveFrom === best.effectiveFrom && depth >= bestDepth)) {
      best = r;
      bestDepth = depth;
    }
  }
  return best;
};

/**
 * The 城乡分类代码 of a 村级 unit in force on `date` (YYYY-MM-DD): the class of the reclassification in force
 * (see `reclassificationInForce`), else the class derived from the names. Undefined when `code` is not a
 * village-level unit of the catalogue. Pure: the reclassifications come from the jurisdiction's events.
 */
export const classOn = (
  code: string,
  date: string,
  reclassifications: readonly Reclassification[],
  catalog: RegionCatalog = regionCatalog(),
): UrbanRuralClass | undefined => {
  assertDate(date, 'date');
  const derived = catalog.derivedClassOf(code);
  if (derived === undefined) return undefined;
  return reclassificationInForce(code, date, reclassifications)?.class ?? derived;
};
