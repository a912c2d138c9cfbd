import { isoDate, regionPrefix } from './common';
import { array, boolean, described, type Infer, integer, literal, object, oneOf, optional, string, taggedUnion } from './schema';

/**
 * 落户政策 as data: the published JSON Schema of a settlement policy's content, which
 * `SettlementPolicyEnacted` and `SettlementPolicyAmended` carry in full (and whose SHA-256 over the
 * canonical JSON is the `contentHash` every decision cites). See libs/domain/src/policy/README.md.
 */

/** 落户类别: the category an applicant applies under and a settlement is recorded under. */
export const settlementCategory = oneOf([
  'general', 'relatives', 'graduate', 'technical-worker', 'talent', 'investor', 'job-transfer', 'collective-relocation',
  'veteran', 'contributor', 'returned-overseas-student', 'rural-student', 'rural-enlistee', 'home-buyer', 'migrant-worker',
] as const, '落户类别');

/** 县级单位类别 read from digits 5-6 of a code: 市辖区, 县, 功能区, 县级市. */
export const countyKind = oneOf(['district', 'county', 'special-zone', 'county-level-city'] as const, '县级单位类别');

const id = (description: string) => string({ maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description, formatHint: 'an id of letters, digits, . _ or - (at most 64)' });
/** A policy's text is text (one line; the character rule of events/characters.ts); clauses and notes may run over lines (LF). */
const words = (maxLength: number, description?: string) => string({ maxLength, ...(description ? { description } : {}) });
const lines = (maxLength: number, description?: string) => string({ maxLength, characters: 'multi-line', ...(description ? { description } : {}) });
const months = integer({ minimum: 0, maximum: 1200 });
const placeholder = optional(described('the number is ours, not the document\'s (left to implementing rules)', literal(true)));
const note = optional(lines(2000));

/** Which divisions a tier covers: a code prefix, optionally narrowed to kinds of county-level unit. */
export const regionSelector = object({ prefix: regionPrefix, countyKinds: optional(array(countyKind, { maxItems: 4 })), name: optional(words(100)) });

/** 积分落户: one indicator of a points scheme. */
const pointsIndicator = object({
  id: id('indicator id'), label: words(200, 'the document\'s words for the indicator'),
  measure: oneOf(['legalStableEmployment', 'legalStableResidence', 'urbanSocialInsuranceYears', 'continuousResidenceYears', 'contribution'] as const),
  pointsPerUnit: integer({ minimum: 0, maximum: 1000 }), maxPoints: optional(integer({ minimum: 0, maximum: 10000 })), placeholder,
});
export const pointsScheme = object({ id: id('scheme id'), name: words(200), indicators: array(pointsIndicator, { maxItems: 30 }) });

/** 落户条件: one requirement of a rule, by kind (each kind has a stable refusal code). */
export const condition = taggedUnion('kind', {
  category: { in: array(settlementCategory, { maxItems: 20 }), placeholder, note },
  legalStableResidence: { includesRental: boolean('含租赁: rented housing counts'), rentalMustBeRegistered: optional(boolean('the lease must be registered with the housing office')), placeholder, note },
  sameAddressResidenceMonths: { min: months, rentedOnly: optional(boolean()), placeholder, note },
  legalStableEmployment: { placeholder, note },
  employmentContractMonths: { min: months, placeholder, note },
  urbanSocialInsuranceMonths: { min: months, placeholder, note },
  continuousResidenceMonths: { min: months, placeholder, note },
  ruralOrigin: { placeholder, note },
  categoryStandard: { standard: lines(500, 'the category\'s own standard, certified by the competent department'), placeholder, note },
  points: { scheme: pointsScheme, min: integer({ minimum: 0, maximum: 100000 }), placeholder, note },
}, '落户条件');

/** The kinds of condition (also what a province's floors may forbid). */
export const conditionKind = oneOf([
  'category', 'legalStableResidence', 'sameAddressResidenceMonths', 'legalStableEmployment', 'employmentContractMonths',
  'urbanSocialInsuranceMonths', 'continuousResidenceMonths', 'ruralOrigin', 'categoryStandard', 'points',
] as const);

/** 随迁: which family members may follow the principal applicant; a child follows when it matches one criterion. */
export const followerRule = object({
  coResidingRequired: boolean('共同居住生活的: followers must live with the applicant'),
  spouse: boolean(), parents: boolean(),
  children: array(object({ minor: optional(boolean()), married: optional(boolean()), hasIncome: optional(boolean()) }), { maxItems: 10 }),
});

export const settlementRule = object({
  id: id('unique within the policy; recorded on HukouMigrated'), category: settlementCategory, conditions: array(condition, { maxItems: 30 }),
  followers: followerRule, clause: lines(2000, 'the document\'s clause, verbatim (…… marks an elision)'), note,
});

export const policyTier = object({ id: id('tier id'), name: words(200), regions: array(regionSelector, { maxItems: 200 }), rules: array(settlementRule, { maxItems: 100 }), note });

/** 底线要求: what a province's document imposes on every city policy inside it. */
export const policyFloors = object({
  insuranceCaps: array(object({ regions: array(regionSelector, { maxItems: 100 }), maxMonths: months, clause: lines(2000) }), { maxItems: 50 }),
  forbiddenConditions: array(object({ kind: conditionKind, clause: lines(2000) }), { maxItems: 20 }),
  residenceMustIncludeRental: optional(object({ clause: lines(2000) })),
});

/** 落户政策: one policy document's full content. */
export const settlementPolicy = object({
  id: id('the policy id (one per document; versions amend it)'),
  version: integer({ minimum: 1, maximum: 999999 }),
  documentNo: words(64, '文号, e.g. 郑政〔2017〕18号'),
  title: words(300), issuer: words(200),
  jurisdiction: described('the issuer\'s region prefix', regionPrefix),
  effectiveDate: described('in force from (inclusive)', isoDate),
  effectiveUntil: optional(described('in force until (exclusive)', isoDate)),
  applicationClause: lines(2000, 'the document\'s words that settlement is by the applicant\'s own will'),
  tiers: array(policyTier, { maxItems: 50 }),
  floors: optional(policyFloors),
  notes: optional(array(lines(2000), { maxItems: 50 })),
}, '落户政策: a settlement policy document as data');

export type SettlementPolicyContent = Infer<typeof settlementPolicy>;
