import { admitted, admittedFollowers, application, child, decide, employed, FAMILY, refused, renting, unmetCodes } from './support';

// 郴政发〔2016〕1号. 中心城区: 北湖区 431002, 苏仙区 431003; other towns: 资兴市 431081, 桂阳县 431021 ….

describe('郴政发〔2016〕1号 — 市中心城区', () => {
  // "在郴州市中心城区有合法稳定就业并有合法稳定住所（含租赁），同时按照国家规定在当地参加城镇社会保险的人员，本人及其共同居住生活的配偶、未婚子女、父母等"
  const worker = application({ employment: employed(12), residence: renting(3), urbanSocialInsuranceMonths: 1, followers: FAMILY });

  it('Given employment, a rental and urban insurance, When settling in 北湖区, Then admitted with spouse, unmarried children and parents', () => {
    const d = admitted(decide(worker, '431002'));
    expect(d).toMatchObject({ ruleId: 'cz-central-general', tierId: 'cz-central' });
    expect(admittedFollowers(d)).toEqual(['spouse', 'minor-child', 'adult-unmarried-no-income', 'parent']);
  });

  it('Given an unmarried adult child and a married child ("未婚子女"), Then the unmarried one follows and the married one does not', () => {
    const d = admitted(decide({ ...worker, followers: [child('unmarried', { minor: false, married: false, hasIncome: true }), child('married', { minor: false, married: true })] }, '431003'));
    expect(d.followers).toEqual([
      { personRef: 'unmarried', relation: 'child', admitted: true },
      { personRef: 'married', relation: 'child', admitted: false, reason: 'SETTLEMENT.FOLLOWER_CHILD_NOT_COVERED', detail: expect.stringContaining('the clause admits unmarried children') as unknown },
    ]);
  });

  it('Given a child whose marital status is not stated, Then the child does not follow (unknown facts never qualify) and the refusal names the fact to declare', () => {
    const d = admitted(decide({ ...worker, followers: [child('unknown', {})] }, '431002'));
    expect(d.followers[0]).toMatchObject({ admitted: false, reason: 'SETTLEMENT.FOLLOWER_FACT_UNKNOWN', detail: expect.stringContaining('declare married') as unknown });
  });

  it('Given no urban insurance and no job, Then refused listing both', () => {
    const d = refused(decide({ ...worker, employment: { legalStableEmployment: false, contractMonths: 0 }, urbanSocialInsuranceMonths: 0 }, '431002'));
    expect(unmetCodes(d)).toEqual(['cz-central-general:SETTLEMENT.NO_LEGAL_STABLE_EMPLOYMENT', 'cz-central-general:SETTLEMENT.INSURANCE_TOO_SHORT']);
  });
});

describe('郴政发〔2016〕1号 — 其他县级市市区、县人民政府驻地镇和其他建制镇', () => {
  // "在全市其他县级市市区、县人民政府驻地镇和其他建制镇有合法稳定住所（含租赁）的人员 … 均可以在当地申请登记常住户口"
  it('Given a rental and nothing else, When settling in 资兴市 or 桂阳县, Then admitted', () => {
    for (const county of ['431081', '431021']) expect(admitted(decide(application({ residence: renting(1, false) }), county)).ruleId).toBe('cz-towns-residence');
  });

  it('Given a collective dormitory, Then it is not a 合法稳定住所 and the application is refused', () => {
    const d = refused(decide(application({ residence: { kind: 'collective', sameAddressMonths: 24 } }), '431081'));
    expect(d.unmet).toEqual([expect.objectContaining({ condition: 'SETTLEMENT.NO_LEGAL_STABLE_RESIDENCE', actual: 'collective' })]);
  });
});
