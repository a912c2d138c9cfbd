import { admitted, admittedFollowers, application, child, decide, employed, FAMILY, refused, renting, unmetCodes } from './support';

// 温政发〔2016〕26号. 两市五县: 瑞安市 330381, 乐清市 330382 …, 龙港市 330383 (from 苍南); 市区: 鹿城区 330302 … 洞头区 330305.

describe('温政发〔2016〕26号 — 两市五县全面放开', () => {
  // "有合法稳定住所（含租赁）的人员，本人及其共同居住生活的配偶、未成年子女（包括无生活来源的未婚子女，下同）、父母等"
  it('Given a rental in 瑞安, When settling there, Then admitted with spouse, minor children, unmarried children without income and parents', () => {
    const d = admitted(decide(application({ residence: renting(2, false), followers: FAMILY }), '330381'));
    expect(d.ruleId).toBe('wz-counties-residence');
    expect(admittedFollowers(d)).toEqual(['spouse', 'minor-child', 'adult-unmarried-no-income', 'parent']);
  });

  it('Given an adult child with an income, Then the child does not follow — married or not', () => {
    const d = admitted(decide(application({
      residence: renting(2), followers: [child('earner', { minor: false, married: false, hasIncome: true }), child('married', { minor: false, married: true, hasIncome: false })],
    }), '330381'));
    expect(d.followers.map((f) => [f.personRef, f.admitted])).toEqual([['earner', false], ['married', false]]);
  });

  // "以及其他有合法稳定就业且按照国家规定参加城镇社会保险的人员，可以在当地申请常住户口"
  it('Given no home but a stable job with urban insurance, Then admitted on the employment route', () => {
    expect(admitted(decide(application({ employment: employed(12), urbanSocialInsuranceMonths: 3 }), '330382')).ruleId).toBe('wz-counties-employment');
  });

  it('Given neither home nor job, Then both candidate routes are reported with every unmet condition', () => {
    expect(unmetCodes(refused(decide(application(), '330324')))).toEqual([
      'wz-counties-residence:SETTLEMENT.NO_LEGAL_STABLE_RESIDENCE',
      'wz-counties-employment:SETTLEMENT.NO_LEGAL_STABLE_EMPLOYMENT',
      'wz-counties-employment:SETTLEMENT.INSURANCE_TOO_SHORT',
    ]);
  });

  // "城镇经济社会发展需要的引进人才、投资人员和突出贡献人员"
  it('Given a certified investor without a home, Then admitted; the standard is a placeholder for the 实施细则', () => {
    expect(admitted(decide(application({ category: 'investor', meetsCategoryStandard: true }), '330327'))).toMatchObject({ ruleId: 'wz-counties-investor', reliesOnPlaceholders: true });
  });

  it('Given 龙港市 (split from 苍南县 in 2019), Then it keeps the county rules', () => {
    expect(admitted(decide(application({ residence: renting(1) }), '330383')).tierId).toBe('wz-counties');
  });
});

describe('温政发〔2016〕26号 — 市区（含洞头区）', () => {
  // "引进人才、投资人员和有突出贡献人员等，可以不受上述条件限制"
  it('Given certified talent, When settling in 鹿城区, Then admitted regardless of residence and insurance', () => {
    expect(admitted(decide(application({ category: 'talent', meetsCategoryStandard: true }), '330302')).ruleId).toBe('wz-urban-talent');
  });

  // "分别设定进一步放宽的住所条件、就业类型、居住年限和按照国家规定参加城镇社会保险年限等具体落户标准" — numbers left to 实施细则
  it('Given a renter in 洞头区 short of the placeholder years, Then refused on both routes, each unmet threshold marked as a placeholder', () => {
    const d = refused(decide(application({ residence: renting(12), continuousResidenceMonths: 12, urbanSocialInsuranceMonths: 12 }), '330305'));
    expect(d.tierId).toBe('wz-urban');
    expect(unmetCodes(d)).toEqual([
      'wz-urban-residence:SETTLEMENT.RESIDENCE_TOO_SHORT',
      'wz-urban-employment:SETTLEMENT.NO_LEGAL_STABLE_EMPLOYMENT',
      'wz-urban-employment:SETTLEMENT.RESIDENCE_TOO_SHORT',
      'wz-urban-employment:SETTLEMENT.INSURANCE_TOO_SHORT',
    ]);
    expect(d.unmet.filter((u) => u.placeholder).map((u) => u.condition)).toEqual(['SETTLEMENT.RESIDENCE_TOO_SHORT', 'SETTLEMENT.RESIDENCE_TOO_SHORT', 'SETTLEMENT.INSURANCE_TOO_SHORT']);
  });

  it('Given the same renter with enough years, Then admitted on the residence route, flagged as resting on placeholders', () => {
    const d = admitted(decide(application({ residence: renting(12), continuousResidenceMonths: 24, urbanSocialInsuranceMonths: 12 }), '330302'));
    expect(d).toMatchObject({ ruleId: 'wz-urban-residence', reliesOnPlaceholders: true });
  });
});
