import { isoDate, regionPrefix, text, urbanRuralClass } from './common';
import { described, type Infer, object, optional, string } from './schema';

/** The events of a jurisdiction's stream (`jurisdiction-<region prefix>`): its policy facts. */

/** 统一城乡户口登记制度: from this date only `resident` is registered in the jurisdiction. */
export const unificationCutoverDeclared = object({
  jurisdiction: regionPrefix,
  effectiveDate: isoDate,
  documentNo: described('文号 of the document that declared it', string({ maxLength: 64 })),
});

/** 落户政策: a settlement policy comes into force, identified by its content hash. */
export const settlementPolicyEnacted = object({
  jurisdiction: regionPrefix,
  policyId: string({ maxLength: 64 }),
  version: string({ maxLength: 16 }),
  documentNo: string({ maxLength: 64 }),
  effectiveDate: isoDate,
  contentHash: string({ pattern: '^[0-9a-f]{64}$', minLength: 64, maxLength: 64 }),
});

/** 城乡属性调整 / 区划调整: a unit's urban-rural class (or name, parent) changes from a date. */
export const regionReclassified = object({
  jurisdiction: regionPrefix,
  region: described('the unit reclassified: a township (9 digits) covers its villages', regionPrefix),
  effectiveFrom: isoDate,
  class: optional(urbanRuralClass),
  name: optional(text(100)),
  parent: optional(regionPrefix),
  reason: text(200),
});

export type UnificationCutoverDeclared = { readonly type: 'UnificationCutoverDeclared'; readonly data: Infer<typeof unificationCutoverDeclared> };
export type SettlementPolicyEnacted = { readonly type: 'SettlementPolicyEnacted'; readonly data: Infer<typeof settlementPolicyEnacted> };
export type RegionReclassified = { readonly type: 'RegionReclassified'; readonly data: Infer<typeof regionReclassified> };

/** Every event of a jurisdiction's stream. */
export type JurisdictionEvent = UnificationCutoverDeclared | SettlementPolicyEnacted | RegionReclassified;
