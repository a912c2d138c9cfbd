import { type SettlementCategory } from '../categories';
import { type FollowerRule, type SettlementPolicy, type SettlementRule } from '../model';

/** 共同居住生活的配偶、子女、父母: any child. */
const FAMILY: FollowerRule = { coResidingRequired: true, spouse: true, parents: true, children: [{}] };

const OPEN_CLAUSE = '全面放开对高校毕业生、技术工人、职业院校毕业生、农村升学学生和参军进入城镇、留学归国人员的落户限制';
const ZHENGZHOU_CAP = '郑州市落户条件中对参加城镇社会保险的年限要求不得超过2年';
const OTHER_CAP = '其他省辖市参加城镇社会保险的年限要求不得超过1年';
const CITY_BASE_NOTE = 'The document leaves a city\'s base conditions to the city: employment and residence follow the national template '
  + '(国发〔2014〕25号) and the insurance threshold is the ceiling the document allows — all placeholders.';

/** 全面放开重点群体落户限制, in every tier. */
const openGroups = (tier: string): SettlementRule[] =>
  (['graduate', 'technical-worker', 'rural-student', 'rural-enlistee', 'returned-overseas-student'] as const satisfies readonly SettlementCategory[])
    .map((category): SettlementRule => ({
      id: `henan-${tier}-open-${category}`, category, conditions: [{ kind: 'category', in: [category] }], followers: FAMILY, clause: OPEN_CLAUSE,
      note: 'The clause names no family; the document\'s formula (共同居住生活的配偶、子女、父母) is applied to followers.',
    }));

/** 调整完善大中城市落户政策: the ordinary worker (普通劳动者) in a prefecture city's districts. */
const cityWorker = (tier: string, months: number, capClause: string): SettlementRule => ({
  id: `henan-${tier}-worker`,
  category: 'general',
  conditions: [
    { kind: 'legalStableEmployment', placeholder: true },
    { kind: 'legalStableResidence', includesRental: true, placeholder: true },
    { kind: 'urbanSocialInsuranceMonths', min: months, placeholder: true, note: 'the ceiling, not a published requirement' },
  ],
  followers: FAMILY,
  clause: `各大中城市要以解决符合条件的普通劳动者落户问题为重点……${capClause}`,
  note: CITY_BASE_NOTE,
});

/**
 * 豫政办〔2017〕27号: the province's rules for every city without its own document in force, and the
 * floors (`floors`) every city's own policy must respect.
 */
export const HENAN_2017: SettlementPolicy = {
  id: 'henan-2017',
  version: 1,
  documentNo: '豫政办〔2017〕27号',
  title: '河南省人民政府办公厅关于印发推动非户籍人口在城市落户实施方案的通知',
  issuer: '河南省人民政府办公厅',
  jurisdiction: '41',
  effectiveDate: '2017-02-08',
  applicationClause: '尊重群众自主定居落户意愿,保障进城落户非户籍人口的合法权益,坚决打破“玻璃门”,严格防止“被落户”',
  tiers: [
    {
      id: 'henan-zhengzhou-urban',
      name: '郑州市市区',
      regions: [{ prefix: '4101', countyKinds: ['district', 'special-zone'], name: '郑州市市辖区及功能区' }],
      rules: [...openGroups('zhengzhou-urban'), cityWorker('zhengzhou-urban', 24, ZHENGZHOU_CAP)],
    },
    {
      id: 'henan-city-urban',
      name: '其他省辖市市区',
      regions: [{ prefix: '41', countyKinds: ['district', 'special-zone'], name: '省辖市市辖区及功能区' }],
      note: 'Every prefecture city\'s districts are treated as 大中城市; the document names no city as 小城市.',
      rules: [...openGroups('city-urban'), cityWorker('city-urban', 12, OTHER_CAP)],
    },
    {
      id: 'henan-towns',
      name: '小城市、县政府驻地镇和其他建制镇',
      regions: [
        { prefix: '41', countyKinds: ['county', 'county-level-city'], name: '县、县级市' },
        { prefix: '4190', name: '省直辖县级行政区划 (济源)' },
      ],
      rules: [
        ...openGroups('towns'),
        {
          id: 'henan-towns-residence',
          category: 'general',
          conditions: [{ kind: 'legalStableResidence', includesRental: true }],
          followers: FAMILY,
          clause: '小城市、县政府驻地镇和其他建制镇有合法稳定住所(含租赁)的人员,及其共同居住生活的配偶、子女、父母等,均可根据本人意愿在当地申请登记常住户口',
        },
      ],
    },
  ],
  floors: {
    insuranceCaps: [
      { regions: [{ prefix: '4101', name: '郑州市' }], maxMonths: 24, clause: ZHENGZHOU_CAP },
      { regions: [{ prefix: '41', name: '其他省辖市' }], maxMonths: 12, clause: OTHER_CAP },
    ],
    forbiddenConditions: [{ kind: 'points', clause: '不得采取积分落户方式' }],
    residenceMustIncludeRental: { clause: '各地均不得将购买房屋、投资纳税等作为落户限制条件' },
  },
  notes: [
    '投资纳税 has no condition kind at all, so no policy can make it a restriction.',
    '不得强行要求进城落户农民转让其在农村的土地承包权、宅基地使用权、集体收益分配权,或将其作为进城落户条件: no condition kind exists for 三权.',
  ],
};
