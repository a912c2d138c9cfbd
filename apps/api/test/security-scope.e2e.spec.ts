import { CONTROLLERS } from '../src/app';
import { operationsOf } from '../src/http/openapi';
import { type Api, birthRequest, citizenIdOf, householdRequest, OUTSIDE_VILLAGE, SAME_COUNTY_VILLAGE, settlementRequest, startApi, VILLAGE } from './harness';

/** A village of 开封 (4102): outside the default registrar's regions (4101). */
const KAIFENG_VILLAGE = '410202001009';
/** Another village of the same county (actual residence is registered within one's county). */
const KAIFENG_NEIGHBOUR = '410202001011';
/** A well-formed citizen id nobody holds. */
const NOBODY = citizenIdOf('41010219800101999');

/** A valid body for every command on an existing person or household: the cross-region matrix walks them all. */
const BODIES: Record<string, unknown> = {
  'POST /persons/{citizenId}/settlement-applications': settlementRequest('s-zz-dest'),
  'POST /persons/{citizenId}/unification': {},
  'POST /persons/{citizenId}/residence-permits': { permitNo: 'P-X', residenceRegionCode: VILLAGE, validFrom: '2021-01-01', validUntil: '2026-01-01', basis: 'stable-residence', effectiveDate: '2021-01-01' },
  'PUT /persons/{citizenId}/residence-permits/{permitNo}': { validUntil: '2027-01-01' },
  'POST /persons/{citizenId}/residence-permits/{permitNo}/cancellation': { reason: '迁出' },
  'POST /persons/{citizenId}/actual-residence': { regionCode: SAME_COUNTY_VILLAGE },
  'POST /persons/{citizenId}/actual-residence/end': {},
  'POST /persons/{citizenId}/migration-releases': { releaseRef: 'QC-X', to: '2301', consentRef: 'SQ-X', validUntil: '2099-01-01' },
  'POST /persons/{citizenId}/death': { dateOfDeath: '2024-01-01', placeOfDeath: VILLAGE, deathCertificateRef: 'D-1' },
  'POST /persons/{citizenId}/corrections': { field: 'name', corrected: '王大明', reason: '登记错误', evidence: ['E-1'] },
  'PUT /households/{householdId}/head': { newHead: NOBODY, reason: 'family-decision' },
  'PUT /households/{householdId}/address': { address: '新址 1 号', regionCode: VILLAGE },
  'POST /households/{householdId}/dissolution': { reason: 'correction' },
};

/** What an answer says, with the id it was about replaced: two answers that differ only in the id are one answer. */
const shape = (r: { status: number; body: any }, id: string) => JSON.parse(JSON.stringify({ status: r.status, code: r.body.code, detail: r.body.detail, problems: r.body.problems }).replaceAll(id, '<id>'));

describe('security: a registrar acts and reads only inside its regions (辖区), and cannot tell what lies outside', () => {
  let api: Api;
  let registrar: string;
  let admin: string;
  let kaifengPerson: string;
  let zzPerson: string;
  const post = (path: string, body: unknown, token = registrar, headers: Record<string, string> = {}) => api.call('POST', path, { token, body, headers });

  beforeAll(async () => {
    api = await startApi();
    registrar = api.token('registrar', { sub: 'zz-clerk' });
    admin = api.token('admin');
    for (const [id, village] of [['s-kf-home', KAIFENG_VILLAGE], ['s-zz-home', VILLAGE], ['s-zz-dest', VILLAGE]] as const)
      expect((await post('/households', householdRequest(id, village), admin)).status).toBe(201);
    kaifengPerson = (await post('/persons/births', birthRequest('s-kf-home', { placeOfBirth: KAIFENG_VILLAGE }), admin)).body.id;
    zzPerson = (await post('/persons/births', birthRequest('s-zz-home', { name: '李四' }), admin)).body.id;
  });
  afterAll(() => api.close());

  it('Given a person registered in 4102, When a registrar of 4101 applies to settle them into a 4101 household, Then the 404 of a missing person, and nothing is recorded on their stream', async () => {
    const length = await api.logLength();
    const pulled = await post(`/persons/${kaifengPerson}/settlement-applications`, settlementRequest('s-zz-dest'));
    const missing = await post(`/persons/${NOBODY}/settlement-applications`, settlementRequest('s-zz-dest'));
    expect(shape(pulled, kaifengPerson)).toEqual(shape(missing, NOBODY));
    expect(pulled.status).toBe(404);
    // A refusable application too (no time of residence): nothing is decided, so no refusal is written into the other region's person.
    const refusable = await post(`/persons/${kaifengPerson}/settlement-applications`, settlementRequest('s-zz-dest', { applicationRef: 'A-refusable', continuousResidenceMonths: 0, urbanSocialInsuranceMonths: 0 }));
    expect(refusable.status).toBe(404);
    expect(await api.logLength()).toBe(length);
    const read = await api.call('GET', `/persons/${kaifengPerson}`, { token: registrar });
    expect(shape(read, kaifengPerson)).toEqual(shape(await api.call('GET', `/persons/${NOBODY}`, { token: registrar }), NOBODY));
  });

  it('Given a follower registered in 4102, When a 4101 principal names them, Then the answer for a member not registered, word for word, and nothing moves', async () => {
    const length = await api.logLength();
    const follower = (citizenId: string) => settlementRequest('s-zz-dest', { applicationRef: `A-f-${citizenId}`, followers: [{ citizenId, relation: 'spouse', consentRef: 'C-2', coResiding: true }] });
    const outside = await post(`/persons/${zzPerson}/settlement-applications`, follower(kaifengPerson));
    const missing = await post(`/persons/${zzPerson}/settlement-applications`, follower(NOBODY));
    expect(shape(outside, kaifengPerson)).toEqual(shape(missing, NOBODY));
    expect(outside.body.problems.map((p: { code: string }) => p.code)).toContain('FAMILY.MEMBER_NOT_REGISTERED');
    expect(await api.logLength()).toBe(length);
  });

  it('Given every command on an existing person or household, When a registrar of 4101 sends it for one in 4102 (with If-Match and Idempotency-Key), Then the answer for a missing id, and nothing appended', async () => {
    const commands = operationsOf(CONTROLLERS).filter((op) => op.roles.includes('registrar') && op.method !== 'GET' && /\{(citizenId|householdId)\}/.test(op.fullPath));
    expect(commands.map((op) => `${op.method} ${op.fullPath}`).sort()).toEqual(Object.keys(BODIES).sort());
    const length = await api.logLength();
    const differing: string[] = [];
    for (const op of commands) {
      const key = `${op.method} ${op.fullPath}`;
      const url = (person: string, household: string) => op.fullPath.replace('{citizenId}', person).replace('{householdId}', household).replace('{permitNo}', 'P-X');
      const answer = async (person: string, household: string, headers: Record<string, string>) => api.call(op.method, url(person, household), { token: registrar, body: BODIES[key], headers });
      for (const headers of [{}, { 'if-match': '"0"' }, { 'idempotency-key': `k-${key.replace(/\W+/g, '-')}` }, { 'if-match': '"3"', 'idempotency-key': `k2-${key.replace(/\W+/g, '-')}` }] as Record<string, string>[]) {
        const outside = shape(await answer(kaifengPerson, 's-kf-home', headers), kaifengPerson);
        const missing = shape(await answer(NOBODY, 's-nowhere', headers), NOBODY);
        if (JSON.stringify(outside).replaceAll('s-kf-home', 's-nowhere') !== JSON.stringify(missing) || outside.status !== 404) differing.push(`${key} ${JSON.stringify(headers)}: ${JSON.stringify(outside)} vs ${JSON.stringify(missing)}`);
      }
    }
    expect(differing).toEqual([]);
    expect(await api.logLength()).toBe(length);
  });

  it('Given a registrar whose regions shrank, When it retries a command with its Idempotency-Key on a person now outside them, Then no replay: the 404 of a missing person', async () => {
    const both = api.token('registrar', { sub: 'moved-clerk', regions: ['4101', '4102'] });
    const body = { regionCode: KAIFENG_NEIGHBOUR };
    const first = await post(`/persons/${kaifengPerson}/actual-residence`, body, both, { 'idempotency-key': 'k-shrink' });
    expect(first.status).toBe(200);
    const narrowed = api.token('registrar', { sub: 'moved-clerk', regions: ['4101'] });
    const retry = await post(`/persons/${kaifengPerson}/actual-residence`, body, narrowed, { 'idempotency-key': 'k-shrink' });
    expect([retry.status, retry.body.code, JSON.stringify(retry.body).includes('王小明')]).toEqual([404, 'PERSON.NOT_FOUND', false]);
    const withRevision = await post(`/persons/${kaifengPerson}/actual-residence`, body, narrowed, { 'if-match': `"${first.body.revision as number}"` });
    expect([withRevision.status, withRevision.body.code]).toEqual([404, 'PERSON.NOT_FOUND']);
  });

  it('Given a household id that exists in 4102, When a registrar of 4101 establishes it with an Idempotency-Key and If-Match, Then the decider\'s "already exists", no revision, no replay', async () => {
    const length = await api.logLength();
    for (const headers of [{ 'idempotency-key': 'k-est' }, { 'idempotency-key': 'k-est2', 'if-match': '"7"' }, { 'if-match': '"0"' }] as Record<string, string>[]) {
      const r = await post('/households', householdRequest('s-kf-home', VILLAGE), registrar, headers);
      expect([r.status, r.body.code, r.body.detail, JSON.stringify(r.body).includes(KAIFENG_VILLAGE), 'revision' in r.body]).toEqual([409, 'HOUSEHOLD.ALREADY_EXISTS', 'household s-kf-home already exists', false, false]);
    }
    expect(await api.logLength()).toBe(length);
  });

  it('Given the creating commands (birth, registration, household), When a registrar of 4101 names a household or id of 4102 (with If-Match and Idempotency-Key), Then the answer for a missing household or a taken id, no revision, nothing appended', async () => {
    const length = await api.logLength();
    const person = (householdId: string, citizenId = citizenIdOf('41010219850101777')) => ({ citizenId, name: '赵六', sex: 'male', dateOfBirth: '1985-01-01', householdId, relationToHead: 'head', registrationType: 'resident', reason: 'no-hukou' });
    const differing: string[] = [];
    for (const variant of [{}, { 'idempotency-key': 'k-create' }, { 'if-match': '"2"', 'idempotency-key': 'k-create2' }] as Record<string, string>[]) {
      // Each request its own key (a key belongs to one request).
      const headers = (label: string): Record<string, string> => Object.fromEntries(Object.entries(variant).map(([h, v]) => [h, h === 'idempotency-key' ? `${v}-${label}` : v]));
      const births = [await post('/persons/births', birthRequest('s-kf-home'), registrar, headers('b1')), await post('/persons/births', birthRequest('s-nowhere'), registrar, headers('b2'))];
      const registrations = [await post('/persons', person('s-kf-home'), registrar, headers('r1')), await post('/persons', person('s-nowhere'), registrar, headers('r2'))];
      // A birth's stream is the number allocated for that request: two requests, two numbers.
      const said = (r: { body: unknown }) => JSON.stringify(r.body).replaceAll('s-kf-home', 's-nowhere').replace(/person-\d{17}[\dX]/g, 'person-<allocated>');
      for (const [outside, missing] of [births, registrations]) if (said(outside!) !== said(missing!)) differing.push(`${JSON.stringify(outside!.body)} vs ${JSON.stringify(missing!.body)}`);
      const taken = await post('/persons', person('s-zz-home', kaifengPerson), registrar, headers('t'));
      expect([taken.status, taken.body.code, taken.body.detail, 'revision' in taken.body]).toEqual([409, 'PERSON.ALREADY_REGISTERED', `${kaifengPerson} is already registered`, false]);
    }
    expect(differing).toEqual([]);
    expect(await api.logLength()).toBe(length);
  });

  it('Given a person of 4102 released by their office to 4101 (准予迁出), When a registrar of 4101 applies quoting the release\'s consent, Then the move is decided; with another consent or into another region, the 404 of a missing person', async () => {
    const kaifeng = api.token('registrar', { sub: 'kf-clerk', regions: ['4102'] });
    const person = (await post('/persons/births', birthRequest('s-kf-home', { name: '周七', placeOfBirth: KAIFENG_VILLAGE }), kaifeng)).body.id as string;
    const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const release = { releaseRef: 'QC-2026-1', to: '4101', consentRef: 'SQ-2026-1', validUntil };
    const byZhengzhou = await post(`/persons/${person}/migration-releases`, release);
    expect([byZhengzhou.status, byZhengzhou.body.code]).toEqual([404, 'PERSON.NOT_FOUND']);
    const released = await post(`/persons/${person}/migration-releases`, release, kaifeng);
    expect([released.status, released.body.events[0].type]).toEqual([200, 'MigrationReleased']);
    const length = await api.logLength();
    const wrongConsent = await post(`/persons/${person}/settlement-applications`, settlementRequest('s-zz-dest', { applicationRef: 'A-rel-1', consentRef: 'SQ-forged' }));
    expect([wrongConsent.status, wrongConsent.body.code]).toEqual([404, 'PERSON.NOT_FOUND']);
    const narrow = await post(`/persons/${person}/migration-releases`, { ...release, releaseRef: 'QC-2026-2', to: '410105' }, kaifeng);
    expect(narrow.status).toBe(200);
    const elsewhere = await post(`/persons/${person}/settlement-applications`, settlementRequest('s-zz-dest', { applicationRef: 'A-rel-2', consentRef: 'SQ-2026-1' }));
    expect([elsewhere.status, elsewhere.body.code]).toEqual([404, 'PERSON.NOT_FOUND']);
    expect(await api.logLength()).toBe(length + 1);
    const widened = await post(`/persons/${person}/migration-releases`, { ...release, releaseRef: 'QC-2026-3' }, kaifeng);
    expect(widened.status).toBe(200);
    const settled = await post(`/persons/${person}/settlement-applications`, settlementRequest('s-zz-dest', { applicationRef: 'A-rel-3', consentRef: 'SQ-2026-1' }));
    expect([settled.status, settled.body.events.map((e: { type: string }) => e.type)]).toEqual([200, ['HukouMigrated']]);
    expect((await api.call('GET', `/persons/${person}`, { token: registrar })).body).toMatchObject({ regionCode: VILLAGE, householdId: 's-zz-dest' });
    expect((await api.call('GET', `/persons/${person}`, { token: kaifeng })).status).toBe(404);
    const again = await post(`/persons/${person}/settlement-applications`, settlementRequest('s-kf-home', { applicationRef: 'A-rel-4', consentRef: 'SQ-2026-1' }), kaifeng);
    expect([again.status, again.body.code]).toEqual([404, 'PERSON.NOT_FOUND']);
  });

  it('Given a release that ended, When another office backdates a move into its days, Then the 404 of a missing person; a padded prefix is no destination (400)', async () => {
    const kaifeng = api.token('registrar', { sub: 'kf-clerk-3', regions: ['4102'] });
    const person = (await post('/persons/births', birthRequest('s-kf-home', { name: '孙十一', dateOfBirth: '1990-03-01', placeOfBirth: KAIFENG_VILLAGE }), kaifeng)).body.id as string;
    const ended = await post(`/persons/${person}/migration-releases`, { releaseRef: 'QC-OLD', to: '4101', consentRef: 'SQ-OLD', validUntil: '2001-06-30', effectiveDate: '2001-01-01' }, kaifeng);
    expect(ended.status).toBe(200);
    const length = await api.logLength();
    const backdated = await post(`/persons/${person}/settlement-applications`, settlementRequest('s-zz-dest', { applicationRef: 'A-old', consentRef: 'SQ-OLD', effectiveDate: '2001-03-01' }));
    expect([backdated.status, backdated.body.code]).toEqual([404, 'PERSON.NOT_FOUND']);
    expect(await api.logLength()).toBe(length);
    const padded = await post(`/persons/${person}/migration-releases`, { releaseRef: 'QC-PAD', to: '410100', consentRef: 'SQ-PAD', validUntil: '2099-01-01' }, kaifeng);
    expect([padded.status, padded.body.code]).toEqual([400, 'REGION.FORMAT']);
  });

  it('Given a spouse of 4102 released to 4101 with their own consent, When a 4101 principal names them as a follower, Then they follow; quoting another consent, the answer for a member not registered', async () => {
    const kaifeng = api.token('registrar', { sub: 'kf-clerk-2', regions: ['4102'] });
    const spouse = (await post('/persons/births', birthRequest('s-kf-home', { name: '吴八', sex: 'female', dateOfBirth: '1990-05-01', placeOfBirth: KAIFENG_VILLAGE }), kaifeng)).body.id as string;
    const principal = (await post('/persons/births', birthRequest('s-zz-home', { name: '郑九', dateOfBirth: '1989-05-01' }), admin)).body.id as string;
    const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect((await post(`/persons/${spouse}/migration-releases`, { releaseRef: 'QC-F', to: '4101', consentRef: 'SQ-F', validUntil }, kaifeng)).status).toBe(200);
    const application = (consentRef: string, ref: string) => settlementRequest('s-zz-dest', { applicationRef: ref, relationToHead: 'other-relative', followers: [{ citizenId: spouse, relation: 'spouse', consentRef, coResiding: true, relationToHead: 'spouse' }] });
    const forged = await post(`/persons/${principal}/settlement-applications`, application('SQ-forged', 'A-f-1'));
    expect(forged.body.problems?.map((p: { code: string }) => p.code)).toEqual(['FAMILY.MEMBER_NOT_REGISTERED']);
    const followed = await post(`/persons/${principal}/settlement-applications`, application('SQ-F', 'A-f-2'));
    expect(followed.body.problems ?? []).toEqual([]);
    expect([followed.status, followed.body.family?.members.map((m: { citizenId: string; outcome: string }) => [m.citizenId, m.outcome])]).toEqual([200, [[spouse, 'moved']]]);
  });

  it('Given a registrar of 4101, When it names a place outside its regions, Then 403 that names no place', async () => {
    const establish = await post('/households', householdRequest('s-out', OUTSIDE_VILLAGE));
    const move = await api.call('PUT', '/households/s-zz-home/address', { token: registrar, body: { address: '哈尔滨 1 号', regionCode: OUTSIDE_VILLAGE } });
    for (const r of [establish, move]) expect([r.status, r.body.code, /\d{4}/.test(JSON.stringify(r.body))]).toEqual([403, 'AUTH.OUT_OF_SCOPE', false]);
  });
});
