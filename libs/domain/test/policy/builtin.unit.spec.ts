import { BUILTIN_POLICIES, policyContentHash, policyProblems, usesPlaceholder } from '../../src/policy';

// The five seed documents as data: sound, quoting their clauses, and pinned by content hash.

describe('The builtin policies', () => {
  it('Given the five seed documents, Then each is encoded with its 文号, jurisdiction and date', () => {
    expect(BUILTIN_POLICIES.map((p) => [p.id, p.version, p.documentNo, p.jurisdiction, p.effectiveDate])).toEqual([
      ['zhengzhou-2017', 1, '郑政〔2017〕18号', '4101', '2017-06-30'],
      ['henan-2017', 1, '豫政办〔2017〕27号', '41', '2017-02-08'],
      ['chenzhou-2016', 1, '郴政发〔2016〕1号', '4310', '2016-01-06'],
      ['wenzhou-2016', 1, '温政发〔2016〕26号', '3303', '2016-05-06'],
      ['heilongjiang-2014', 1, '黑政发〔2014〕25号', '23', '2014-10-31'],
    ]);
  });

  it('Given each policy, Then its data is sound: no structural problem', () => {
    for (const p of BUILTIN_POLICIES) expect(policyProblems(p)).toEqual([]);
  });

  it('Given every rule of every policy, Then it quotes the Chinese clause it implements', () => {
    for (const p of BUILTIN_POLICIES) {
      expect(p.applicationClause).toMatch(/[\u4e00-\u9fff]{4,}/);
      for (const rule of p.tiers.flatMap((t) => t.rules)) expect(rule.clause).toMatch(/[\u4e00-\u9fff]{8,}/);
    }
  });

  it('Given the data, Then the content hashes are pinned: change a policy → bump its version and update its hash here', () => {
    expect(Object.fromEntries(BUILTIN_POLICIES.map((p) => [`${p.id}@${p.version}`, policyContentHash(p)]))).toEqual({
      'zhengzhou-2017@1': '3160e5335fd113567624ce7b8f9e0fb61a4b0c233cc6322c1a611a8132c5728e',
      'henan-2017@1': 'f9ad93d34442bf47b7fd12ea04860de1ed83ae62ea3578df3a5f2b9c96616ad5',
      'chenzhou-2016@1': 'e5b47bdc48e1b31bbd76ccd218a13c2b3cb0ae7e993ef6c408d93995f2d7cfdc',
      'wenzhou-2016@1': '9e9148f86ff433f334fc949e21431cb1c95e2376ab3be857dfc720d56537cf02',
      'heilongjiang-2014@1': 'f5e0d51b82ae7b84ae49fd6cd10187ceda3245f5a6af7521026e14f71798e9bb',
    });
  });

  it('Given the builtins, Then they are frozen: the hash cannot drift at run time', () => {
    for (const p of BUILTIN_POLICIES) {
      expect(Object.isFrozen(p)).toBe(true);
      expect(Object.isFrozen(p.tiers[0]!.rules[0]!.conditions)).toBe(true);
    }
  });

  it('Given the placeholders (numbers the documents do not publish), Then they are exactly those README.md lists', () => {
    const placeholders = Object.fromEntries(BUILTIN_POLICIES.flatMap((p) => p.tiers.flatMap((t) => t.rules))
      .map((r) => [r.id, r.conditions.filter(usesPlaceholder).map((c) => c.kind)] as const)
      .filter(([, kinds]) => kinds.length > 0));
    const standard = ['categoryStandard'];
    expect(placeholders).toEqual({
      ...Object.fromEntries(['relatives', 'home-buyer', 'job-transfer', 'talent', 'investor', 'collective-relocation', 'veteran', 'contributor'].map((c) => [`zz-central-${c}`, standard])),
      'henan-zhengzhou-urban-worker': ['legalStableEmployment', 'legalStableResidence', 'urbanSocialInsuranceMonths'],
      'henan-city-urban-worker': ['legalStableEmployment', 'legalStableResidence', 'urbanSocialInsuranceMonths'],
      ...Object.fromEntries(['counties-talent', 'counties-investor', 'counties-contributor', 'urban-talent', 'urban-investor', 'urban-contributor', 'urban-relatives'].map((c) => [`wz-${c}`, standard])),
      'wz-urban-residence': ['continuousResidenceMonths', 'urbanSocialInsuranceMonths'],
      'wz-urban-employment': ['continuousResidenceMonths', 'urbanSocialInsuranceMonths'],
      'hlj-harbin-main-points': ['points'],
      'hlj-harbin-other-relaxed': ['employmentContractMonths', 'sameAddressResidenceMonths', 'urbanSocialInsuranceMonths'],
      'hlj-harbin-other-points': ['points'],
    });
  });

  it('Given a policy with a broken rule, Then policyProblems names each problem', () => {
    const p = BUILTIN_POLICIES[2]!;
    const broken = {
      ...p, version: 0, effectiveUntil: '2015-01-01',
      tiers: [{ ...p.tiers[0]!, regions: [{ prefix: '4301' }], rules: [p.tiers[0]!.rules[0]!, { ...p.tiers[0]!.rules[0]!, clause: ' ' }] }],
    };
    expect(policyProblems(broken).map((x) => x.code)).toEqual(['POLICY.BAD_DATE', 'POLICY.BAD_VERSION', 'POLICY.REGION_OUTSIDE', 'POLICY.DUPLICATE_RULE', 'POLICY.NO_CLAUSE']);
  });
});
