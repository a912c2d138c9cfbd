import { type FollowerRule, type SettlementPolicy } from '../model';

/** 共同居住生活的配偶、未婚子女、父母. */
const FAMILY: FollowerRule = { coResidingRequired: true, spouse: true, parents: true, children: [{ married: false }] };

/** 郴政发〔2016〕1号: the central city relaxed, every other town fully open. */
export const CHENZHOU_2016: SettlementPolicy = {
  id: 'chenzhou-2016',
  version: 1,
  documentNo: '郴政发〔2016〕1号',
  title: '郴州市人民政府关于进一步推进户籍制度改革的实施意见',
  issuer: '郴州市人民政府',
  jurisdiction: '4310',
  effectiveDate: '2016-01-06',
  applicationClause: '尊重城乡居民自主定居意愿，依法保障农业转移人口及其他常住人口合法权益，不得采取强迫做法办理落户',
  tiers: [
    {
      id: 'cz-central',
      name: '市中心城区',
      regions: [{ prefix: '431002', name: '北湖区' }, { prefix: '431003', name: '苏仙区' }],
      note: 'The document does not define 中心城区. It sets the central city against "其他县级市市区、县人民政府驻地镇和其他建制镇", '
        + 'so the central city is the city proper: its two districts, 北湖区 and 苏仙区, taken whole (their rural towns included — '
        + 'the engine does not resolve below county level).',
      rules: [{
        id: 'cz-central-general',
        category: 'general',
        conditions: [
          { kind: 'legalStableEmployment' },
          { kind: 'legalStableResidence', includesRental: true },
          { kind: 'urbanSocialInsuranceMonths', min: 1, note: '按照国家规定在当地参加: participation; the document sets no duration' },
        ],
        followers: FAMILY,
        clause: '在郴州市中心城区有合法稳定就业并有合法稳定住所（含租赁），同时按照国家规定在当地参加城镇社会保险的人员，本人及其共同居住生活的配偶、未婚子女、父母等，可以在当地申请登记常住户口',
      }],
    },
    {
      id: 'cz-towns',
      name: '其他县级市市区、县人民政府驻地镇和其他建制镇',
      regions: [
        { prefix: '431081', name: '资兴市' }, { prefix: '431021', name: '桂阳县' }, { prefix: '431022', name: '宜章县' },
        { prefix: '431023', name: '永兴县' }, { prefix: '431024', name: '嘉禾县' }, { prefix: '431025', name: '临武县' },
        { prefix: '431026', name: '汝城县' }, { prefix: '431027', name: '桂东县' }, { prefix: '431028', name: '安仁县' },
      ],
      rules: [{
        id: 'cz-towns-residence',
        category: 'general',
        conditions: [{ kind: 'legalStableResidence', includesRental: true }],
        followers: FAMILY,
        clause: '在全市其他县级市市区、县人民政府驻地镇和其他建制镇有合法稳定住所（含租赁）的人员，本人及其共同居住生活的配偶、未婚子女、父母等，均可以在当地申请登记常住户口',
      }],
    },
  ],
  notes: ['现阶段，不得以退出“三权”作为农民进城落户的条件: no condition kind exists for 三权.'],
};
