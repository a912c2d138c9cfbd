import { isoDate, regionPrefix, text, urbanRuralClass } from './common';
import { settlementPolicy } from './policy';
import { described, type Infer, object, optional, string } from './schema';

/** The events of a jurisdiction's stream (`jurisdiction-<region prefix>`): its policy facts. */

/** 统一城乡户口登记制度: from this date only `resident` is registered in the jurisdiction. */
export const unificationCutoverDeclared = object({
  jurisdiction: regionPrefix,
  effectiveDate: isoDate,
  documentNo: described('文号 of the document that declared it', string({ maxLength: 64 })),
});

const contentHash = described('SHA-256 (hex) of the policy content\'s canonical JSON', string({ pattern: '^[0-9a-f]{64}$', minLength: 64, maxLength: 64, formatHint: '64 lower-case hex digits (SHA-256)' }));

/** Schema version 1 of SettlementPolicyEnacted: the reference without the content (upcast on read: see events/README). */
export const settlementPolicyEnactedV1 = object({
  jurisdiction: regionPrefix,
  policyId: string({ maxLength: 64 }),
  version: string({ maxLength: 16 }),
  documentNo: string({ maxLength: 64 }),
  effectiveDate: isoDate,
  contentHash,
});

/**
 * 落户政策施行: a settlement policy comes into force from `effectiveDate`, with its full content (`policy`, per the
 * published policy schema) and the hash of that content. Schema version 2 (version 1 carried no content).
 */
export const settlementPolicyEnacted = object({
  jurisdiction: regionPrefix,
  policyId: string({ maxLength: 64 }),
  version: string({ maxLength: 16 }),
  documentNo: string({ maxLength: 64 }),
  effectiveDate: described('in force from (the content\'s effectiveDate)', isoDate),
  contentHash,
  policy: settlementPolicy,
});

/** 落户政策修订: a new version of an enacted policy replaces the one in force from `effectiveDate`; decisions before it keep the old one. */
export const settlementPolicyAmended = object({
  jurisdiction: regionPrefix,
  policyId: string({ maxLength: 64 }),
  previousVersion: string({ maxLength: 16 }),
  previousContentHash: contentHash,
  version: string({ maxLength: 16 }),
  documentNo: described('文号 of the amending document (the content\'s)', string({ maxLength: 64 })),
  effectiveDate: described('the new version is in force from', isoDate),
  contentHash,
  policy: settlementPolicy,
  reason: text(500),
});

/** 落户政策废止: an enacted policy stops deciding from `effectiveDate` (exclusive of decisions dated on or after it). */
export const settlementPolicyRepealed = object({
  jurisdiction: regionPrefix,
  policyId: string({ maxLength: 64 }),
  version: described('the version in force when repealed', string({ maxLength: 16 })),
  contentHash,
  effectiveDate: described('no longer in force from', isoDate),
  documentNo: described('文号 of the repealing document', string({ maxLength: 64 })),
  reason: text(500),
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
export type SettlementPolicyAmended = { readonly type: 'SettlementPolicyAmended'; readonly data: Infer<typeof settlementPolicyAmended> };
export type SettlementPolicyRepealed = { readonly type: 'SettlementPolicyRepealed'; readonly data: Infer<typeof settlementPolicyRepealed> };
export type RegionReclassified = { readonly type: 'RegionReclassified'; readonly data: Infer<typeof regionReclassified> };

/** Every event of a jurisdiction's stream. */
export type JurisdictionEvent = UnificationCutoverDeclared | SettlementPolicyEnacted | SettlementPolicyAmended | SettlementPolicyRepealed | RegionReclassified;
