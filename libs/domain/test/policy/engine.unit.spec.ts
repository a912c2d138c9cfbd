import { isDomainError } from '../../src/shared/errors';
import { evaluateSettlement, HENAN_2017, type SettlementPolicy } from '../../src/policy';
import { admitted, application, at, decide, employed, FAMILY, refused, renting } from './support';

// The engine's own rules: 严格防止"被落户", no policy → refused, 三权 never a condition, data-only extension.

const mudanjiangWorker = application({ employment: employed(6), residence: renting(6), urbanSocialInsuranceMonths: 12, followers: FAMILY });

describe('严格防止“被落户” (豫政办〔2017〕27号) — settlement only on the applicant\'s own application', () => {
  it('Given an application not made by the applicant, When every condition is met, Then refused NOT_APPLIED_BY_APPLICANT citing the policy\'s clause', () => {
    const d = refused(decide({ ...mudanjiangWorker, ownApplication: false }, '231002'));
    expect(d.code).toBe('SETTLEMENT.NOT_APPLIED_BY_APPLICANT');
    expect(d.policy?.id).toBe('heilongjiang-2014');
    expect(d.unmet).toEqual([expect.objectContaining({ condition: 'SETTLEMENT.NOT_APPLIED_BY_APPLICANT', actual: 'not applied by the applicant' })]);
    expect(d.unmet[0]!.clause).toContain('申请登记常住户口');
  });

  it('Given an own application without a consent record, Then refused the same way', () => {
    for (const consentRef of [undefined, '  '])
      expect(refused(decide({ ...mudanjiangWorker, consentRef }, '231002')).code).toBe('SETTLEMENT.NOT_APPLIED_BY_APPLICANT');
  });

  it('Given no own application and no policy in force either, Then NOT_APPLIED_BY_APPLICANT still comes first', () => {
    expect(refused(decide({ ...mudanjiangWorker, ownApplication: false }, '231002', '2010-01-01')).code).toBe('SETTLEMENT.NOT_APPLIED_BY_APPLICANT');
  });

  it('Given a family member who does not consent, Then that member does not follow', () => {
    const d = admitted(decide({ ...mudanjiangWorker, followers: [{ personRef: 's', relation: 'spouse', coResiding: true, consents: false }] }, '231002'));
    expect(d.followers).toEqual([{ personRef: 's', relation: 'spouse', admitted: false, reason: 'SETTLEMENT.FOLLOWER_NOT_CONSENTING', detail: expect.any(String) as unknown }]);
  });
});

describe('No policy in force', () => {
  it('Given a date before any document (黑政发〔2014〕25号 is dated 2014-10-31), Then refused NO_POLICY with nothing to cite', () => {
    expect(refused(decide(mudanjiangWorker, '231002', '2014-10-30'))).toEqual({ outcome: 'refused', code: 'SETTLEMENT.NO_POLICY', category: 'general', unmet: [] });
    expect(admitted(decide(mudanjiangWorker, '231002', '2014-10-31')).policy.id).toBe('heilongjiang-2014');
  });

  it('Given a destination outside every document (北京 东城区), Then refused NO_POLICY', () => {
    expect(refused(decide(mudanjiangWorker, '110101')).code).toBe('SETTLEMENT.NO_POLICY');
  });
});

describe('三权 — "不得以退出“三权”作为农民进城落户的条件" (郴政发〔2016〕1号, 黑政发〔2014〕25号, 温政发〔2016〕26号, 豫政办〔2017〕27号)', () => {
  it.each([['231002'], ['431081'], ['330381'], ['410122'], ['411321']])('Given an applicant who keeps land rights, When settling in %s, Then the decision is the same as for one who gave them up', (county) => {
    const keeps = decide({ ...mudanjiangWorker, keepsRuralLandRights: true }, county);
    expect(keeps.outcome).toBe('admitted');
    expect(keeps).toEqual(decide({ ...mudanjiangWorker, keepsRuralLandRights: false }, county));
  });
});

describe('Malformed input', () => {
  it('Given a region code that is not 12 digits or a date that does not exist, Then a DomainError (invalid) names each', () => {
    expect.assertions(3);
    try {
      evaluateSettlement(mudanjiangWorker, { regionCode: '231002' }, '2024-02-30');
    } catch (e) {
      if (!isDomainError(e)) throw e;
      expect(e.kind).toBe('invalid');
      expect(e.code).toBe('SETTLEMENT.INVALID_INPUT');
      expect(e.problems.map((p) => p.code)).toEqual(['SETTLEMENT.INVALID_REGION_CODE', 'SETTLEMENT.INVALID_DATE']);
    }
  });
});

describe('A sixth document is data only', () => {
  // A made-up document for 开封 (4102), to show that precedence and amendment need no code.
  const kaifeng = (version: number, effectiveDate: string, min: number): SettlementPolicy => ({
    id: 'kaifeng-test', version, documentNo: '汴政〔测试〕1号', title: 'test', issuer: 'test', jurisdiction: '4102', effectiveDate,
    applicationClause: '根据本人意愿',
    tiers: [{
      id: 'kf', name: '市区', regions: [{ prefix: '4102' }],
      rules: [{ id: `kf-v${version}`, category: 'general', conditions: [{ kind: 'urbanSocialInsuranceMonths', min }], followers: { coResidingRequired: true, spouse: true, parents: true, children: [{}] }, clause: 'test' }],
    }],
  });
  const policies = [HENAN_2017, kaifeng(1, '2018-01-01', 12), kaifeng(2, '2019-01-01', 6)];
  const worker = application({ employment: employed(12), residence: renting(12), urbanSocialInsuranceMonths: 6 });

  it('Given a city document in force, Then it beats the province\'s; before it, the province\'s applies; an amendment beats the earlier version', () => {
    expect(refused(evaluateSettlement(worker, at('410202'), '2017-12-31', policies)).policy?.id).toBe('henan-2017');
    expect(refused(evaluateSettlement(worker, at('410202'), '2018-06-01', policies)).unmet[0]!.ruleId).toBe('kf-v1');
    const d = admitted(evaluateSettlement(worker, at('410202'), '2019-06-01', policies));
    expect(d.policy).toMatchObject({ id: 'kaifeng-test', version: '2' });
  });

  it('Given a document that has ceased (effectiveUntil), Then the next one down applies', () => {
    const ceased = { ...kaifeng(1, '2018-01-01', 12), effectiveUntil: '2018-06-01' };
    expect(refused(evaluateSettlement(worker, at('410202'), '2018-06-01', [HENAN_2017, ceased])).policy?.id).toBe('henan-2017');
  });
});
