import { type FollowerRule, type PointsScheme, type SettlementPolicy } from '../model';

/** 配偶、未成年子女、父母 who live with the applicant (共同居住生活的). */
const FOLLOWERS: FollowerRule = { coResidingRequired: true, spouse: true, parents: true, children: [{ minor: true }] };

const FULLY_OPEN_CLAUSE = '在城市合法稳定就业（签订半年以上劳动合同）且有合法稳定住所（含租赁，在同一地址租住半年以上），参加城镇社会保险满1年的，本人及其共同居住生活的配偶、未成年子女、父母等，可以在当地申请登记常住户口';
const DAQING_CLAUSE = '在城市合法稳定就业（签订1年以上劳动合同）且有合法稳定住所（含租赁，在同一地址租住2年以上），参加城镇社会保险满2年的，本人及其共同居住生活的配偶、未成年子女、父母等，可以在当地申请登记常住户口';
const POINTS_CLAUSE = '以合法稳定就业和合法稳定住所（含租赁）、参加城镇社会保险年限、连续居住年限、为经济发展所做贡献等为主要指标，合理设置积分，使达到规定分值的外来务工人员及共同居住生活的配偶、未成年子女、父母等，可以在城区申请登记常住户口';

/**
 * 积分落户 (哈尔滨): the five indicators the document names. The document publishes neither weights nor
 * the qualifying score (规定分值): every weight here is a placeholder, to be replaced by Harbin's
 * implementing rules (a new version of this policy).
 */
const HARBIN_POINTS: PointsScheme = {
  id: 'harbin-points',
  name: '哈尔滨市积分落户',
  indicators: [
    { id: 'stable-employment', label: '合法稳定就业', measure: 'legalStableEmployment', pointsPerUnit: 20, placeholder: true },
    { id: 'stable-residence', label: '合法稳定住所（含租赁）', measure: 'legalStableResidence', pointsPerUnit: 20, placeholder: true },
    { id: 'insurance-years', label: '参加城镇社会保险年限', measure: 'urbanSocialInsuranceYears', pointsPerUnit: 4, maxPoints: 40, placeholder: true },
    { id: 'residence-years', label: '连续居住年限', measure: 'continuousResidenceYears', pointsPerUnit: 2, maxPoints: 20, placeholder: true },
    { id: 'contribution', label: '为经济发展所做贡献', measure: 'contribution', pointsPerUnit: 1, maxPoints: 20, placeholder: true },
  ],
};

/** The qualifying score (规定分值) is not published: placeholder. */
const HARBIN_POINTS_MIN = 100;

/** 黑政发〔2014〕25号: settlement by city size — nine cities fully open, 大庆/齐齐哈尔 moderately, 哈尔滨 dual track. */
export const HEILONGJIANG_2014: SettlementPolicy = {
  id: 'heilongjiang-2014',
  version: 1,
  documentNo: '黑政发〔2014〕25号',
  title: '黑龙江省人民政府关于进一步推进户籍制度改革工作的通知',
  issuer: '黑龙江省人民政府',
  jurisdiction: '23',
  effectiveDate: '2014-10-31',
  applicationClause: '本人及其共同居住生活的配偶、未成年子女、父母等，可以在当地申请登记常住户口',
  tiers: [
    {
      id: 'hlj-fully-open-cities',
      name: '全面放开落户限制的9个城市',
      regions: [
        { prefix: '2310', name: '牡丹江市' }, { prefix: '2308', name: '佳木斯市' }, { prefix: '2303', name: '鸡西市' },
        { prefix: '2304', name: '鹤岗市' }, { prefix: '2305', name: '双鸭山市' }, { prefix: '2307', name: '伊春市' },
        { prefix: '2309', name: '七台河市' }, { prefix: '2312', name: '绥化市' }, { prefix: '2311', name: '黑河市' },
      ],
      note: 'The document speaks of each city; the whole prefecture is covered (its counties are not addressed separately).',
      rules: [{
        id: 'hlj-fully-open-general',
        category: 'general',
        conditions: [
          { kind: 'employmentContractMonths', min: 6 },
          { kind: 'legalStableResidence', includesRental: true },
          { kind: 'sameAddressResidenceMonths', min: 6, rentedOnly: true },
          { kind: 'urbanSocialInsuranceMonths', min: 12 },
        ],
        followers: FOLLOWERS,
        clause: FULLY_OPEN_CLAUSE,
      }],
    },
    {
      id: 'hlj-daqing-qiqihar',
      name: '大庆市、齐齐哈尔市',
      regions: [{ prefix: '2306', name: '大庆市' }, { prefix: '2302', name: '齐齐哈尔市' }],
      note: 'The whole prefecture is covered, as for the fully open cities.',
      rules: [{
        id: 'hlj-daqing-qiqihar-general',
        category: 'general',
        conditions: [
          { kind: 'employmentContractMonths', min: 12 },
          { kind: 'legalStableResidence', includesRental: true },
          { kind: 'sameAddressResidenceMonths', min: 24, rentedOnly: true },
          { kind: 'urbanSocialInsuranceMonths', min: 24 },
        ],
        followers: FOLLOWERS,
        clause: DAQING_CLAUSE,
      }],
    },
    {
      id: 'hlj-harbin-main',
      name: '哈尔滨市四个主城区',
      regions: [
        { prefix: '230102', name: '道里区' }, { prefix: '230103', name: '南岗区' },
        { prefix: '230104', name: '道外区' }, { prefix: '230110', name: '香坊区' },
      ],
      note: '四个主城区人口达350万人，综合承载能力压力相对较大，需要适当控制: settlement by points only.',
      rules: [{
        id: 'hlj-harbin-main-points',
        category: 'general',
        conditions: [{ kind: 'points', scheme: HARBIN_POINTS, min: HARBIN_POINTS_MIN, placeholder: true, note: '规定分值 not published' }],
        followers: FOLLOWERS,
        clause: POINTS_CLAUSE,
      }],
    },
    {
      id: 'hlj-harbin-other',
      name: '哈尔滨市非主城区',
      regions: [{ prefix: '2301', name: '哈尔滨市' }],
      note: 'Every Harbin unit outside the four main districts (the more specific tier above wins for those).',
      rules: [
        {
          id: 'hlj-harbin-other-relaxed',
          category: 'general',
          conditions: [
            { kind: 'employmentContractMonths', min: 12, placeholder: true },
            { kind: 'legalStableResidence', includesRental: true },
            { kind: 'sameAddressResidenceMonths', min: 24, rentedOnly: true, placeholder: true },
            { kind: 'urbanSocialInsuranceMonths', min: 24, placeholder: true },
          ],
          followers: FOLLOWERS,
          clause: '非主城区人口相对较少，可适当放宽落户条件',
          note: '"Relaxed" has no numbers in the document: placeholders borrowed from the 大庆/齐齐哈尔 clause, the document\'s nearest published standard.',
        },
        {
          id: 'hlj-harbin-other-points',
          category: 'general',
          conditions: [{ kind: 'points', scheme: HARBIN_POINTS, min: HARBIN_POINTS_MIN, placeholder: true, note: '规定分值 not published' }],
          followers: FOLLOWERS,
          clause: POINTS_CLAUSE,
        },
      ],
    },
  ],
  notes: [
    '大兴安岭地区 (2327) is not named by the document: no tier covers it.',
    '不得以退出“三权”作为农民进城落户的条件: no condition kind exists for 三权.',
  ],
};
