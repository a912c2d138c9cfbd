import { ZHENGZHOU_2017 } from '../../src/policy';
import { admitted, admittedFollowers, application, decide, employed, FAMILY, refused, renting, unmetCodes } from './support';

// 郑政〔2017〕18号. 中心城区: 金水 410105 …; 县（市）、上街区: 中牟县 410122, 巩义市 410181, 上街区 410106.

describe('郑政〔2017〕18号 — 中心城区', () => {
  // "以具有合法稳定就业和合法稳定住所（含租赁）为条件……外来务工人员需在我市参加城镇社会保险满2年"
  const migrant = (months: number) => application({ category: 'migrant-worker', employment: employed(12), residence: renting(12), urbanSocialInsuranceMonths: months });

  it('Given a migrant worker with 24 months of urban insurance in Zhengzhou, When settling in 金水区, Then admitted with spouse, children and parents ("配偶、子女和父母")', () => {
    const d = admitted(decide({ ...migrant(24), followers: FAMILY }, '410105'));
    expect(d).toMatchObject({ ruleId: 'zz-central-migrant-worker', category: 'migrant-worker', tierId: 'zz-central', reliesOnPlaceholders: false });
    expect(d.policy).toMatchObject({ id: 'zhengzhou-2017', version: '1', documentNo: '郑政〔2017〕18号' });
    expect(admittedFollowers(d)).toEqual(['spouse', 'minor-child', 'adult-unmarried-no-income', 'adult-married-with-income', 'parent']);
  });

  it('Given 23 months of insurance ("满2年"), Then refused with only the insurance condition', () => {
    const d = refused(decide(migrant(23), '410105'));
    expect(d.unmet).toEqual([expect.objectContaining({
      ruleId: 'zz-central-migrant-worker', condition: 'SETTLEMENT.INSURANCE_TOO_SHORT', required: '>= 24 months', actual: '23 months',
    })]);
  });

  it('Given a general applicant from outside the city, Then the 外来务工人员 rule applies to them', () => {
    expect(admitted(decide({ ...migrant(24), category: 'general' }, '410105')).ruleId).toBe('zz-central-migrant-worker');
  });

  it('Given a move from 中牟县 into 金水区 ("郑州县（市）、上街区户籍人口迁入中心城区，须符合迁入中心城区的规定"), Then the central rules apply all the same', () => {
    const fromCounty = { ...migrant(23), originRegionCode: '410122001000' };
    expect(unmetCodes(refused(decide(fromCounty, '410105')))).toEqual(['zz-central-migrant-worker:SETTLEMENT.INSURANCE_TOO_SHORT']);
    expect(admitted(decide(fromCounty, '410181')).ruleId).toBe('zz-counties-residence');
  });

  it('Given every code the document names as 中心城区 (郑东新区 lies in 金水/管城), Then each is in the central tier', () => {
    for (const county of ['410105', '410102', '410103', '410104', '410108', '410173', '410171', '410172'])
      expect(refused(decide(migrant(0), county)).tierId).toBe('zz-central');
  });

  it('Given a category with its own standard (引进人才), Then employment, residence and the certified standard are required, reported together', () => {
    const d = refused(decide(application({ category: 'talent' }), '410105'));
    expect(unmetCodes(d)).toEqual([
      'zz-central-talent:SETTLEMENT.NO_LEGAL_STABLE_EMPLOYMENT',
      'zz-central-talent:SETTLEMENT.NO_LEGAL_STABLE_RESIDENCE',
      'zz-central-talent:SETTLEMENT.CATEGORY_STANDARD_NOT_MET',
    ]);
    expect(d.unmet[2]!.placeholder).toBe(true);
    const ok = admitted(decide(application({ category: 'talent', employment: employed(12), residence: renting(1), meetsCategoryStandard: true }), '410105'));
    expect(ok).toMatchObject({ ruleId: 'zz-central-talent', reliesOnPlaceholders: true });
  });

  it('Given an urban-origin veteran, Then both veteran routes are reported, each with its own unmet conditions (per candidate rule)', () => {
    const d = refused(decide(application({ category: 'veteran', ruralOrigin: false }), '410105'));
    expect(unmetCodes(d)).toEqual([
      'zz-central-open-veteran:SETTLEMENT.NOT_RURAL_ORIGIN',
      'zz-central-veteran:SETTLEMENT.NO_LEGAL_STABLE_EMPLOYMENT',
      'zz-central-veteran:SETTLEMENT.NO_LEGAL_STABLE_RESIDENCE',
      'zz-central-veteran:SETTLEMENT.CATEGORY_STANDARD_NOT_MET',
    ]);
  });

  it('Given a category no central rule is open to (参军进入城镇 is not in this document), Then refused CATEGORY_NOT_ELIGIBLE listing each rule\'s categories', () => {
    const d = refused(decide(application({ category: 'rural-enlistee' }), '410105'));
    expect(d.code).toBe('SETTLEMENT.CATEGORY_NOT_ELIGIBLE');
    expect(d.unmet).toHaveLength(ZHENGZHOU_2017.tiers[0]!.rules.length);
    expect(d.unmet.every((u) => u.condition === 'SETTLEMENT.CATEGORY_NOT_ELIGIBLE' && u.actual === 'rural-enlistee')).toBe(true);
  });
});

describe('郑政〔2017〕18号 — 全面放开重点群体', () => {
  // "全面放开对高校毕业生、技术工人、职业院校毕业生、留学归国人员和迁入城镇的农村籍退伍转业军人的落户限制"
  it.each([
    ['graduate', {}], ['technical-worker', {}], ['returned-overseas-student', {}], ['veteran', { ruralOrigin: true }], ['rural-student', {}],
  ] as const)('Given a %s with nothing else, When settling in 金水区 or 中牟县, Then admitted', (category, extra) => {
    for (const county of ['410105', '410122']) expect(admitted(decide(application({ category, ...extra }), county)).category).toBe(category);
  });

  it('Given a rural student moving to the campus ("将户口迁至高校所在地"), Then the student moves alone', () => {
    const d = admitted(decide(application({ category: 'rural-student', followers: FAMILY }), '410105'));
    expect(admittedFollowers(d)).toEqual([]);
  });
});

describe('郑政〔2017〕18号 — 县（市）、上街区全面放开', () => {
  // "在县（市）、上街区政府驻地镇和其他建制镇有合法稳定住所（含租赁）的人员，及其共同居住生活的配偶、子女和父母"
  it('Given a registered rental in 中牟县 and no job or insurance, Then admitted with the co-residing family', () => {
    const d = admitted(decide(application({ residence: renting(1), followers: FAMILY }), '410122'));
    expect(d.ruleId).toBe('zz-counties-residence');
    expect(admittedFollowers(d)).toHaveLength(FAMILY.length);
  });

  it('Given 巩义市 and 上街区, Then they are in the open tier too', () => {
    expect(admitted(decide(application({ residence: renting(1) }), '410181')).tierId).toBe('zz-counties');
    expect(admitted(decide(application({ residence: renting(1) }), '410106')).tierId).toBe('zz-counties');
  });

  it('Given a lease not registered with the housing office ("在当地房管部门办理租赁登记备案"), Then refused naming the registration', () => {
    expect(unmetCodes(refused(decide(application({ residence: renting(12, false) }), '410181')))).toEqual(['zz-counties-residence:SETTLEMENT.RENTAL_NOT_REGISTERED']);
  });

  it('Given a parent who lives elsewhere ("共同居住生活的"), Then the parent does not follow', () => {
    const d = admitted(decide(application({ residence: { kind: 'owned', sameAddressMonths: 0 }, followers: [{ personRef: 'p', relation: 'parent', coResiding: false, consents: true }] }), '410122'));
    expect(d.followers).toEqual([{ personRef: 'p', relation: 'parent', admitted: false, reason: 'SETTLEMENT.FOLLOWER_NOT_CO_RESIDING', detail: expect.stringContaining('共同居住生活的') as unknown }]);
  });
});
