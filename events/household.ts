import { citizenId, householdId, householdKind, recordedText, regionCode, text } from './common';
import { described, type Infer, nullable, object, oneOf, optional } from './schema';

/**
 * The events of a household's stream (`household-<householdId>`): household-level facts only.
 * Membership is derived from person events (birth, registration, migration, death).
 */

/** 立户: a household is established at an address in a region. */
export const householdEstablished = object({
  householdId,
  kind: householdKind,
  regionCode: described('the village- or community-level unit of the address', regionCode),
  address: text(200, '住址'),
  head: optional(described('户主; absent for a collective household without a head yet', citizenId)),
});

/** 变更户主 */
export const householdHeadChanged = object({
  householdId,
  previousHead: nullable(citizenId),
  newHead: citizenId,
  reason: oneOf(['death-of-head', 'moved-out', 'family-decision', 'correction'] as const),
});

/** 住址变动: the household moves inside the registry (its members' region follows). */
export const householdAddressChanged = object({ householdId, previousAddress: recordedText(200, 'the address recorded before (a copy, not judged again)'), address: text(200), previousRegionCode: regionCode, regionCode });

/** 销户: the household is dissolved; it must have no members left. */
export const householdDissolved = object({ householdId, reason: oneOf(['no-members', 'merged', 'correction'] as const) });

export type HouseholdEstablished = { readonly type: 'HouseholdEstablished'; readonly data: Infer<typeof householdEstablished> };
export type HouseholdHeadChanged = { readonly type: 'HouseholdHeadChanged'; readonly data: Infer<typeof householdHeadChanged> };
export type HouseholdAddressChanged = { readonly type: 'HouseholdAddressChanged'; readonly data: Infer<typeof householdAddressChanged> };
export type HouseholdDissolved = { readonly type: 'HouseholdDissolved'; readonly data: Infer<typeof householdDissolved> };

/** Every event of a household's stream. */
export type HouseholdEvent = HouseholdEstablished | HouseholdHeadChanged | HouseholdAddressChanged | HouseholdDissolved;
