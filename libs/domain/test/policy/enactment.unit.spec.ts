import { type JurisdictionEvent, upcast, UpcastError } from '../../../../events';
import { type BindingFloors, jurisdictionDecider, type JurisdictionCommand, policyWindowsOf } from '../../src/jurisdiction/jurisdiction';
import { catalogueFloorsFor, seedSteps } from '../../src/jurisdiction/seed';
import {
  BUILTIN_POLICIES, CHENZHOU_2016, decideSettlement, HENAN_2017, policyRefOf, type SettlementPolicy, ZHENGZHOU_2017,
} from '../../src/policy';
import { CATALOGUE_CONTENT } from '../../src/policy/catalogue-content';
import { isDomainError } from '../../src/shared/errors';
import { type Fact, factOf } from '../../src/shared/time';
import { NOW } from '../deciders/support';
import { application, employed } from './support';

/** 落户政策 as living data: enacted with content and hash, checked against the superior floors, amended and repealed from dates. */
const on = (effectiveDate: string) => ({ effectiveDate, now: NOW }) as const;

/** A jurisdiction stream run through its decider, keeping the facts. */
const stream = (prefix: string) => {
  let state = jurisdictionDecider.initialState();
  const timeline: Fact[] = [];
  return {
    get state() { return state; },
    decide(c: JurisdictionCommand): readonly JurisdictionEvent[] {
      const events = jurisdictionDecider.decide(c, state, timeline);
      for (const e of events) {
        state = jurisdictionDecider.evolve(state, e);
        timeline.push(factOf(`jurisdiction-${prefix}`, e, timeline.length, c.effectiveDate));
      }
      return events;
    },
    refusal(c: JurisdictionCommand) {
      try { this.decide(c); } catch (e) { if (isDomainError(e)) return { kind: e.kind, code: e.code, problems: e.problems }; throw e; }
      throw new Error('not refused');
    },
  };
};
const enact = (policy: unknown, superiorFloors: readonly BindingFloors[] = [], prefix = (policy as SettlementPolicy).jurisdiction): JurisdictionCommand =>
  ({ type: 'EnactSettlementPolicy', jurisdiction: prefix, policy, superiorFloors, ...on('2017-06-30') });
const HENAN_FLOORS: BindingFloors[] = [{ from: policyRefOf(HENAN_2017), floors: HENAN_2017.floors! }];
/** A copy that may be changed (the catalogue is frozen). */
const copy = (p: SettlementPolicy): SettlementPolicy => JSON.parse(JSON.stringify(p)) as SettlementPolicy;

describe('enacting a policy', () => {
  it('Given a catalogue document, When enacted, Then the event carries its full content and its hash; again the same, Then nothing (idempotent)', () => {
    const zz = stream('4101');
    const [event] = zz.decide(enact(ZHENGZHOU_2017, HENAN_FLOORS));
    expect(event).toMatchObject({ type: 'SettlementPolicyEnacted', data: { policyId: 'zhengzhou-2017', version: '1', contentHash: policyRefOf(ZHENGZHOU_2017).contentHash, policy: ZHENGZHOU_2017 } });
    expect(zz.decide(enact(copy(ZHENGZHOU_2017), HENAN_FLOORS))).toEqual([]);
    expect(zz.refusal(enact({ ...copy(ZHENGZHOU_2017), title: '另一个' }, HENAN_FLOORS))).toMatchObject({ code: 'POLICY.ALREADY_ENACTED' });
  });

  it('Given Henan\'s floors in force, When a Zhengzhou policy asks 36 months of insurance, uses points and owned-only residence, Then 422 listing every violation with Henan\'s clause', () => {
    const bad = copy(ZHENGZHOU_2017);
    const central = bad.tiers[0]!;
    const worker = central.rules.find((r) => r.id === 'zz-central-migrant-worker')!;
    Object.assign(worker, { conditions: [{ kind: 'urbanSocialInsuranceMonths', min: 36 }, { kind: 'legalStableResidence', includesRental: false }] });
    Object.assign(central.rules[0]!, { conditions: [{ kind: 'points', min: 10, scheme: { id: 's', name: '积分', indicators: [] } }] });
    const r = stream('4101').refusal(enact(bad, HENAN_FLOORS));
    expect(r).toMatchObject({ kind: 'illegal-state', code: 'POLICY.FLOORS_VIOLATED' });
    expect(r.problems.map((p) => p.code).sort()).toEqual(['FLOOR.FORBIDDEN_CONDITION', 'FLOOR.INSURANCE_CAP_EXCEEDED', 'FLOOR.RENTAL_NOT_COUNTED']);
    expect(r.problems.every((p) => p.message.includes('豫政办〔2017〕27号'))).toBe(true);
  });

  it('Given content that breaks the published schema or its own structure, Then 400 with every problem; another jurisdiction\'s policy, Then 422', () => {
    expect(stream('4310').refusal(enact({ ...copy(CHENZHOU_2016), version: 0, tiers: 'none' }))).toMatchObject({ kind: 'invalid', problems: [expect.objectContaining({ code: 'POLICY.SCHEMA' }), expect.objectContaining({ code: 'POLICY.SCHEMA' })] });
    const dup = copy(CHENZHOU_2016);
    Object.assign(dup.tiers[1]!.rules[0]!, { id: 'cz-central-general' });
    expect(stream('4310').refusal(enact(dup))).toMatchObject({ kind: 'invalid', code: 'POLICY.DUPLICATE_RULE' });
    expect(stream('4101').refusal(enact(CHENZHOU_2016, [], '4101'))).toMatchObject({ kind: 'illegal-state', code: 'POLICY.JURISDICTION_MISMATCH' });
  });
});

describe('amending and repealing a policy', () => {
  const v2 = (from: string, insurance = 6): SettlementPolicy => {
    const p = copy(CHENZHOU_2016);
    Object.assign(p, { version: 2, effectiveDate: from, documentNo: '郴政发〔2018〕3号' });
    const rule = p.tiers[0]!.rules[0]!;
    Object.assign(rule, { conditions: rule.conditions.map((c) => (c.kind === 'urbanSocialInsuranceMonths' ? { ...c, min: insurance } : c)) });
    return p;
  };
  const amend = (policy: SettlementPolicy, date = '2018-01-01'): JurisdictionCommand => ({ type: 'AmendSettlementPolicy', jurisdiction: '4310', policy, reason: '实施细则公布', superiorFloors: [], ...on(date) });
  const central = '431002001001';
  const worker = application({ residence: { kind: 'rented', sameAddressMonths: 12 }, employment: employed(12), urbanSocialInsuranceMonths: 3 });

  it('Given an amendment from 2018-01-01 requiring 6 months of insurance, Then decisions dated before it use version 1 (and cite its hash), after it version 2', () => {
    const cz = stream('4310');
    cz.decide(enact(CHENZHOU_2016));
    const [amended] = cz.decide(amend(v2('2018-01-01')));
    expect(amended).toMatchObject({ type: 'SettlementPolicyAmended', data: { previousVersion: '1', version: '2', effectiveDate: '2018-01-01' } });
    const windows = policyWindowsOf(cz.state);
    const before = decideSettlement(worker, { regionCode: central }, '2017-12-31', windows);
    const after = decideSettlement(worker, { regionCode: central }, '2018-01-01', windows);
    expect(before).toMatchObject({ outcome: 'admitted', policy: { version: '1', contentHash: policyRefOf(CHENZHOU_2016).contentHash } });
    expect(after).toMatchObject({ outcome: 'refused', policy: { version: '2', documentNo: '郴政发〔2018〕3号' }, unmet: [expect.objectContaining({ condition: 'SETTLEMENT.INSURANCE_TOO_SHORT', required: '>= 6 months' })] });
  });

  it('Given version 1 in force from 2016-01-06, When an amendment dates itself earlier, or keeps the version number, Then TIME.ORDER / POLICY.VERSION_CONFLICT', () => {
    const cz = stream('4310');
    cz.decide(enact(CHENZHOU_2016));
    expect(cz.refusal(amend(v2('2015-12-31')))).toMatchObject({ code: 'TIME.ORDER', problems: [expect.objectContaining({ fact: expect.objectContaining({ event: 'SettlementPolicyEnacted', revision: 0 }) as unknown }) as unknown] });
    expect(cz.refusal(amend({ ...v2('2018-01-01'), version: 1 }))).toMatchObject({ code: 'POLICY.VERSION_CONFLICT' });
  });

  it('Given a repeal from 2020-01-01, Then nothing decides there from that day (NO_POLICY), and the repeal cannot predate the version in force', () => {
    const cz = stream('4310');
    cz.decide(enact(CHENZHOU_2016));
    const repeal = (from: string): JurisdictionCommand => ({ type: 'RepealSettlementPolicy', jurisdiction: '4310', policyId: 'chenzhou-2016', from, documentNo: '郴政发〔2019〕9号', reason: '新文件施行', ...on('2019-12-01') });
    expect(cz.refusal(repeal('2015-01-01'))).toMatchObject({ code: 'TIME.ORDER' });
    cz.decide(repeal('2020-01-01'));
    const windows = policyWindowsOf(cz.state);
    expect(decideSettlement(worker, { regionCode: central }, '2019-12-31', windows)).toMatchObject({ outcome: 'admitted' });
    expect(decideSettlement(worker, { regionCode: central }, '2020-01-01', windows)).toMatchObject({ outcome: 'refused', code: 'SETTLEMENT.NO_POLICY' });
    expect(cz.refusal(amend(v2('2021-01-01')))).toMatchObject({ code: 'POLICY.REPEALED' });
  });
});

describe('the seed and old events', () => {
  it('Given the seed, Then the five documents come in date order, Henan before Zhengzhou, and each passes the floors the catalogue sets for it', () => {
    const steps = seedSteps();
    const order = steps.filter((s) => s.kind === 'policy').map((s) => (s.kind === 'policy' ? s.policy.id : ''));
    expect(order).toEqual(['heilongjiang-2014', 'chenzhou-2016', 'wenzhou-2016', 'henan-2017', 'zhengzhou-2017']);
    expect(catalogueFloorsFor(ZHENGZHOU_2017).map((b) => b.from.id)).toEqual(['henan-2017']);
    for (const policy of BUILTIN_POLICIES) expect(stream(policy.jurisdiction).decide(enact(policy, catalogueFloorsFor(policy)))).toHaveLength(1);
  });

  it('Given a SettlementPolicyEnacted of schema version 1 (a reference only), When read, Then it is upcast with the catalogue content its hash names; an unknown hash cannot be read', () => {
    const ref = policyRefOf(WENZHOU);
    const v1 = { jurisdiction: '3303', policyId: ref.id, version: ref.version, documentNo: ref.documentNo, effectiveDate: '2016-05-06', contentHash: ref.contentHash };
    expect(upcast('SettlementPolicyEnacted', 1, v1, CATALOGUE_CONTENT)).toEqual({ ...v1, policy: WENZHOU });
    expect(() => upcast('SettlementPolicyEnacted', 1, { ...v1, contentHash: 'f'.repeat(64) }, CATALOGUE_CONTENT)).toThrow(UpcastError);
    expect(upcast('SettlementPolicyEnacted', 2, { ...v1, policy: WENZHOU }, CATALOGUE_CONTENT)).toEqual({ ...v1, policy: WENZHOU });
  });
});

const WENZHOU = BUILTIN_POLICIES.find((p) => p.id === 'wenzhou-2016')!;
