import {
  householdId, householdKind, isoDate, regionCode, regionPrefix, registrationType, relationToHead, sex, text, urbanRuralClass,
} from '../../../../events/common';
import { array, boolean, described, integer, object, oneOf, optional, type Schema, string } from '../../../../events/schema';
import { settlementPolicy } from '../../../../events/policy';
import { regionCatalog, validateRegionCode } from '../../../../libs/domain/src/regions';
import { addressCodeProblems } from '../../../../libs/domain/src/citizen-id';
import { SETTLEMENT_CATEGORIES } from '../../../../libs/domain/src/policy/categories';
import { knownRegionPrefix, pastDate, validCitizenId } from '../http/citizen-id';

const citizenId = validCitizenId();

/**
 * The bodies of the command routes: checked before any handler runs (every problem listed), published in
 * the OpenAPI document. The legal date of a fact defaults to today (China Standard Time) and may be
 * earlier (补录, late registration), never later.
 */
/** A 12-digit code of a unit the registry knows (REGION.UNKNOWN otherwise), of the level given. */
const knownRegion = (description: string, level?: 'village'): Schema<string> => ({
  json: { ...regionCode.json, description }, optional: false,
  check: (v, path) => {
    const format = regionCode.check(v, path);
    if (format.length > 0) return format;
    return validateRegionCode(v, level ? { level } : {}).map((p) => ({ code: p.code, path, message: p.message }));
  },
});
const village = knownRegion('a village-level unit (12 digits) the registry knows', 'village');

/**
 * A place anywhere in China (a birth or a death may happen outside the registry's jurisdictions): a 12-digit code
 * whose first six digits are a county of GB/T 2260 — and, inside a prefecture the registry covers, a unit it knows.
 */
const placeInChina = (description: string): Schema<string> => ({
  json: { ...regionCode.json, description }, optional: false,
  check: (v, path) => {
    const format = regionCode.check(v, path);
    if (format.length > 0) return format;
    const code = v as string;
    const county = addressCodeProblems(code.slice(0, 6));
    if (county.length > 0) return [{ code: 'REGION.UNKNOWN', path, message: `${code} is no place in China: ${county[0]!.message}` }];
    return regionCatalog().has(code.slice(0, 4).padEnd(12, '0')) ? validateRegionCode(code).map((p) => ({ code: p.code, path, message: p.message })) : [];
  },
});

const effectiveDate = optional(pastDate('the legal date of the fact (default: today, UTC+8); may be earlier, never later'));
const dateOfBirth = pastDate('出生日期');

export const birthBody = object({
  name: text(50, '姓名'), sex, dateOfBirth,
  placeOfBirth: placeInChina('出生地: the 12-digit region code where the birth happened'),
  parents: optional(object({ fatherId: optional(citizenId), motherId: optional(citizenId) })),
  householdId, relationToHead,
  registrationType: optional(described('default resident; a historical type only before the jurisdiction\'s cut-over', registrationType)),
  effectiveDate: optional(pastDate('default: the date of birth')),
}, '出生登记: the citizen id is allocated by the registry. No birth permit or fee receipt is asked for, ever.');

export const personBody = object({
  citizenId, name: text(50, '姓名'), sex, dateOfBirth, householdId, relationToHead, registrationType,
  reason: oneOf(['no-hukou', 'historical-import', 'returned-from-abroad', 'other'] as const, '登记原因'),
  effectiveDate,
}, '无户口人员登记: first registration of a person without hukou, or of a returned or imported record');

export const householdBody = object({
  householdId: optional(described('户号; allocated by the registry when absent', householdId)),
  kind: householdKind, regionCode: village, address: text(200, '住址'),
  head: optional(citizenId), effectiveDate,
}, '立户');

export const headBody = object({
  newHead: citizenId, reason: oneOf(['death-of-head', 'moved-out', 'family-decision', 'correction'] as const), effectiveDate,
}, '变更户主: the new head must be a current member');

export const addressBody = object({ address: text(200, '住址'), regionCode: village, effectiveDate }, '住址变动');

export const dissolveBody = object({ reason: oneOf(['no-members', 'merged', 'correction'] as const), effectiveDate }, '销户: only a household without members');

const months = (description: string) => described(description, integer({ minimum: 0, maximum: 1200 }));

/** 随迁人员: named by citizen id. Minority is not declared: the registry derives it from its own date of birth. */
const follower = object({
  citizenId,
  relation: oneOf(['spouse', 'child', 'parent'] as const, 'relation to the principal applicant'),
  consentRef: optional(text(64, 'the member\'s consent (a minor\'s: the guardian\'s); without it the member does not follow (被落户)')),
  coResiding: boolean('共同居住生活: lives with the principal applicant'),
  relationToHead: optional(described('与户主关系 in the destination household (default: the relation, when the principal becomes head)', relationToHead)),
  married: optional(boolean('for a child: married (已婚)')),
  hasIncome: optional(boolean('for a child: has an income of their own (有生活来源)')),
  evidence: optional(array(text(200), { maxItems: 20, description: 'references of the evidence for the declared facts (marriage, income, co-residence)' })),
}, '随迁人员');

export const settlementBody = object({
  applicationRef: text(64, 'the application\'s reference'),
  ownApplication: described('本人申请: the applicant applied of their own will (严格防止"被落户")', boolean()),
  consentRef: text(64, 'the signed application or consent form'),
  toHouseholdId: described('the household to settle into (in the destination)', householdId),
  relationToHead,
  category: oneOf(SETTLEMENT_CATEGORIES as readonly string[] as readonly [string, ...string[]], '落户类别'),
  residence: object({
    kind: oneOf(['owned', 'rented', 'collective', 'none'] as const, '住所'),
    sameAddressMonths: months('months at the current address'),
    rentalRegistered: optional(boolean('the lease is registered with the housing office')),
  }),
  employment: object({ legalStableEmployment: boolean(), contractMonths: months('labour contract length in months') }),
  urbanSocialInsuranceMonths: months('城镇社会保险: months paid in the destination city'),
  continuousResidenceMonths: months('连续居住: months lived in the destination city'),
  ruralOrigin: optional(boolean()),
  meetsCategoryStandard: optional(boolean('the competent department certified the category\'s own standard')),
  contributionPoints: optional(described('积分: certified points for contribution', integer({ minimum: 0, maximum: 1000 }))),
  followers: optional(array(follower, { maxItems: 20, description: '随迁: the family members who ask to follow; each is decided under the destination document\'s follower rule on their own facts' })),
  effectiveDate,
}, '落户申请: decided by the destination\'s policy in force on the effective date; a refusal is recorded with every unmet condition. With followers: one decision for the family, recorded first, then each admitted member\'s move');

export const unifyBody = object({ effectiveDate: optional(pastDate('default: the cut-over date')) }, '统一登记为居民户口 for one person, under the cut-over of the jurisdiction they are registered in');

export const permitBody = object({
  permitNo: text(40, '居住证号'), residenceRegionCode: knownRegion('居住地: where the holder lives'), validFrom: isoDate, validUntil: isoDate,
  basis: oneOf(['stable-employment', 'stable-residence', 'continuous-study'] as const, '申领条件'), effectiveDate,
}, '居住证签发');
export const renewBody = object({ validUntil: isoDate, effectiveDate }, '居住证签注');
export const cancelPermitBody = object({ reason: text(200), effectiveDate }, '居住证注销');

export const releaseBody = object({
  releaseRef: text(64, '迁出证明编号: the release\'s reference'),
  to: knownRegionPrefix('迁往: the region (prefix: province, prefecture, county, township or village) the person may settle in'),
  consentRef: text(64, '本人申请: the reference of the applicant\'s own request, taken in person by this office; the settling office must quote it'),
  validUntil: isoDate,
  effectiveDate,
}, '准予迁出: the office where the person is registered releases them to settle in another office\'s region');

export const actualResidenceBody = object({ regionCode: knownRegion('实际居住地'), address: optional(text(200)), effectiveDate }, '实际居住登记');
export const endResidenceBody = object({ effectiveDate }, '实际居住登记终止');

export const deathBody = object({
  dateOfDeath: pastDate('死亡日期'), placeOfDeath: placeInChina('死亡地点: the 12-digit region code where the death happened'), deathCertificateRef: text(64, '死亡医学证明编号'),
  effectiveDate: optional(pastDate('default: the date of death')),
}, '死亡注销: the person is deregistered');

export const correctionBody = object({
  field: oneOf(['name', 'sex', 'dateOfBirth', 'placeOfBirth', 'relationToHead', 'registrationType', 'dateOfDeath'] as const),
  corrected: string({ maxLength: 200 }), reason: text(500), evidence: array(text(200), { maxItems: 20 }),
  revokesDeath: optional(boolean('withdraws a death registered in error (field dateOfDeath)')), effectiveDate,
}, '户口项目更正: the previous value is taken from the record; history is never rewritten');

export const cutoverBody = object({ cutoverDate: isoDate, documentNo: text(64, '文号'), effectiveDate }, '统一城乡户口登记制度: the cut-over date of a jurisdiction');

export const policyBody = object({
  policy: optional(described('the policy\'s full content (published schema: /docs/settlement-policy.schema.json)', settlementPolicy)),
  policyId: optional(string({ maxLength: 64, description: 'or: a document of the registry\'s catalogue (GET /policies/catalogue) …' })),
  version: optional(string({ maxLength: 16, pattern: '^[0-9]{1,6}$', description: '… and its version', formatHint: 'a version number' })),
  effectiveDate: optional(pastDate('the date the enactment is recorded as of (default: the policy\'s effective date, or today if that is later)')),
}, '落户政策施行: enact a policy — its full content, or a catalogue document — checked against the floors of the superior documents in force; its content hash is recorded');

export const amendBody = object({
  policy: described('the new version\'s full content: same id, a higher version, in force from its effectiveDate', settlementPolicy),
  reason: text(500, 'why the policy is amended'),
  effectiveDate: optional(pastDate('the date the amendment is recorded as of (default: the new version\'s effective date, or today)')),
}, '落户政策修订: a new version replaces the one in force from its effective date; decisions before it keep the old version');

export const repealBody = object({
  from: described('the policy decides nothing dated on or after this day', isoDate),
  documentNo: text(64, '文号 of the repealing document'), reason: text(500),
  effectiveDate: optional(pastDate('the date the repeal is recorded as of (default: from, or today)')),
}, '落户政策废止 from a date');

export const reclassifyBody = object({
  region: knownRegion('the unit reclassified'), class: optional(urbanRuralClass), name: optional(text(100)), parent: optional(regionPrefix), reason: text(200), effectiveDate,
}, '城乡属性调整: a unit\'s urban-rural class (or name, parent) from the effective date');

export const unificationJobBody = object({ effectiveDate: optional(pastDate('default: each person\'s cut-over date')) }, 'unify every person registered in the jurisdiction (a resumable job)');
