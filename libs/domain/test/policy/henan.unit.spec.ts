import { BUILTIN_POLICIES, checkFloors, floorsBinding, HENAN_2017, type SettlementPolicy, ZHENGZHOU_2017 } from '../../src/policy';
import { admitted, application, copyOf, decide, employed, refused, renting, unmetCodes } from './support';

// 豫政办〔2017〕27号. Places: 金水区 410105, 洛阳 老城区 410302, 南召县 411321, 济源市 419001.

describe('豫政办〔2017〕27号 — 全面放开重点群体', () => {
  // "全面放开对高校毕业生、技术工人、职业院校毕业生、农村升学学生和参军进入城镇、留学归国人员的落户限制"
  it('Given a graduate with no job, home or insurance, When settling anywhere in Henan, Then admitted (fully open)', () => {
    for (const county of ['410105', '410122', '410302', '411321', '419001']) {
      const d = admitted(decide(application({ category: 'graduate' }), county));
      expect(d.category).toBe('graduate');
    }
  });

  it('Given a rural youth joining the army, When settling in 洛阳, Then admitted under the province\'s list', () => {
    expect(admitted(decide(application({ category: 'rural-enlistee' }), '410302')).ruleId).toBe('henan-city-urban-open-rural-enlistee');
  });
});

describe('豫政办〔2017〕27号 — cities without their own document', () => {
  // "其他省辖市参加城镇社会保险的年限要求不得超过1年" — the ceiling is encoded as a placeholder requirement
  it('Given an ordinary worker with 12 months of insurance in 洛阳, Then admitted, flagged as resting on placeholders', () => {
    const d = admitted(decide(application({ employment: employed(12), residence: renting(12), urbanSocialInsuranceMonths: 12 }), '410302'));
    expect(d).toMatchObject({ ruleId: 'henan-city-urban-worker', reliesOnPlaceholders: true });
    expect(d.policy.documentNo).toBe('豫政办〔2017〕27号');
  });

  it('Given 11 months, Then refused on insurance, the requirement marked as a placeholder', () => {
    const d = refused(decide(application({ employment: employed(12), residence: renting(12), urbanSocialInsuranceMonths: 11 }), '410302'));
    expect(d.unmet).toEqual([expect.objectContaining({ condition: 'SETTLEMENT.INSURANCE_TOO_SHORT', required: '>= 12 months', placeholder: true })]);
  });

  // "小城市、县政府驻地镇和其他建制镇有合法稳定住所(含租赁)的人员,及其共同居住生活的配偶、子女、父母等"
  it('Given a rental in 南召县 or 济源, Then admitted on residence alone', () => {
    expect(admitted(decide(application({ residence: renting(1, false) }), '411321')).ruleId).toBe('henan-towns-residence');
    expect(admitted(decide(application({ residence: renting(1, false) }), '419001')).ruleId).toBe('henan-towns-residence');
  });
});

describe('Selection: the most specific document in force', () => {
  const worker = application({ category: 'migrant-worker', employment: employed(12), residence: renting(12), urbanSocialInsuranceMonths: 24 });

  it('Given Zhengzhou after 2017-06-30, Then 郑政〔2017〕18号 decides; between 2017-02-08 and 2017-06-29 豫政办〔2017〕27号 does', () => {
    expect(admitted(decide(worker, '410105', '2017-06-30')).policy.id).toBe('zhengzhou-2017');
    const before = admitted(decide(worker, '410105', '2017-06-29'));
    expect(before.policy.id).toBe('henan-2017');
    expect(before.tierId).toBe('henan-zhengzhou-urban');
  });

  it('Given a date before both documents, Then no policy is in force', () => {
    expect(refused(decide(worker, '410105', '2017-02-07')).code).toBe('SETTLEMENT.NO_POLICY');
  });
});

describe('豫政办〔2017〕27号 — floors every city\'s policy respects', () => {
  const floors = HENAN_2017.floors!;

  it('Given Zhengzhou\'s data ("对参加城镇社会保险的年限要求不得超过2年", no 积分落户, no home purchase), Then it respects the province\'s floors', () => {
    expect(checkFloors(ZHENGZHOU_2017, floors)).toEqual([]);
    expect(floorsBinding(ZHENGZHOU_2017, BUILTIN_POLICIES).map((b) => b.from.id)).toEqual(['henan-2017']);
  });

  it('Given Zhengzhou required 36 months, Then the cap of 2 years is reported once, naming every central district', () => {
    const p = copyOf(ZHENGZHOU_2017);
    const insurance = p.tiers[0]!.rules.find((r) => r.id === 'zz-central-migrant-worker')!.conditions.find((c) => c.kind === 'urbanSocialInsuranceMonths')!;
    if (insurance.kind !== 'urbanSocialInsuranceMonths') throw new Error('unreachable');
    insurance.min = 36;
    const v = checkFloors(p, floors);
    expect(v).toHaveLength(1);
    expect(p.tiers[0]!.regions.filter((r) => !v[0]!.detail.includes(r.prefix))).toEqual([]);
    expect(v[0]).toMatchObject({ code: 'FLOOR.INSURANCE_CAP_EXCEEDED', ruleId: 'zz-central-migrant-worker', clause: '郑州市落户条件中对参加城镇社会保险的年限要求不得超过2年' });
  });

  it('Given another city (洛阳) requiring 2 years, Then the 1-year cap applies ("其他省辖市 … 不得超过1年")', () => {
    const luoyang: SettlementPolicy = {
      ...HENAN_2017, id: 'luoyang-test', jurisdiction: '4103', floors: undefined,
      tiers: [{ id: 'ly', name: '市区', regions: [{ prefix: '410302' }], rules: [{ ...HENAN_2017.tiers[1]!.rules.at(-1)!, conditions: [{ kind: 'urbanSocialInsuranceMonths', min: 24 }] }] }],
    };
    expect(checkFloors(luoyang, floors).map((v) => v.code)).toEqual(['FLOOR.INSURANCE_CAP_EXCEEDED']);
  });

  it('Given points or owned-only residence, Then "不得采取积分落户方式" and "不得将购买房屋 … 作为落户限制条件" are reported', () => {
    const p = copyOf(ZHENGZHOU_2017);
    const rule = p.tiers[1]!.rules.find((r) => r.id === 'zz-counties-residence')!;
    rule.conditions = [
      { kind: 'legalStableResidence', includesRental: false },
      { kind: 'points', min: 1, scheme: { id: 's', name: 's', indicators: [] } },
    ];
    expect(checkFloors(p, floors).map((v) => v.code)).toEqual(['FLOOR.RENTAL_NOT_COUNTED', 'FLOOR.FORBIDDEN_CONDITION']);
  });

  it('Given every builtin policy, Then it respects every floor binding it (Henan\'s own data included)', () => {
    for (const policy of BUILTIN_POLICIES)
      for (const { floors: f } of floorsBinding(policy, BUILTIN_POLICIES)) expect(checkFloors(policy, f)).toEqual([]);
  });

  it('Given an applicant who needs a home of their own nowhere in Henan, Then renting suffices in every tier of both documents', () => {
    const renter = application({ employment: employed(12), residence: renting(24), urbanSocialInsuranceMonths: 24 });
    for (const county of ['410105', '410122', '410302', '411321']) expect(decide(renter, county).outcome).toBe('admitted');
    expect(unmetCodes(refused(decide({ ...renter, residence: { kind: 'none', sameAddressMonths: 0 } }, '411321')))).toEqual(['henan-towns-residence:SETTLEMENT.NO_LEGAL_STABLE_RESIDENCE']);
  });
});
