import { CHENZHOU_2016, type SettlementPolicy, ZHENGZHOU_2017 } from '../../../libs/domain/src/policy';
import { type Api, citizenIdOf, householdRequest, settlementRequest, startApi } from './harness';

/**
 * 落户政策 as living data, over HTTP on a fresh registry: the seed documents are in force without any admin
 * step, a city policy that breaks Henan's floors is refused with every violation, an amendment from a date
 * changes decisions after it only, decisions name the enacted version and hash, and nobody reads source code
 * to find ids or codes (GET /policies, /policies/{id}, /regions).
 */
describe('policies as living data', () => {
  let api: Api;
  let admin: string;
  let registrar: string;
  beforeAll(async () => {
    api = await startApi();
    admin = api.token('admin');
    registrar = api.token('registrar', { regions: ['41', '43', '33'] });
  });
  afterAll(() => api.close());

  const post = (path: string, body: unknown, token = registrar) => api.call('POST', path, { token, body });
  const copy = (p: SettlementPolicy): SettlementPolicy => JSON.parse(JSON.stringify(p)) as SettlementPolicy;
  let n = 0;
  const person = async (household: string, region: string): Promise<string> => {
    await post('/households', { ...householdRequest(household, region), effectiveDate: '2000-01-01' });
    const id = citizenIdOf(`${region.slice(0, 6)}19800101${String(++n).padStart(3, '0')}`);
    const r = await post('/persons', { citizenId: id, name: '周某', sex: n % 2 ? 'male' : 'female', dateOfBirth: '1980-01-01', householdId: household, relationToHead: 'head', registrationType: 'resident', reason: 'historical-import', effectiveDate: '2001-01-01' });
    expect(r.status).toBe(201);
    return id;
  };

  it('Given a fresh registry, Then GET /policies shows each seed document in force with its rules and clauses, and the cut-overs, without any admin step', async () => {
    const r = await api.call('GET', '/policies?asOf=2020-01-01', { token: registrar });
    const byJurisdiction = Object.fromEntries(r.body.jurisdictions.map((j: { jurisdiction: string }) => [j.jurisdiction, j]));
    expect(Object.keys(byJurisdiction).sort()).toEqual(['23', '3303', '41', '4101', '4310']);
    expect(byJurisdiction['4101']).toMatchObject({ name: '河南省郑州市', cutover: { date: '2017-06-30', documentNo: '郑政〔2017〕18号', inForce: true }, policies: [{ id: 'zhengzhou-2017', version: '1', inForce: { from: '2017-06-30', until: null } }] });
    expect(byJurisdiction['4101'].policies[0].policy.tiers[0].rules[0].clause).toMatch(/全面放开/);
    const before = await api.call('GET', '/policies?asOf=2016-01-01&region=4101', { token: registrar });
    expect(before.body.jurisdictions.map((j: { jurisdiction: string; policies: unknown[]; cutover: { inForce: boolean } }) => [j.jurisdiction, j.policies, j.cutover.inForce])).toEqual([['41', [], false], ['4101', [], false]]);
    const catalogue = await api.call('GET', '/policies/catalogue', { token: registrar });
    expect(catalogue.body.documents.map((d: { documentNo: string }) => d.documentNo)).toEqual(expect.arrayContaining(['郑政〔2017〕18号', '黑政发〔2014〕25号']));
    expect((await api.call('GET', '/docs/settlement-policy.schema.json')).body).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', properties: { tiers: { type: 'array' } } });
  });

  it('Given the regions route, Then a prefix lists its units with names and levels, and a village its urban-rural class on a date', async () => {
    const city = await api.call('GET', '/regions?prefix=4101', { token: registrar });
    expect(city.body).toMatchObject({ code: '4101', name: '郑州市', level: 'prefecture', fullName: '河南省郑州市' });
    expect(city.body.children).toEqual(expect.arrayContaining([expect.objectContaining({ code: '410105', name: '金水区', level: 'county' })]));
    const town = await api.call('GET', '/regions?prefix=410122001', { token: registrar });
    expect(town.body.children[0]).toMatchObject({ code: '410122001001', level: 'village', urbanRuralClass: '111', urban: true });
    const re = await post('/jurisdictions/4101/reclassifications', { region: '410122001001', class: '220', reason: '撤销社区', effectiveDate: '2021-01-01' }, admin);
    const after = (asOf: string) => api.call('GET', `/regions?prefix=410122001&asOf=${asOf}&after=${re.body.position as string}`, { token: registrar });
    expect((await after('2020-12-31')).body.children[0].urbanRuralClass).toBe('111');
    expect((await after('2021-01-01')).body.children[0]).toMatchObject({ urbanRuralClass: '220', urban: false });
    expect((await api.call('GET', '/regions', { token: registrar })).body.jurisdictions.map((j: { code: string }) => j.code)).toEqual(expect.arrayContaining(['41', '23']));
  });

  it('Given Henan\'s floors, When a Luoyang policy asks 2 years of insurance, uses points and counts only owned homes, Then 422 listing every violation, and nothing is appended', async () => {
    const luoyang = copy(CHENZHOU_2016);
    Object.assign(luoyang, { id: 'luoyang-2018', jurisdiction: '4103', documentNo: '洛政〔2018〕1号', effectiveDate: '2018-03-01', floors: undefined });
    Object.assign(luoyang.tiers[0]!, { id: 'ly-central', regions: [{ prefix: '410303', name: '西工区' }] });
    Object.assign(luoyang.tiers[0]!.rules[0]!, { id: 'ly-central-general', conditions: [{ kind: 'urbanSocialInsuranceMonths', min: 24 }, { kind: 'legalStableResidence', includesRental: false }, { kind: 'points', min: 60, scheme: { id: 'ly', name: '积分', indicators: [] } }] });
    Object.assign(luoyang.tiers[1]!, { id: 'ly-towns', regions: [{ prefix: '410322', name: '孟津' }] });
    Object.assign(luoyang.tiers[1]!.rules[0]!, { id: 'ly-towns-residence' });
    const before = await api.logLength();
    const r = await post('/jurisdictions/4103/policies', { policy: luoyang }, admin);
    expect([r.status, r.body.code]).toEqual([422, 'POLICY.FLOORS_VIOLATED']);
    expect(r.body.problems.map((p: { code: string }) => p.code).sort()).toEqual(['FLOOR.FORBIDDEN_CONDITION', 'FLOOR.INSURANCE_CAP_EXCEEDED', 'FLOOR.RENTAL_NOT_COUNTED']);
    expect(r.body.problems.every((p: { message: string }) => p.message.includes('豫政办〔2017〕27号'))).toBe(true);
    expect(await api.logLength()).toBe(before);
    Object.assign(luoyang.tiers[0]!.rules[0]!, { conditions: [{ kind: 'urbanSocialInsuranceMonths', min: 12 }, { kind: 'legalStableResidence', includesRental: true }] });
    const ok = await post('/jurisdictions/4103/policies', { policy: luoyang }, admin);
    expect(ok.status).toBe(200);
    expect(ok.body.events[0]).toMatchObject({ type: 'SettlementPolicyEnacted', data: { policyId: 'luoyang-2018', policy: { id: 'luoyang-2018' }, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  });

  it('Given Zhengzhou amended from 2025-01-01 to 12 months of insurance, Then a 2024 application keeps version 1 (24 months), a 2025 one is decided by version 2, each decision naming its version and hash', async () => {
    const v2 = copy(ZHENGZHOU_2017);
    Object.assign(v2, { version: 2, effectiveDate: '2025-01-01', documentNo: '郑政〔2024〕30号' });
    const worker = v2.tiers[0]!.rules.find((r) => r.id === 'zz-central-migrant-worker')!;
    Object.assign(worker, { conditions: worker.conditions.map((c) => (c.kind === 'urbanSocialInsuranceMonths' ? { ...c, min: 12 } : c)) });
    const amended = await api.call('PUT', '/jurisdictions/4101/policies/zhengzhou-2017', { token: admin, body: { policy: v2, reason: '放宽社保年限' } });
    expect([amended.status, amended.body.events[0].type]).toEqual([200, 'SettlementPolicyAmended']);
    const hash2 = amended.body.events[0].data.contentHash as string;
    const [early, late] = [await person('pa-1', '410102001002'), await person('pa-2', '410102001003')];
    await post('/households', { ...householdRequest('pa-to', '410105001003'), effectiveDate: '2000-01-01' });
    const apply = (id: string, date: string) => post(`/persons/${id}/settlement-applications`, settlementRequest('pa-to', { applicationRef: `PA-${date}`, category: 'migrant-worker', urbanSocialInsuranceMonths: 18, effectiveDate: date }));
    const refused = await apply(early, '2024-12-31');
    expect([refused.status, refused.body.policy]).toEqual([422, expect.objectContaining({ version: '1', documentNo: '郑政〔2017〕18号' })]);
    const admitted = await apply(late, '2025-01-01');
    expect(admitted.status).toBe(200);
    expect(admitted.body.events.find((e: { type: string }) => e.type === 'HukouMigrated').data.policy).toEqual({ id: 'zhengzhou-2017', version: '2', documentNo: '郑政〔2024〕30号', contentHash: hash2 });
    const history = await api.call('GET', '/policies/zhengzhou-2017', { token: registrar });
    expect(history.body.versions.map((v: { version: string; inForce: unknown }) => [v.version, v.inForce])).toEqual([['1', { from: '2017-06-30', until: '2025-01-01' }], ['2', { from: '2025-01-01', until: null }]]);
  });

  it('Given an amendment dated before the version in force, or a repeal, Then TIME.ORDER is refused; after the repeal nothing decides there (NO_POLICY is recorded as the refusal)', async () => {
    const early = copy(CHENZHOU_2016);
    Object.assign(early, { version: 2, effectiveDate: '2015-01-01' });
    const r = await api.call('PUT', '/jurisdictions/4310/policies/chenzhou-2016', { token: admin, body: { policy: early, reason: 'x' } });
    expect([r.status, r.body.code, r.body.problems[0].fact]).toEqual([422, 'TIME.ORDER', expect.objectContaining({ stream: 'jurisdiction-4310', event: 'SettlementPolicyEnacted' })]);
    const repeal = await post('/jurisdictions/4310/policies/chenzhou-2016/repeal', { from: '2023-01-01', documentNo: '郴政发〔2022〕9号', reason: '新文件施行' }, admin);
    expect([repeal.status, repeal.body.events[0].type]).toEqual([200, 'SettlementPolicyRepealed']);
    const id = await person('pc-1', '431021001001');
    await post('/households', { ...householdRequest('pc-to', '431002001001'), effectiveDate: '2000-01-01' });
    const after = await post(`/persons/${id}/settlement-applications`, settlementRequest('pc-to', { effectiveDate: '2023-06-01' }));
    expect([after.status, after.body.code]).toEqual([422, 'SETTLEMENT.NO_POLICY']);
  });

  it('Given Wenzhou\'s seeded cut-over (2016-11-30), When an agricultural birth is registered there in 2017, Then 422 REGISTRATION.TYPE_ABOLISHED and nothing appended', async () => {
    await post('/households', { ...householdRequest('wz-1', '330302006044'), effectiveDate: '2000-01-01' });
    const before = await api.logLength();
    const r = await post('/persons/births', { name: '温小', sex: 'male', dateOfBirth: '2017-03-03', placeOfBirth: '330302006044', householdId: 'wz-1', relationToHead: 'child', registrationType: 'agricultural' });
    expect([r.status, r.body.code]).toEqual([422, 'REGISTRATION.TYPE_ABOLISHED']);
    expect(await api.logLength()).toBe(before);
  });
});
