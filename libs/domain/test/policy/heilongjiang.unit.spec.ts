import { HEILONGJIANG_2014, type PointsScheme, scorePoints } from '../../src/policy';
import { admitted, admittedFollowers, application, copyOf, decide, employed, FAMILY, refused, renting, unmetCodes } from './support';

// 黑政发〔2014〕25号. Places: 牡丹江 东安区 231002, 大庆 萨尔图区 230602, 哈尔滨 道里区 230102 (主城区), 松北区 230109 (非主城区).

describe('黑政发〔2014〕25号 — the nine fully open cities (牡丹江 …)', () => {
  // "在城市合法稳定就业（签订半年以上劳动合同）且有合法稳定住所（含租赁，在同一地址租住半年以上），参加城镇社会保险满1年的"
  const worker = application({ employment: employed(6), residence: renting(6), urbanSocialInsuranceMonths: 12, followers: FAMILY });

  it('Given a 6-month contract, 6 months at one rented address and 1 year of insurance, When settling in 牡丹江, Then admitted', () => {
    const d = admitted(decide(worker, '231002'));
    expect(d.policy.documentNo).toBe('黑政发〔2014〕25号');
    expect(d.ruleId).toBe('hlj-fully-open-general');
    expect(d.reliesOnPlaceholders).toBe(false);
  });

  it('Given the same family, Then co-residing spouse, minor children and parents follow — not adult children ("配偶、未成年子女、父母")', () => {
    const d = admitted(decide(worker, '231002'));
    expect(admittedFollowers(d)).toEqual(['spouse', 'minor-child', 'parent']);
    expect(d.followers.find((f) => f.personRef === 'adult-unmarried-no-income')?.reason).toBe('SETTLEMENT.FOLLOWER_CHILD_NOT_COVERED');
  });

  it('Given only 5 months at the rented address ("在同一地址租住半年以上"), Then refused naming that condition and only that one', () => {
    const d = refused(decide({ ...worker, residence: renting(5) }, '231002'));
    expect(d.code).toBe('SETTLEMENT.CONDITIONS_UNMET');
    expect(d.unmet).toEqual([{
      ruleId: 'hlj-fully-open-general', condition: 'SETTLEMENT.SAME_ADDRESS_TOO_SHORT', required: '>= 6 months', actual: '5 months',
      clause: HEILONGJIANG_2014.tiers[0]!.rules[0]!.clause,
    }]);
  });

  it('Given an owner who moved in a month ago, Then the same-address period does not apply (it is "租住", renting)', () => {
    admitted(decide({ ...worker, residence: { kind: 'owned', sameAddressMonths: 1 } }, '231002'));
  });
});

describe('黑政发〔2014〕25号 — 大庆、齐齐哈尔', () => {
  // "签订1年以上劳动合同 … 在同一地址租住2年以上 … 参加城镇社会保险满2年"
  it('Given 1 year of contract, 1 year at the address and 1 year of insurance, When settling in 大庆, Then refused listing the two unmet conditions', () => {
    const d = refused(decide(application({ employment: employed(12), residence: renting(12), urbanSocialInsuranceMonths: 12 }), '230602'));
    expect(unmetCodes(d)).toEqual(['hlj-daqing-qiqihar-general:SETTLEMENT.SAME_ADDRESS_TOO_SHORT', 'hlj-daqing-qiqihar-general:SETTLEMENT.INSURANCE_TOO_SHORT']);
    expect(d.unmet.map((u) => [u.required, u.actual])).toEqual([['>= 24 months', '12 months'], ['>= 24 months', '12 months']]);
  });

  it('Given 1 year of contract, 2 years at the address and 2 years of insurance, Then admitted in 大庆 and in 齐齐哈尔', () => {
    const a = application({ employment: employed(12), residence: renting(24), urbanSocialInsuranceMonths: 24 });
    expect(admitted(decide(a, '230602')).ruleId).toBe('hlj-daqing-qiqihar-general');
    expect(admitted(decide(a, '230202')).ruleId).toBe('hlj-daqing-qiqihar-general');
  });
});

describe('黑政发〔2014〕25号 — 哈尔滨 "双轨制"', () => {
  // "以合法稳定就业和合法稳定住所（含租赁）、参加城镇社会保险年限、连续居住年限、为经济发展所做贡献等为主要指标，合理设置积分"
  const daqingStandard = application({ employment: employed(12), residence: renting(24), urbanSocialInsuranceMonths: 24, continuousResidenceMonths: 24 });

  it('Given an applicant below the qualifying score, When settling in a main district (道里区), Then refused with the score, marked as a placeholder', () => {
    const d = refused(decide(daqingStandard, '230102'));
    expect(d.tierId).toBe('hlj-harbin-main');
    expect(d.unmet).toHaveLength(1);
    expect(d.unmet[0]).toMatchObject({ condition: 'SETTLEMENT.POINTS_TOO_LOW', placeholder: true });
    expect(d.unmet[0]!.actual).toMatch(/^\d+ points \(stable-employment \d+, stable-residence \d+, insurance-years \d+, residence-years \d+, contribution \d+\)$/);
  });

  it('Given the same applicant, When settling in a non-main district (松北区, "可适当放宽落户条件"), Then admitted without points, on placeholder thresholds', () => {
    const d = admitted(decide(daqingStandard, '230109'));
    expect(d.ruleId).toBe('hlj-harbin-other-relaxed');
    expect(d.reliesOnPlaceholders).toBe(true);
  });

  it('Given the four main districts 道里 南岗 道外 香坊, Then each is decided by points; any other Harbin unit (阿城区, 五常市) by the relaxed tier', () => {
    for (const county of ['230102', '230103', '230104', '230110']) expect(refused(decide(daqingStandard, county)).tierId).toBe('hlj-harbin-main');
    for (const county of ['230112', '230184']) expect(admitted(decide(daqingStandard, county)).tierId).toBe('hlj-harbin-other');
  });

  it('Given the scheme is data, When the score reaches the qualifying score, Then admitted; the decision follows the weights in the data', () => {
    const strong = { ...daqingStandard, urbanSocialInsuranceMonths: 120, continuousResidenceMonths: 120 };
    expect(admitted(decide(strong, '230102')).ruleId).toBe('hlj-harbin-main-points');

    const policy = copyOf(HEILONGJIANG_2014);
    const condition = policy.tiers[2]!.rules[0]!.conditions[0]!;
    if (condition.kind !== 'points') throw new Error('expected the points condition');
    condition.min = 10;
    expect(admitted(decide(daqingStandard, '230102', '2024-06-01', [policy])).ruleId).toBe('hlj-harbin-main-points');
  });

  it('Given a scheme, Then each indicator gives points per unit, capped, and the total is their sum (mechanism, not policy meaning)', () => {
    const scheme: PointsScheme = {
      id: 'test', name: 'test',
      indicators: [
        { id: 'e', label: '合法稳定就业', measure: 'legalStableEmployment', pointsPerUnit: 7 },
        { id: 'r', label: '合法稳定住所', measure: 'legalStableResidence', pointsPerUnit: 5 },
        { id: 'i', label: '参加城镇社会保险年限', measure: 'urbanSocialInsuranceYears', pointsPerUnit: 3, maxPoints: 10 },
        { id: 'c', label: '连续居住年限', measure: 'continuousResidenceYears', pointsPerUnit: 1 },
        { id: 'g', label: '为经济发展所做贡献', measure: 'contribution', pointsPerUnit: 2 },
      ],
    };
    const a = application({ employment: employed(12), residence: renting(3), urbanSocialInsuranceMonths: 59, continuousResidenceMonths: 35, pointsIndicators: { contribution: 4 } });
    expect(scorePoints(scheme, a)).toEqual({
      total: 7 + 5 + 10 + 2 + 8,
      breakdown: [{ id: 'e', value: 1, points: 7 }, { id: 'r', value: 1, points: 5 }, { id: 'i', value: 4, points: 10 }, { id: 'c', value: 2, points: 2 }, { id: 'g', value: 4, points: 8 }],
    });
  });
});

describe('黑政发〔2014〕25号 — what it does not cover', () => {
  it('Given 大兴安岭地区 (not named by the document), Then no policy is in force there', () => {
    expect(refused(decide(application({ employment: employed(12), residence: renting(24), urbanSocialInsuranceMonths: 24 }), '232701')).code).toBe('SETTLEMENT.NO_POLICY');
  });
});
