import { type SettlementCategory } from '../categories';
import { type FollowerRule, type SettlementPolicy, type SettlementRule } from '../model';

/** 共同居住生活的配偶、子女和父母: any child. */
const FAMILY: FollowerRule = { coResidingRequired: true, spouse: true, parents: true, children: [{}] };
/** A student moving to the campus moves alone. */
const ALONE: FollowerRule = { coResidingRequired: true, spouse: false, parents: false, children: [] };

const OPEN_CLAUSE = '全面放开对高校毕业生、技术工人、职业院校毕业生、留学归国人员和迁入城镇的农村籍退伍转业军人的落户限制';
const OPEN_NOTE = 'The clause names no family; the document\'s formula (共同居住生活的配偶、子女和父母) is applied to followers.';
const CENTRAL_BASE = '以具有合法稳定就业和合法稳定住所（含租赁）为条件，按照直系亲属投靠人员、购买房屋人员、工作调动人员、引进人才、投资人员、成建制迁移人员、复转退伍军人、有突出贡献人员等类别，分别设定具体落户标准';

const open = (tier: string, category: SettlementCategory): SettlementRule => ({
  id: `zz-${tier}-open-${category}`, category, conditions: [{ kind: 'category', in: [category] }], followers: FAMILY, clause: OPEN_CLAUSE, note: OPEN_NOTE,
});

/** 全面放宽放开重点群体落户条件: open everywhere in the city, central districts included. */
const openGroups = (tier: string): SettlementRule[] => [
  open(tier, 'graduate'),
  open(tier, 'technical-worker'),
  open(tier, 'returned-overseas-student'),
  {
    id: `zz-${tier}-open-veteran`, category: 'veteran',
    conditions: [{ kind: 'category', in: ['veteran'] }, { kind: 'ruralOrigin' }],
    followers: FAMILY, clause: OPEN_CLAUSE, note: OPEN_NOTE,
  },
  {
    id: `zz-${tier}-rural-student`, category: 'rural-student',
    conditions: [{ kind: 'category', in: ['rural-student'] }],
    followers: ALONE,
    clause: '高校录取的农村籍学生可根据本人意愿，将户口迁至高校所在地',
    note: 'The destination should be the campus; the engine cannot check that.',
  },
];

/** 分别设定具体落户标准: the category's standard is left to implementing rules (placeholder). */
const central = (category: SettlementCategory, label: string): SettlementRule => ({
  id: `zz-central-${category}`,
  category,
  conditions: [
    { kind: 'category', in: [category] },
    { kind: 'legalStableEmployment' },
    { kind: 'legalStableResidence', includesRental: true },
    { kind: 'categoryStandard', standard: `${label}落户标准 (set by implementing rules, not in 郑政〔2017〕18号)`, placeholder: true },
  ],
  followers: FAMILY,
  clause: CENTRAL_BASE,
});

/** 郑政〔2017〕18号: 市区合理控制，县（市）、小城镇全面放开. */
export const ZHENGZHOU_2017: SettlementPolicy = {
  id: 'zhengzhou-2017',
  version: 1,
  documentNo: '郑政〔2017〕18号',
  title: '郑州市人民政府关于进一步深化户籍制度改革的实施意见',
  issuer: '郑州市人民政府',
  jurisdiction: '4101',
  effectiveDate: '2017-06-30',
  applicationClause: '坚持以人为本，尊重自愿选择。充分尊重群众自主定居意愿',
  tiers: [
    {
      id: 'zz-central',
      name: '中心城区',
      regions: [
        { prefix: '410105', name: '金水区' }, { prefix: '410102', name: '中原区' }, { prefix: '410103', name: '二七区' },
        { prefix: '410104', name: '管城回族区' }, { prefix: '410108', name: '惠济区' },
        { prefix: '410173', name: '郑州航空港经济综合实验区' }, { prefix: '410171', name: '郑州经济技术开发区' },
        { prefix: '410172', name: '郑州高新技术产业开发区' },
      ],
      note: '中心城区指金水区、中原区、二七区、管城回族区、惠济区、郑州航空港经济综合实验区、郑东新区、郑州经济开发区、郑州高新区. '
        + '郑东新区 has no code of its own (it lies in 金水区/管城回族区). '
        + '郑州县（市）、上街区户籍人口迁入中心城区，须符合迁入中心城区的规定: the tier is chosen by destination alone, so a move from the counties meets these rules.',
      rules: [
        ...openGroups('central'),
        central('relatives', '直系亲属投靠人员'),
        central('home-buyer', '购买房屋人员'),
        central('job-transfer', '工作调动人员'),
        central('talent', '引进人才'),
        central('investor', '投资人员'),
        central('collective-relocation', '成建制迁移人员'),
        central('veteran', '复转退伍军人'),
        central('contributor', '有突出贡献人员'),
        {
          id: 'zz-central-migrant-worker',
          category: 'migrant-worker',
          conditions: [
            { kind: 'category', in: ['migrant-worker', 'general'] },
            { kind: 'legalStableEmployment' },
            { kind: 'legalStableResidence', includesRental: true },
            { kind: 'urbanSocialInsuranceMonths', min: 24 },
          ],
          followers: FAMILY,
          clause: '以具有合法稳定就业和合法稳定住所（含租赁）为条件……外来务工人员需在我市参加城镇社会保险满2年，符合条件的本人及其共同居住生活的配偶、子女和父母，可以在当地申请登记常住户口',
          note: 'A general applicant from outside the city is a 外来务工人员.',
        },
      ],
    },
    {
      id: 'zz-counties',
      name: '县（市）、上街区',
      regions: [
        { prefix: '410106', name: '上街区' }, { prefix: '410122', name: '中牟县' }, { prefix: '410181', name: '巩义市' },
        { prefix: '410182', name: '荥阳市' }, { prefix: '410183', name: '新密市' }, { prefix: '410184', name: '新郑市' },
        { prefix: '410185', name: '登封市' },
      ],
      rules: [
        ...openGroups('counties'),
        {
          id: 'zz-counties-residence',
          category: 'general',
          conditions: [{ kind: 'legalStableResidence', includesRental: true, rentalMustBeRegistered: true }],
          followers: FAMILY,
          clause: '在县（市）、上街区政府驻地镇和其他建制镇有合法稳定住所（含租赁）的人员，及其共同居住生活的配偶、子女和父母',
          note: '租赁房屋…在当地房管部门办理租赁登记备案的房屋: a lease counts only when registered.',
        },
      ],
    },
  ],
  notes: [
    'The fully open list omits 农村升学学生和参军进入城镇 of 豫政办〔2017〕27号 (only 来去自由 for rural university students is stated).',
    '对进城镇落户的农业转移人口，依法保留其…承包经营权: no condition kind exists for 三权.',
  ],
};
