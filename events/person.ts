import {
  citizenId, householdId, isoDate, multilineText, policyRef, recordedText, regionCode, regionPrefix, registrationType, relationToHead, sex, text,
} from './common';
import { array, boolean, described, type Infer, integer, literal, nullable, object, oneOf, optional, string } from './schema';

/** The events of a person's stream (`person-<citizenId>`): one person's legal life. */

/** 出生登记: a newborn registered into a household. No birth permit or fee receipt is ever required. */
export const birthRegistered = object({
  citizenId,
  name: text(50, '姓名'),
  sex,
  dateOfBirth: isoDate,
  placeOfBirth: described('出生地: where the birth happened', regionCode),
  parents: optional(object({ fatherId: optional(citizenId), motherId: optional(citizenId) })),
  householdId,
  relationToHead,
  regionCode: described('登记地: the region of the household the person is registered in', regionCode),
  registrationType: described('resident after the jurisdiction\'s cut-over; a historical type only for imported records', registrationType),
});

/** 户口登记 of a person without hukou (无户口人员), or an import of a historical record. */
export const personRegistered = object({
  citizenId,
  name: text(50, '姓名'),
  sex,
  dateOfBirth: isoDate,
  householdId,
  relationToHead,
  regionCode,
  registrationType,
  reason: oneOf(['no-hukou', 'historical-import', 'returned-from-abroad', 'other'] as const, '登记原因'),
  note: optional(multilineText(500)),
});

/** Where a person's hukou is: a household and its region. */
const placement = object({ householdId, regionCode });

/** 户口迁移: the hukou moves from one household to another, admitted by the destination's policy in force. */
export const hukouMigrated = object({
  citizenId,
  from: placement,
  to: placement,
  relationToHead,
  category: described('落户类别: the settlement category the move was admitted under', string({ maxLength: 64 })),
  policy: described('the settlement policy that admitted it; null for moves inside one county that need no admission', nullable(policyRef)),
  ruleId: nullable(string({ maxLength: 64 })),
  applicationRef: text(64, 'the settlement application'),
  ownApplication: described('the applicant (or the principal applicant) applied: no 被落户', literal('yes')),
  consentRef: described('the record of that application or consent (本人申请)', text(64)),
  principalApplicant: optional(described('随迁: set when the person follows a principal applicant', citizenId)),
});

/** A settlement application that the destination's policy refused, with every unmet condition. */
export const settlementRefused = object({
  citizenId,
  applicationRef: text(64),
  destination: object({ householdId: optional(householdId), regionCode }),
  category: string({ maxLength: 64 }),
  policy: nullable(policyRef),
  code: string({ maxLength: 64, description: 'e.g. SETTLEMENT.CONDITIONS_UNMET, SETTLEMENT.NO_POLICY' }),
  unmet: array(object({
    ruleId: optional(string({ maxLength: 64 })),
    condition: string({ maxLength: 64 }),
    required: optional(text(200)),
    actual: optional(text(200)),
    clause: optional(multilineText(500, 'the rule\'s clause, quoted from the policy')),
    placeholder: optional(boolean('the requirement is a placeholder: the document left the number to implementing rules')),
  }), { maxItems: 50 }),
});

/** One family member of a family settlement decision (随迁): whether they follow, why, and on which facts. */
const familyMember = object({
  citizenId,
  relation: oneOf(['spouse', 'child', 'parent'] as const, 'relation to the principal applicant'),
  follows: boolean('admitted to follow under the destination document\'s follower rule'),
  reason: optional(described('why not: SETTLEMENT.FOLLOWER_*', string({ maxLength: 64 }))),
  detail: optional(text(500, 'why, in words: what the clause admits and what the member is')),
  facts: object({
    age: described('whole years on the application date, from the registry\'s own date of birth', integer({ minimum: 0, maximum: 150 })),
    minor: described('未成年: derived from the registry\'s date of birth, never declared', boolean()),
    married: optional(boolean('declared')),
    hasIncome: optional(boolean('declared: 有生活来源')),
    coResiding: boolean('declared: 共同居住生活'),
  }),
  evidence: array(text(200), { maxItems: 20, description: 'references of the evidence for the declared facts' }),
  consentRef: optional(text(64, 'the member\'s consent (a minor\'s: the guardian\'s); absent: not consenting')),
  from: placement,
  relationToHead: described('与户主关系 in the destination household', relationToHead),
});

/**
 * 随迁决定: the decision on a family settlement, recorded on the principal applicant's stream with their own move:
 * which members follow under the destination document's follower rule (the admitting rule's clause), which do
 * not and why. The admitted members' moves follow on their own streams, each citing this application.
 */
export const familySettlementDecided = object({
  citizenId: described('the principal applicant', citizenId),
  applicationRef: text(64),
  destination: placement,
  policy: policyRef,
  ruleId: string({ maxLength: 64 }),
  category: string({ maxLength: 64 }),
  clause: multilineText(2000, 'the admitting rule\'s clause (its follower formula)'),
  members: array(familyMember, { maxItems: 20 }),
});

/** 随迁完成: what became of each member of a family decision — moved (the revision of their HukouMigrated), or not and why. */
export const familySettlementCompleted = object({
  citizenId: described('the principal applicant', citizenId),
  applicationRef: text(64),
  members: array(object({
    citizenId,
    outcome: oneOf(['moved', 'not-moved', 'does-not-follow'] as const),
    code: optional(string({ maxLength: 64, description: 'why not moved: the refusal\'s code (PERSON.DECEASED, FAMILY.MOVED_MEANWHILE, TIME.ORDER …)' })),
    message: optional(text(500)),
    revision: optional(described('the member\'s stream revision of their HukouMigrated', integer({ minimum: 0 }))),
  }), { maxItems: 20 }),
});

/** 统一登记为居民户口: the person's agricultural / non-agricultural (or derived) type becomes resident. */
export const registrationTypeUnified = object({
  citizenId,
  previousType: registrationType,
  newType: literal('resident'),
  cutover: object({ jurisdiction: regionPrefix, effectiveDate: isoDate, documentNo: string({ maxLength: 64 }) }),
});

/** 居住证: a permit for someone living 6+ months away from the place of registration. */
export const residencePermitIssued = object({
  citizenId,
  permitNo: text(40, '居住证号'),
  residenceRegionCode: regionCode,
  validFrom: isoDate,
  validUntil: isoDate,
  basis: oneOf(['stable-employment', 'stable-residence', 'continuous-study'] as const, '申领条件'),
});

export const residencePermitRenewed = object({ citizenId, permitNo: text(40), validUntil: isoDate });

export const residencePermitCancelled = object({ citizenId, permitNo: text(40), reason: text(200) });

/** 实际居住登记: a local living elsewhere in the county registers where they actually live. */
export const actualResidenceRegistered = object({ citizenId, regionCode, since: isoDate, address: optional(text(200)) });

export const actualResidenceEnded = object({ citizenId, regionCode, until: isoDate });

/**
 * 准予迁出: the office where the person is registered releases them to settle in another region (the origin's half
 * of a move between offices). Another office's settlement decision may then move them — into `to` only, with
 * the same consent reference, until `validUntil`. A move clears it.
 */
export const migrationReleased = object({
  citizenId,
  releaseRef: text(64, '迁出证明编号'),
  to: described('迁往: the region (prefix) the person may settle in', regionPrefix),
  consentRef: text(64, '本人申请: the reference of the applicant\'s own request, taken by the releasing office'),
  releasedOn: described('the first day a move may use it (the release\'s effective date)', isoDate),
  validUntil: described('its last day: no move after it, and none decided after it', isoDate),
});

/** 死亡注销: a death deregisters the person (户口注销). */
export const deathRegistered = object({
  citizenId,
  dateOfDeath: isoDate,
  placeOfDeath: regionCode,
  deathCertificateRef: text(64, '死亡医学证明编号'),
});

/** 户口项目变更更正: a recorded field is corrected; history keeps the previous value. */
export const recordCorrected = object({
  citizenId,
  field: oneOf(['name', 'sex', 'dateOfBirth', 'placeOfBirth', 'relationToHead', 'registrationType', 'dateOfDeath'] as const),
  previous: recordedText(200, 'the value recorded before (empty when nothing was); copied from the record, not judged again', 0),
  corrected: string({ maxLength: 200 }),
  reason: text(500),
  evidence: array(text(200), { maxItems: 20 }),
  revokesDeath: optional(boolean('the correction withdraws a death registered in error')),
});

export type BirthRegistered = { readonly type: 'BirthRegistered'; readonly data: Infer<typeof birthRegistered> };
export type PersonRegistered = { readonly type: 'PersonRegistered'; readonly data: Infer<typeof personRegistered> };
export type HukouMigrated = { readonly type: 'HukouMigrated'; readonly data: Infer<typeof hukouMigrated> };
export type SettlementRefused = { readonly type: 'SettlementRefused'; readonly data: Infer<typeof settlementRefused> };
export type FamilySettlementDecided = { readonly type: 'FamilySettlementDecided'; readonly data: Infer<typeof familySettlementDecided> };
export type FamilySettlementCompleted = { readonly type: 'FamilySettlementCompleted'; readonly data: Infer<typeof familySettlementCompleted> };
export type RegistrationTypeUnified = { readonly type: 'RegistrationTypeUnified'; readonly data: Infer<typeof registrationTypeUnified> };
export type ResidencePermitIssued = { readonly type: 'ResidencePermitIssued'; readonly data: Infer<typeof residencePermitIssued> };
export type ResidencePermitRenewed = { readonly type: 'ResidencePermitRenewed'; readonly data: Infer<typeof residencePermitRenewed> };
export type ResidencePermitCancelled = { readonly type: 'ResidencePermitCancelled'; readonly data: Infer<typeof residencePermitCancelled> };
export type ActualResidenceRegistered = { readonly type: 'ActualResidenceRegistered'; readonly data: Infer<typeof actualResidenceRegistered> };
export type ActualResidenceEnded = { readonly type: 'ActualResidenceEnded'; readonly data: Infer<typeof actualResidenceEnded> };
export type MigrationReleased = { readonly type: 'MigrationReleased'; readonly data: Infer<typeof migrationReleased> };
export type DeathRegistered = { readonly type: 'DeathRegistered'; readonly data: Infer<typeof deathRegistered> };
export type RecordCorrected = { readonly type: 'RecordCorrected'; readonly data: Infer<typeof recordCorrected> };

/** Every event of a person's stream. */
export type PersonEvent =
  | BirthRegistered | PersonRegistered | HukouMigrated | SettlementRefused | FamilySettlementDecided | FamilySettlementCompleted | RegistrationTypeUnified
  | ResidencePermitIssued | ResidencePermitRenewed | ResidencePermitCancelled
  | ActualResidenceRegistered | ActualResidenceEnded | MigrationReleased | DeathRegistered | RecordCorrected;
