import { type RegistryEvent, type RegistryEventType } from '../catalogue';
import { type SettlementPolicyContent } from '../policy';

/** One valid payload per event type: the catalogue test validates each against its published schema. */
const POLICY = { id: 'zhengzhou-2017', version: '1', documentNo: '郑政〔2017〕18号', contentHash: 'a'.repeat(64) };

/** A small policy's content: one tier, one rule with a tagged condition, the follower rule and floors. */
const CONTENT: SettlementPolicyContent = {
  id: 'chenzhou-2016', version: 1, documentNo: '郴政发〔2016〕1号', title: '郴州市人民政府关于进一步推进户籍制度改革的实施意见', issuer: '郴州市人民政府',
  jurisdiction: '4310', effectiveDate: '2016-01-06', applicationClause: '不得采取强迫做法办理落户',
  tiers: [{
    id: 'cz-towns', name: '县人民政府驻地镇', regions: [{ prefix: '431021', name: '桂阳县' }, { prefix: '4310', countyKinds: ['county'] }],
    rules: [{ id: 'cz-towns-residence', category: 'general', conditions: [{ kind: 'legalStableResidence', includesRental: true }, { kind: 'urbanSocialInsuranceMonths', min: 1, placeholder: true }],
      followers: { coResidingRequired: true, spouse: true, parents: true, children: [{ married: false }] }, clause: '有合法稳定住所（含租赁）的人员' }],
  }],
  floors: { insuranceCaps: [{ regions: [{ prefix: '4310' }], maxMonths: 12, clause: '不得超过1年' }], forbiddenConditions: [{ kind: 'points', clause: '不得采取积分落户方式' }] },
};

export const SAMPLES: { readonly [T in RegistryEventType]: Extract<RegistryEvent, { type: T }>['data'] } = {
  BirthRegistered: {
    citizenId: '41010520260101002X', name: '张晓梅', sex: 'female', dateOfBirth: '2026-01-01', placeOfBirth: '410105001001',
    parents: { motherId: '410105199001010022' }, householdId: 'h-410105-000001', relationToHead: 'child', regionCode: '410105001001', registrationType: 'resident',
  },
  PersonRegistered: {
    citizenId: '11010519491231002X', name: '李秀英', sex: 'female', dateOfBirth: '1949-12-31', householdId: 'h-1', relationToHead: 'head',
    regionCode: '110105001001', registrationType: 'agricultural', reason: 'historical-import',
  },
  HukouMigrated: {
    citizenId: '11010519491231002X', from: { householdId: 'h-1', regionCode: '410122100200' }, to: { householdId: 'h-2', regionCode: '410105001001' },
    relationToHead: 'head', category: 'general', policy: POLICY, ruleId: 'central.employment-residence', applicationRef: 'app-1', ownApplication: 'yes', consentRef: 'consent-app-1',
  },
  SettlementRefused: {
    citizenId: '11010519491231002X', applicationRef: 'app-2', destination: { regionCode: '410105001001' }, category: 'migrant-worker', policy: POLICY,
    code: 'SETTLEMENT.CONDITIONS_UNMET', unmet: [{ ruleId: 'central.migrant-worker', condition: 'SETTLEMENT.INSURANCE_TOO_SHORT', required: '24 months', actual: '23 months' }],
  },
  FamilySettlementDecided: {
    citizenId: '11010519491231002X', applicationRef: 'app-3', destination: { householdId: 'h-2', regionCode: '410105001001' }, policy: POLICY, ruleId: 'zz-central-migrant-worker',
    category: 'migrant-worker', clause: '本人及其共同居住生活的配偶、子女和父母',
    members: [{
      citizenId: '410105201003030015', relation: 'child', follows: false, reason: 'SETTLEMENT.FOLLOWER_CHILD_NOT_COVERED', detail: 'the clause admits minor children',
      facts: { age: 19, minor: false, married: false, hasIncome: true, coResiding: true }, evidence: ['未婚证明-1'], consentRef: 'consent-3',
      from: { householdId: 'h-1', regionCode: '410122100200' }, relationToHead: 'child',
    }],
  },
  FamilySettlementCompleted: { citizenId: '11010519491231002X', applicationRef: 'app-3', members: [{ citizenId: '410105201003030015', outcome: 'does-not-follow', code: 'SETTLEMENT.FOLLOWER_CHILD_NOT_COVERED' }] },
  RegistrationTypeUnified: {
    citizenId: '11010519491231002X', previousType: 'agricultural', newType: 'resident', cutover: { jurisdiction: '23', effectiveDate: '2014-11-01', documentNo: '黑政发〔2014〕25号' },
  },
  ResidencePermitIssued: {
    citizenId: '11010519491231002X', permitNo: 'JZZ-3303-0001', residenceRegionCode: '330302001001', validFrom: '2026-01-01', validUntil: '2027-01-01', basis: 'stable-employment',
  },
  ResidencePermitRenewed: { citizenId: '11010519491231002X', permitNo: 'JZZ-3303-0001', validUntil: '2028-01-01' },
  ResidencePermitCancelled: { citizenId: '11010519491231002X', permitNo: 'JZZ-3303-0001', reason: 'moved away' },
  ActualResidenceRegistered: { citizenId: '11010519491231002X', regionCode: '410122100200', since: '2025-06-01' },
  ActualResidenceEnded: { citizenId: '11010519491231002X', regionCode: '410122100200', until: '2026-06-01' },
  MigrationReleased: { citizenId: '11010519491231002X', releaseRef: 'QC-2026-0001', to: '4101', consentRef: 'SQ-2026-0001', releasedOn: '2026-03-01', validUntil: '2026-09-01' },
  DeathRegistered: { citizenId: '11010519491231002X', dateOfDeath: '2026-03-01', placeOfDeath: '410105001001', deathCertificateRef: 'DC-2026-0001' },
  RecordCorrected: { citizenId: '11010519491231002X', field: 'name', previous: '李秀瑛', corrected: '李秀英', reason: 'typing error', evidence: ['birth certificate'] },
  HouseholdEstablished: { householdId: 'h-2', kind: 'family', regionCode: '410105001001', address: '郑州市金水区经三路1号', head: '11010519491231002X' },
  HouseholdHeadChanged: { householdId: 'h-2', previousHead: null, newHead: '11010519491231002X', reason: 'family-decision' },
  HouseholdAddressChanged: { householdId: 'h-2', previousAddress: '经三路1号', address: '经三路2号', previousRegionCode: '410105001001', regionCode: '410105001002' },
  HouseholdDissolved: { householdId: 'h-2', reason: 'no-members' },
  UnificationCutoverDeclared: { jurisdiction: '23', effectiveDate: '2014-11-01', documentNo: '黑政发〔2014〕25号' },
  SettlementPolicyEnacted: { jurisdiction: '4310', policyId: 'chenzhou-2016', version: '1', documentNo: '郴政发〔2016〕1号', effectiveDate: '2016-01-06', contentHash: 'b'.repeat(64), policy: CONTENT },
  SettlementPolicyAmended: {
    jurisdiction: '4310', policyId: 'chenzhou-2016', previousVersion: '1', previousContentHash: 'b'.repeat(64), version: '2', documentNo: '郴政发〔2018〕3号', effectiveDate: '2018-01-01',
    contentHash: 'c'.repeat(64), policy: { ...CONTENT, version: 2, documentNo: '郴政发〔2018〕3号', effectiveDate: '2018-01-01' }, reason: '实施细则公布',
  },
  SettlementPolicyRepealed: { jurisdiction: '4310', policyId: 'chenzhou-2016', version: '2', contentHash: 'c'.repeat(64), effectiveDate: '2020-01-01', documentNo: '郴政发〔2019〕9号', reason: '新文件施行' },
  RegionReclassified: { jurisdiction: '4101', region: '410122100', effectiveFrom: '2020-01-01', class: '121', reason: '撤乡设镇' },
};
