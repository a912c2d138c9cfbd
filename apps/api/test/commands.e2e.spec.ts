import {
  type Api, birthRequest, citizenIdOf, householdRequest, OTHER_VILLAGE, OUTSIDE_VILLAGE, SAME_COUNTY_VILLAGE, settlementRequest, startApi, VILLAGE,
} from './harness';

/** Every command route through HTTP: success, refusals, idempotent retry, stale If-Match (embedded log, PostgreSQL views). */
describe('registry commands over HTTP', () => {
  let api: Api;
  let registrar: string;
  let admin: string;
  beforeAll(async () => {
    api = await startApi();
    registrar = api.token('registrar', { regions: ['4101'] });
    admin = api.token('admin');
  });
  afterAll(() => api.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}, token = registrar) => api.call('POST', path, { token, body, headers });
  const household = async (id: string, region = VILLAGE) => expect((await post('/households', householdRequest(id, region))).status).toBe(201);
  const born = async (householdId: string, over: Record<string, unknown> = {}): Promise<string> => {
    const r = await post('/persons/births', birthRequest(householdId, over));
    expect(r.status).toBe(201);
    return r.body.id as string;
  };

  it('Given a household, When a birth is registered, Then the id is allocated (county + date of birth + odd order code) and returned with its ETag and Location', async () => {
    await household('c-birth');
    const r = await post('/persons/births', birthRequest('c-birth'));
    expect(r.status).toBe(201);
    expect(r.body.id).toMatch(/^41010220200501\d{3}[\dX]$/);
    expect(Number(r.body.id.slice(14, 17)) % 2).toBe(1);
    expect(r.headers.get('etag')).toBe('"0"');
    expect(r.headers.get('location')).toBe(`/persons/${r.body.id}`);
    expect(r.body.events[0]).toMatchObject({ type: 'BirthRegistered', data: { citizenId: r.body.id, regionCode: VILLAGE, registrationType: 'resident' } });
    const second = await post('/persons/births', birthRequest('c-birth', { sex: 'female', name: '王小红' }));
    expect(Number(second.body.id.slice(14, 17)) % 2).toBe(0);
    const person = await api.call('GET', `/persons/${r.body.id}`, { token: registrar });
    expect(person.status).toBe(200);
    expect(person.body).toMatchObject({ status: 'registered', householdId: 'c-birth', name: '王小明' });
    expect(person.headers.get('etag')).toBe('"0"');
  });

  it('Given the first order codes of a county and day already held (another process, or before a restart), Then a birth gets a free number drawn at random (never a held one), with or without an Idempotency-Key', async () => {
    await household('c-taken');
    for (const code of ['001', '003']) {
      const r = await post('/persons', { citizenId: citizenIdOf(`41010220210303${code}`), name: '已有', sex: 'male', dateOfBirth: '2021-03-03', householdId: 'c-taken', relationToHead: 'child', registrationType: 'resident', reason: 'other' });
      expect(r.status).toBe(201);
    }
    const held = new Set([citizenIdOf('41010220210303001'), citizenIdOf('41010220210303003')]);
    const first = await post('/persons/births', birthRequest('c-taken', { dateOfBirth: '2021-03-03' }));
    expect(first.status).toBe(201);
    expect(first.body.id).toMatch(/^41010220210303\d{3}[\dX]$/);
    expect([held.has(first.body.id), Number(first.body.id.slice(14, 17)) % 2, first.body.id === citizenIdOf(first.body.id.slice(0, 17))]).toEqual([false, 1, true]);
    await post('/persons', { citizenId: citizenIdOf('41010220210404001'), name: '已有', sex: 'male', dateOfBirth: '2021-04-04', householdId: 'c-taken', relationToHead: 'child', registrationType: 'resident', reason: 'other' });
    const keyed = await post('/persons/births', birthRequest('c-taken', { dateOfBirth: '2021-04-04' }), { 'idempotency-key': 'taken-1' });
    expect(keyed.status).toBe(201);
    expect([keyed.body.id.slice(0, 14), keyed.body.id === citizenIdOf('41010220210404001'), Number(keyed.body.id.slice(14, 17)) % 2]).toEqual(['41010220210404', false, 1]);
    expect((await post('/persons/births', birthRequest('c-taken', { dateOfBirth: '2021-04-04' }), { 'idempotency-key': 'taken-1' })).body).toMatchObject({ id: keyed.body.id, replayed: true });
  });

  it('Given a retried birth with the same Idempotency-Key, Then the first result comes back and nothing is appended; the key with another body is refused', async () => {
    await household('c-idem');
    const headers = { 'idempotency-key': 'birth-c-idem-1' };
    const first = await post('/persons/births', birthRequest('c-idem'), headers);
    const length = await api.logLength();
    const retry = await post('/persons/births', birthRequest('c-idem'), headers);
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ id: first.body.id, replayed: true, revision: 0 });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await api.logLength()).toBe(length);
    const reused = await post('/persons/births', birthRequest('c-idem', { name: '别人' }), headers);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    const death = { dateOfDeath: '2024-01-02', placeOfDeath: VILLAGE, deathCertificateRef: 'D-9' };
    const d1 = await post(`/persons/${first.body.id}/death`, death, { 'idempotency-key': 'death-1' });
    const d2 = await post(`/persons/${first.body.id}/death`, death, { 'idempotency-key': 'death-1' });
    expect([d1.status, d2.status]).toEqual([200, 200]);
    expect(d2.body.replayed).toBe(true);
    expect(await api.logLength()).toBe(length + 1);
  });

  it('Given an Idempotency-Key, Then it belongs to one caller and one request: reused elsewhere → 422, by another registrar → that registrar\'s own scope (the 404 of a missing person), a refused birth frees it', async () => {
    await household('c-key');
    const first = await post('/persons/births', birthRequest('c-key'), { 'idempotency-key': 'k-shared' });
    expect(first.status).toBe(201);
    const elsewhere = await post(`/persons/${first.body.id}/actual-residence`, { regionCode: SAME_COUNTY_VILLAGE }, { 'idempotency-key': 'k-shared' });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([422, 'IDEMPOTENCY.KEY_REUSED']);
    const stranger = api.token('registrar', { regions: ['2301'], sub: 'harbin-clerk' });
    const other = await post(`/persons/${first.body.id}/death`, { dateOfDeath: '2024-01-01', placeOfDeath: VILLAGE, deathCertificateRef: 'x' }, { 'idempotency-key': 'k-shared' }, stranger);
    expect([other.status, other.body.code, JSON.stringify(other.body).includes('王小明')]).toEqual([404, 'PERSON.NOT_FOUND', false]);
    const early = await post('/persons/births', birthRequest('c-not-yet'), { 'idempotency-key': 'k-early' });
    expect(early.status).toBe(400);
    await household('c-not-yet');
    const later = await post('/persons/births', birthRequest('c-not-yet'), { 'idempotency-key': 'k-early' });
    expect([later.status, later.body.replayed]).toEqual([201, false]);
  });

  it('Given a head change or dissolution of a household that does not exist, Then 404', async () => {
    expect((await api.call('PUT', '/households/c-nowhere/head', { token: registrar, body: { newHead: citizenIdOf('41010219900101123'), reason: 'correction' } })).status).toBe(404);
    expect((await post('/households/c-nowhere/dissolution', { reason: 'merged' })).status).toBe(404);
  });

  it('Given a stale If-Match, Then 412 and nothing appended; with the current ETag the command goes through', async () => {
    await household('c-etag');
    const id = await born('c-etag');
    const permit = { permitNo: 'P-1', residenceRegionCode: OTHER_VILLAGE, validFrom: '2024-01-01', validUntil: '2026-12-31', basis: 'stable-employment' };
    expect((await post(`/persons/${id}/residence-permits`, permit, { 'if-match': '"0"' })).status).toBe(200);
    const length = await api.logLength();
    const stale = await post(`/persons/${id}/actual-residence`, { regionCode: SAME_COUNTY_VILLAGE }, { 'if-match': '"0"' });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('STREAM.WRONG_EXPECTED_REVISION');
    expect(await api.logLength()).toBe(length);
    const etag = (await api.call('GET', `/persons/${id}`, { token: registrar })).headers.get('etag')!;
    expect(etag).toBe('"1"');
    expect((await post(`/persons/${id}/actual-residence`, { regionCode: SAME_COUNTY_VILLAGE }, { 'if-match': etag })).status).toBe(200);
  });

  it('Given an application that meets the destination policy, Then the hukou moves with the policy and rule; one that does not → 422 listing every unmet condition, and the refusal is recorded', async () => {
    await household('c-from');
    await household('c-to', OTHER_VILLAGE);
    const id = await born('c-from', { dateOfBirth: '1990-03-03' });
    const refused = await post(`/persons/${id}/settlement-applications`, settlementRequest('c-to', { urbanSocialInsuranceMonths: 3, employment: { legalStableEmployment: false, contractMonths: 0 } }));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toMatch(/^SETTLEMENT\./);
    expect(refused.body.problems.length).toBeGreaterThan(1);
    expect(refused.body.problems.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(['SETTLEMENT.INSURANCE_TOO_SHORT']));
    expect(refused.body.refusal.revision).toBe(1);
    const history = await api.call('GET', `/audit/persons/${id}/history`, { token: api.token('auditor') });
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['BirthRegistered', 'SettlementRefused']);
    const admitted = await post(`/persons/${id}/settlement-applications`, settlementRequest('c-to', { applicationRef: 'A-2' }));
    expect(admitted.status).toBe(200);
    const moved = admitted.body.events.find((e: { type: string }) => e.type === 'HukouMigrated');
    expect(moved.data).toMatchObject({ to: { householdId: 'c-to', regionCode: OTHER_VILLAGE }, ownApplication: 'yes', policy: { id: 'zhengzhou-2017' } });
    expect(moved.data.ruleId).toEqual(expect.any(String));
  });

  it('Given a settlement without the applicant\'s own application, Then it is refused (no 被落户)', async () => {
    await household('c-forced');
    await household('c-forced-to', OTHER_VILLAGE);
    const id = await born('c-forced');
    const r = await post(`/persons/${id}/settlement-applications`, settlementRequest('c-forced-to', { ownApplication: false }));
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('SETTLEMENT.NOT_APPLIED_BY_APPLICANT');
  });

  it('Given a registered person, When a death is registered, Then the person is deceased; a second death is refused (422)', async () => {
    await household('c-death');
    const id = await born('c-death');
    const death = { dateOfDeath: '2024-06-01', placeOfDeath: VILLAGE, deathCertificateRef: 'D-1' };
    const r = await post(`/persons/${id}/death`, death);
    expect(r.status).toBe(200);
    expect(r.body.events[0].type).toBe('DeathRegistered');
    const again = await post(`/persons/${id}/death`, death);
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('PERSON.DECEASED');
    expect((await api.call('GET', `/persons/${id}`, { token: registrar })).body.status).toBe('deceased');
  });

  it('Given the commands on a person, Then permits, residence, corrections and unification each append their event; an unknown person is 404', async () => {
    await household('c-life');
    const id = await born('c-life');
    const steps: [string, string, unknown, string][] = [
      ['POST', `/persons/${id}/residence-permits`, { permitNo: 'P-7', residenceRegionCode: OTHER_VILLAGE, validFrom: '2024-01-01', validUntil: '2025-12-31', basis: 'stable-residence' }, 'ResidencePermitIssued'],
      ['PUT', `/persons/${id}/residence-permits/P-7`, { validUntil: '2026-12-31' }, 'ResidencePermitRenewed'],
      ['POST', `/persons/${id}/residence-permits/P-7/cancellation`, { reason: 'moved back' }, 'ResidencePermitCancelled'],
      ['POST', `/persons/${id}/actual-residence`, { regionCode: SAME_COUNTY_VILLAGE, address: '某街 3号' }, 'ActualResidenceRegistered'],
      ['POST', `/persons/${id}/actual-residence/end`, {}, 'ActualResidenceEnded'],
      ['POST', `/persons/${id}/corrections`, { field: 'name', corrected: '王晓明', reason: '登记错误', evidence: ['出生医学证明'] }, 'RecordCorrected'],
    ];
    for (const [method, path, body, type] of steps) {
      const r = await api.call(method, path, { token: registrar, body });
      expect([path, r.status, r.body.events?.[0]?.type]).toEqual([path, 200, type]);
    }
    const unify = await post(`/persons/${id}/unification`, {});
    expect([unify.status, unify.body.events]).toEqual([200, []]); // already resident under Zhengzhou's seeded cut-over
    expect((await post(`/persons/${citizenIdOf('41010219900101123')}/death`, { dateOfDeath: '2024-01-01', placeOfDeath: VILLAGE, deathCertificateRef: 'x' })).status).toBe(404);
  });

  it('Given a declared cut-over, Then an agricultural person is unified (once: the second call appends nothing), and no new agricultural registration is accepted', async () => {
    const cut = await post('/jurisdictions/410102/cutover', { cutoverDate: '2015-01-01', documentNo: '郑政〔2014〕1号', effectiveDate: '2014-12-01' }, {}, admin);
    expect(cut.status).toBe(200);
    await household('c-unify');
    const [farmer, spouse] = [citizenIdOf('41010219800101001'), citizenIdOf('41010219800202002')];
    const old = await post('/persons', { citizenId: farmer, name: '李农', sex: 'male', dateOfBirth: '1980-01-01', householdId: 'c-unify', relationToHead: 'head', registrationType: 'agricultural', reason: 'historical-import', effectiveDate: '2000-01-01' });
    expect(old.status).toBe(201);
    const unified = await post(`/persons/${farmer}/unification`, {});
    expect(unified.body.events).toEqual([expect.objectContaining({ type: 'RegistrationTypeUnified' })]);
    const again = await post(`/persons/${farmer}/unification`, {});
    expect([again.status, again.body.events]).toEqual([200, []]);
    const late = await post('/persons', { citizenId: spouse, name: '张农', sex: 'female', dateOfBirth: '1980-02-02', householdId: 'c-unify', relationToHead: 'spouse', registrationType: 'agricultural', reason: 'no-hukou' });
    expect([late.status, late.body.code]).toEqual([422, 'REGISTRATION.TYPE_ABOLISHED']); // a rule's refusal, not bad input
  });

  it('Given household commands, Then head, address and dissolution follow the rules (a household with members cannot be dissolved)', async () => {
    await household('c-hh');
    const head = await born('c-hh', { relationToHead: 'head' });
    const r = await api.call('PUT', '/households/c-hh/head', { token: registrar, body: { newHead: head, reason: 'family-decision' }, headers: {} });
    expect([r.status, r.body.events[0].type]).toEqual([200, 'HouseholdHeadChanged']);
    const moved = await api.call('PUT', '/households/c-hh/address', { token: registrar, body: { address: '新地址 9号', regionCode: OTHER_VILLAGE } });
    expect(moved.status).toBe(200);
    const dissolve = await post('/households/c-hh/dissolution', { reason: 'no-members' });
    expect([dissolve.status, dissolve.body.code]).toEqual([422, 'HOUSEHOLD.HAS_MEMBERS']);
    await household('c-empty');
    expect((await post('/households/c-empty/dissolution', { reason: 'no-members' })).status).toBe(200);
    const view = await api.call('GET', `/households/c-hh?after=${r.body.position}`, { token: registrar });
    expect(view.body).toMatchObject({ head, status: 'active', regionCode: OTHER_VILLAGE, members: [expect.objectContaining({ citizenId: head })] });
  });

  it('Given a fresh registry (seeded on first start), Then the catalogue policy is enacted with its content and hash, enacting it again appends nothing, and a unit is reclassified', async () => {
    const seeded = await api.call('GET', '/policies/zhengzhou-2017', { token: admin });
    expect(seeded.body.versions[0]).toMatchObject({ id: 'zhengzhou-2017', version: '1', documentNo: '郑政〔2017〕18号', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/), policy: { id: 'zhengzhou-2017', tiers: expect.any(Array) } });
    expect(seeded.body.facts[0]).toMatchObject({ stream: 'jurisdiction-4101', event: 'SettlementPolicyEnacted', effectiveDate: '2017-06-30' });
    const again = await post('/jurisdictions/4101/policies', { policyId: 'zhengzhou-2017', version: '1' }, {}, admin);
    expect([again.status, again.body.events]).toEqual([200, []]);
    expect((await post('/jurisdictions/4101/policies', { policyId: 'no-such', version: '1' }, {}, admin)).status).toBe(404);
    const re = await post('/jurisdictions/4101/reclassifications', { region: VILLAGE, class: '220', reason: '撤村' }, {}, admin);
    expect([re.status, re.body.events[0].type]).toEqual([200, 'RegionReclassified']);
  });

  it('Given a registrar of 4101, When it acts in another region, Then 403 AUTH.OUT_OF_SCOPE naming no place, a household there answers as a missing one, and nothing appended', async () => {
    const length = await api.logLength();
    const r = await post('/households', householdRequest('c-harbin', OUTSIDE_VILLAGE));
    expect([r.status, r.body.code, JSON.stringify(r.body).includes('2301')]).toEqual([403, 'AUTH.OUT_OF_SCOPE', false]);
    await post('/households', householdRequest('c-harbin', OUTSIDE_VILLAGE), {}, admin);
    const birth = await post('/persons/births', birthRequest('c-harbin'));
    const missing = await post('/persons/births', birthRequest('c-nowhere-at-all'));
    expect([birth.status, birth.body.code, birth.body.detail.replace('c-harbin', 'ID')]).toEqual([missing.status, missing.body.code, missing.body.detail.replace('c-nowhere-at-all', 'ID')]);
    expect(birth.status).toBe(400);
    expect(await api.logLength()).toBe(length + 1);
  });
});
