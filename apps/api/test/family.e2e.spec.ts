import { type Api, citizenIdOf, startApi } from './harness';

/**
 * 随迁 as one application, per document: a principal admitted to settle, followed by a family of six — a spouse,
 * a 15-year-old, a 19-year-old with an income, a married daughter, an unmarried adult child without income and a
 * parent — each decided under the destination document's follower rule (quoted) on their own facts; minority
 * comes from the registry's own date of birth. One decision is recorded; every admitted member moves exactly once.
 */
const ON = '2026-06-01';
const MEMBERS = [
  { key: 'spouse', relation: 'spouse', born: '1988-03-03', sex: 'female' },
  { key: 'child15', relation: 'child', born: '2011-01-15', sex: 'male', married: false, hasIncome: false },
  { key: 'child19', relation: 'child', born: '2007-02-02', sex: 'female', married: false, hasIncome: true },
  { key: 'marriedDaughter', relation: 'child', born: '1998-04-04', sex: 'female', married: true, hasIncome: true },
  { key: 'unmarriedNoIncome', relation: 'child', born: '2002-05-05', sex: 'male', married: false, hasIncome: false },
  { key: 'parent', relation: 'parent', born: '1960-06-06', sex: 'male' },
] as const;
type Key = (typeof MEMBERS)[number]['key'];

/** Each document: where the family goes, what the principal brings, the follower clause quoted, and who follows. */
const DOCUMENTS: readonly { name: string; from: string; to: string; clause: string; conditions: Record<string, unknown>; follows: Readonly<Record<Key, boolean>> }[] = [
  {
    name: '郑政〔2017〕18号 (Zhengzhou, 金水区): 配偶、子女和父母', from: '410102001002', to: '410105001003', clause: '共同居住生活的配偶、子女和父母',
    conditions: { category: 'migrant-worker', urbanSocialInsuranceMonths: 24 },
    follows: { spouse: true, child15: true, child19: true, marriedDaughter: true, unmarriedNoIncome: true, parent: true },
  },
  {
    name: '豫政办〔2017〕27号 (Henan, 洛阳新安县): 配偶、子女、父母', from: '410102001003', to: '410323001001', clause: '及其共同居住生活的配偶、子女、父母等',
    conditions: { category: 'general' },
    follows: { spouse: true, child15: true, child19: true, marriedDaughter: true, unmarriedNoIncome: true, parent: true },
  },
  {
    name: '郴政发〔2016〕1号 (Chenzhou, 北湖区): 配偶、未婚子女、父母', from: '410102001004', to: '431002001001', clause: '本人及其共同居住生活的配偶、未婚子女、父母等',
    conditions: { category: 'general', urbanSocialInsuranceMonths: 6 },
    follows: { spouse: true, child15: true, child19: true, marriedDaughter: false, unmarriedNoIncome: true, parent: true },
  },
  {
    name: '温政发〔2016〕26号 (Wenzhou, 乐清市): 配偶、未成年子女（包括无生活来源的未婚子女）、父母', from: '410102001005', to: '330382001001', clause: '配偶、未成年子女（包括无生活来源的未婚子女，下同）、父母等',
    conditions: { category: 'general' },
    follows: { spouse: true, child15: true, child19: false, marriedDaughter: false, unmarriedNoIncome: true, parent: true },
  },
  {
    name: '黑政发〔2014〕25号 (Heilongjiang, 牡丹江): 配偶、未成年子女、父母', from: '410102001006', to: '231002001001', clause: '本人及其共同居住生活的配偶、未成年子女、父母等',
    conditions: { category: 'general', urbanSocialInsuranceMonths: 12, employment: { legalStableEmployment: true, contractMonths: 12 } },
    follows: { spouse: true, child15: true, child19: false, marriedDaughter: false, unmarriedNoIncome: false, parent: true },
  },
];

describe('family settlement (随迁) as one application', () => {
  let api: Api;
  let registrar: string;
  let auditor: string;
  beforeAll(async () => {
    api = await startApi();
    registrar = api.token('registrar', { regions: ['41', '43', '33', '23'] });
    auditor = api.token('auditor');
  });
  afterAll(() => api.close());

  const post = async (path: string, body: unknown, status = 201) => {
    const r = await api.call('POST', path, { token: registrar, body });
    expect([path, r.status, r.body.code]).toEqual([path, status, undefined]);
    return r;
  };
  let sequence = 100;
  const register = async (householdId: string, born: string, sex: string, relationToHead: string): Promise<string> => {
    sequence += 2;
    const id = citizenIdOf(`410102${born.replaceAll('-', '')}${String(sex === 'male' ? sequence + 1 : sequence).padStart(3, '0')}`);
    await post('/persons', { citizenId: id, name: '某人', sex, dateOfBirth: born, householdId, relationToHead, registrationType: 'resident', reason: 'historical-import', effectiveDate: born < '2012-01-01' ? '2012-01-01' : born });
    return id;
  };
  /** Given a household of the principal and the six members, and a household at the destination. */
  const family = async (tag: string, from: string, to: string) => {
    await post('/households', { householdId: `${tag}-home`, kind: 'family', regionCode: from, address: '原住址 1号', effectiveDate: '2000-01-01' });
    await post('/households', { householdId: `${tag}-new`, kind: 'family', regionCode: to, address: '新住址 2号', effectiveDate: '2000-01-01' });
    const principal = await register(`${tag}-home`, '1986-01-01', 'male', 'head');
    const ids = {} as Record<Key, string>;
    for (const m of MEMBERS) ids[m.key] = await register(`${tag}-home`, m.born, m.sex, m.relation === 'spouse' ? 'spouse' : m.relation === 'parent' ? 'parent' : 'child');
    return { principal, ids };
  };
  const application = (tag: string, conditions: Record<string, unknown>, ids: Record<Key, string>) => ({
    applicationRef: `FAM-${tag}`, ownApplication: true, consentRef: `申请书-${tag}`, toHouseholdId: `${tag}-new`, relationToHead: 'head',
    residence: { kind: 'rented', sameAddressMonths: 12, rentalRegistered: true }, employment: { legalStableEmployment: true, contractMonths: 24 },
    urbanSocialInsuranceMonths: 0, continuousResidenceMonths: 24, effectiveDate: ON, ...conditions,
    followers: MEMBERS.map((m) => ({
      citizenId: ids[m.key], relation: m.relation, consentRef: `同意书-${m.key}`, coResiding: true, evidence: [`证明-${m.key}`],
      ...('married' in m ? { married: m.married, hasIncome: m.hasIncome } : {}),
    })),
  });

  it.each(DOCUMENTS.map((d, i) => [d.name, d, i] as const))('%s: each member\'s outcome follows the clause; one decision, each admitted member moved exactly once', async (_name, doc, i) => {
    const tag = `f${i}`;
    const { principal, ids } = await family(tag, doc.from, doc.to);
    const r = await post(`/persons/${principal}/settlement-applications`, application(tag, doc.conditions, ids), 200);
    expect(r.body.family.clause).toContain(doc.clause);
    const principalMove = r.body.events.find((e: { type: string }) => e.type === 'HukouMigrated').data as Record<string, unknown>;
    const outcome = Object.fromEntries(MEMBERS.map((m) => [m.key, r.body.family.members.find((x: { citizenId: string }) => x.citizenId === ids[m.key]).follows as boolean]));
    expect(outcome).toEqual(doc.follows);
    // Minority comes from the registry's own date of birth on the application date.
    expect(r.body.family.members.map((m: { facts: { age: number; minor: boolean } }) => [m.facts.age, m.facts.minor])).toEqual([[38, false], [15, true], [19, false], [28, false], [24, false], [65, false]]);
    for (const m of MEMBERS) {
      const history = (await api.call('GET', `/audit/persons/${ids[m.key]}/history`, { token: auditor })).body.events as { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }[];
      const moves = history.filter((e) => e.type === 'HukouMigrated');
      expect([m.key, moves.length]).toEqual([m.key, doc.follows[m.key] ? 1 : 0]);
      if (doc.follows[m.key]) {
        // Each member's move cites the principal's application, policy (version and hash), rule and category, and the member's own consent.
        expect(moves[0]!.data).toMatchObject({ principalApplicant: principal, applicationRef: `FAM-${tag}`, consentRef: `同意书-${m.key}`, to: { householdId: `${tag}-new` }, policy: principalMove.policy, ruleId: principalMove.ruleId, category: principalMove.category });
        expect(moves[0]!.metadata.effectiveDate).toBe(ON);
      }
      const member = r.body.family.members.find((x: { citizenId: string }) => x.citizenId === ids[m.key]);
      expect([m.key, member.outcome]).toEqual([m.key, doc.follows[m.key] ? 'moved' : 'does-not-follow']);
      if (!doc.follows[m.key]) expect(member.reason).toMatch(/^SETTLEMENT\.FOLLOWER_/);
    }
    const principalHistory = (await api.call('GET', `/audit/persons/${principal}/history`, { token: auditor })).body.events.map((e: { type: string }) => e.type);
    expect(principalHistory).toEqual(['PersonRegistered', 'FamilySettlementDecided', 'HukouMigrated', 'FamilySettlementCompleted']);
    const decided = (await api.call('GET', `/audit/persons/${principal}/history`, { token: auditor })).body.events[1].data;
    expect(decided.policy).toEqual(r.body.events.find((e: { type: string }) => e.type === 'HukouMigrated').data.policy);
  });

  it('Given the principal is refused, Then 422 with the unmet conditions, the refusal recorded on the principal only, and no member decided or moved', async () => {
    const { principal, ids } = await family('fr', '410102001011', '410105001006');
    const before = await api.logLength();
    const r = await api.call('POST', `/persons/${principal}/settlement-applications`, { token: registrar, body: application('fr', { category: 'migrant-worker', urbanSocialInsuranceMonths: 3 }, ids) });
    expect([r.status, r.body.code]).toEqual([422, 'SETTLEMENT.CONDITIONS_UNMET']);
    expect(await api.logLength()).toBe(before + 1);
    const history = (await api.call('GET', `/audit/persons/${ids.spouse}/history`, { token: auditor })).body.events.map((e: { type: string }) => e.type);
    expect(history).toEqual(['PersonRegistered']);
  });

  it('Given a follower without consent, one not registered, and one declaring minority, Then: no consent → does not follow (the family goes on); unknown member → 422 and nothing recorded; a declared minority → 400', async () => {
    const { principal, ids } = await family('fc', '410102001013', '410105001007');
    const body = application('fc', { category: 'migrant-worker', urbanSocialInsuranceMonths: 24 }, ids);
    const before = await api.logLength();
    const unknown = await api.call('POST', `/persons/${principal}/settlement-applications`, { token: registrar, body: { ...body, followers: [...body.followers, { citizenId: citizenIdOf('41010219700101555'), relation: 'parent', consentRef: 'c', coResiding: true }] } });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'FAMILY.MEMBER_NOT_REGISTERED']);
    const declared = await api.call('POST', `/persons/${principal}/settlement-applications`, { token: registrar, body: { ...body, followers: [{ ...body.followers[1], minor: true }] } });
    expect([declared.status, declared.body.problems[0].path]).toEqual([400, 'body.followers.0.minor']);
    expect(await api.logLength()).toBe(before);
    const { consentRef: _none, ...spouse } = body.followers[0]!;
    const r = await post(`/persons/${principal}/settlement-applications`, { ...body, followers: [spouse, ...body.followers.slice(1)] }, 200);
    expect(r.body.family.members[0]).toMatchObject({ citizenId: ids.spouse, follows: false, reason: 'SETTLEMENT.FOLLOWER_NOT_CONSENTING', outcome: 'does-not-follow' });
    expect(r.body.family.members.filter((m: { outcome: string }) => m.outcome === 'moved')).toHaveLength(5);
  });

  it('Given a retry of a family application with the same Idempotency-Key, Then the same answer comes back and nobody moves twice', async () => {
    const { principal, ids } = await family('fi', '410102001014', '410105001008');
    const body = application('fi', { category: 'migrant-worker', urbanSocialInsuranceMonths: 24 }, ids);
    const first = await api.call('POST', `/persons/${principal}/settlement-applications`, { token: registrar, body, headers: { 'idempotency-key': 'fam-fi' } });
    const length = await api.logLength();
    const again = await api.call('POST', `/persons/${principal}/settlement-applications`, { token: registrar, body, headers: { 'idempotency-key': 'fam-fi' } });
    expect([first.status, again.status, again.body.replayed]).toEqual([200, 200, true]);
    expect(again.body.family.members.map((m: { outcome: string }) => m.outcome)).toEqual(first.body.family.members.map((m: { outcome: string }) => m.outcome));
    expect(await api.logLength()).toBe(length);
  });
});
