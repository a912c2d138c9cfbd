import { type SettlementCategory } from '../categories';
import { type FollowerRule, type SettlementPolicy, type SettlementRule } from '../model';

/** 共同居住生活的配偶、未成年子女（包括无生活来源的未婚子女）、父母. */
const FAMILY: FollowerRule = {
  coResidingRequired: true, spouse: true, parents: true,
  children: [{ minor: true }, { married: false, hasIncome: false }],
};

const IMPLEMENTING_RULES = '人才认定、投资规模、突出贡献的具体标准以及参加社会保险的具体年限等将在实施细则中予以明确';
const COUNTY_NO_RESIDENCE = '在城镇无合法稳定住所，但城镇经济社会发展需要的引进人才、投资人员和突出贡献人员，以及其他有合法稳定就业且按照国家规定参加城镇社会保险的人员，可以在当地申请常住户口';
const URBAN_CATEGORIES = '在设区市城区可以按照有合法稳定住所（含租赁）人员、有合法稳定就业人员、亲属投靠人员等类别，分别设定进一步放宽的住所条件、就业类型、居住年限和按照国家规定参加城镇社会保险年限等具体落户标准';
const URBAN_PLACEHOLDER_NOTE = 'The thresholds are left to 实施细则 not in the document: placeholders.';

const LABELS: Partial<Record<SettlementCategory, string>> = { talent: '人才认定', investor: '投资规模', contributor: '突出贡献', relatives: '亲属投靠' };

/** A category admitted on its own standard (set by the 实施细则: placeholder). */
const byStandard = (tier: string, category: SettlementCategory, clause: string): SettlementRule => ({
  id: `wz-${tier}-${category}`,
  category,
  conditions: [
    { kind: 'category', in: [category] },
    { kind: 'categoryStandard', standard: `${LABELS[category] ?? category}的具体标准 (实施细则, not in 温政发〔2016〕26号)`, placeholder: true },
  ],
  followers: FAMILY,
  clause,
});

/** 温政发〔2016〕26号: two cities and five counties fully open; the urban districts (Ⅰ型大城市) controlled. */
export const WENZHOU_2016: SettlementPolicy = {
  id: 'wenzhou-2016',
  version: 1,
  documentNo: '温政发〔2016〕26号',
  title: '温州市人民政府关于进一步推进户籍制度改革的实施意见',
  issuer: '温州市人民政府',
  jurisdiction: '3303',
  effectiveDate: '2016-05-06',
  applicationClause: '充分尊重城乡居民自主定居意愿，依法保障农业转移人口及其他常住人口合法权益，合理引导农业转移人口落户城镇，严禁强迫办理落户',
  tiers: [
    {
      id: 'wz-counties',
      name: '两市五县（乐清、瑞安、永嘉、平阳、苍南、文成、泰顺）',
      regions: [
        { prefix: '330382', name: '乐清市' }, { prefix: '330381', name: '瑞安市' }, { prefix: '330324', name: '永嘉县' },
        { prefix: '330326', name: '平阳县' }, { prefix: '330327', name: '苍南县' }, { prefix: '330328', name: '文成县' },
        { prefix: '330329', name: '泰顺县' }, { prefix: '330383', name: '龙港市' },
      ],
      note: '龙港市 (330383) was part of 苍南县 when the document was issued (split off in 2019), so it keeps 苍南\'s rules.',
      rules: [
        {
          id: 'wz-counties-residence',
          category: 'general',
          conditions: [{ kind: 'legalStableResidence', includesRental: true }],
          followers: FAMILY,
          clause: '在两市五县的县级市市区、县人民政府驻地镇（街道）和其他建制镇（街道）有合法稳定住所（含租赁）的人员，本人及其共同居住生活的配偶、未成年子女（包括无生活来源的未婚子女，下同）、父母等，可以在当地申请登记常住户口',
        },
        byStandard('counties', 'talent', COUNTY_NO_RESIDENCE),
        byStandard('counties', 'investor', COUNTY_NO_RESIDENCE),
        byStandard('counties', 'contributor', COUNTY_NO_RESIDENCE),
        {
          id: 'wz-counties-employment',
          category: 'general',
          conditions: [
            { kind: 'legalStableEmployment' },
            { kind: 'urbanSocialInsuranceMonths', min: 1, note: '按照国家规定参加: participation; the document sets no duration' },
          ],
          followers: FAMILY,
          clause: COUNTY_NO_RESIDENCE,
        },
      ],
    },
    {
      id: 'wz-urban',
      name: '市区（含洞头区）',
      regions: [
        { prefix: '330302', name: '鹿城区' }, { prefix: '330303', name: '龙湾区' },
        { prefix: '330304', name: '瓯海区' }, { prefix: '330305', name: '洞头区' },
      ],
      note: '属于Ⅰ型大城市类型，要适度控制落户规模和节奏. ' + IMPLEMENTING_RULES + '.',
      rules: [
        byStandard('urban', 'talent', '引进人才、投资人员和有突出贡献人员等，可以不受上述条件限制'),
        byStandard('urban', 'investor', '引进人才、投资人员和有突出贡献人员等，可以不受上述条件限制'),
        byStandard('urban', 'contributor', '引进人才、投资人员和有突出贡献人员等，可以不受上述条件限制'),
        byStandard('urban', 'relatives', URBAN_CATEGORIES),
        {
          id: 'wz-urban-residence',
          category: 'general',
          conditions: [
            { kind: 'legalStableResidence', includesRental: true },
            { kind: 'continuousResidenceMonths', min: 24, placeholder: true },
            { kind: 'urbanSocialInsuranceMonths', min: 12, placeholder: true },
          ],
          followers: FAMILY,
          clause: URBAN_CATEGORIES,
          note: URBAN_PLACEHOLDER_NOTE,
        },
        {
          id: 'wz-urban-employment',
          category: 'general',
          conditions: [
            { kind: 'legalStableEmployment' },
            { kind: 'continuousResidenceMonths', min: 36, placeholder: true },
            { kind: 'urbanSocialInsuranceMonths', min: 24, placeholder: true },
          ],
          followers: FAMILY,
          clause: URBAN_CATEGORIES,
          note: URBAN_PLACEHOLDER_NOTE,
        },
      ],
    },
  ],
  notes: ['不得以退出土地承包经营权、宅基地使用权、集体收益分配权作为农民进城落户的条件: no condition kind exists for 三权.'],
};
