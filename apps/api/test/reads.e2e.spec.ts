import { request as httpRequest } from 'node:http';
import { type Api, birthRequest, citizenIdOf, householdRequest, startApi, TEST_PURPOSE } from './harness';

/** 查询留痕 over HTTP: every disclosure of personal data is recorded with who, when, whose data and why; auditors list them. */
describe('reads are recorded (查询留痕)', () => {
  let api: Api;
  let registrar: string;
  let auditor: string;
  const members: string[] = [];
  let position = '';
  /** A purpose as curl sends it: its UTF-8 bytes (fetch takes a header value as Latin-1 characters, one a byte). */
  const purpose = (text: string) => ({ headers: { 'huji-purpose': Buffer.from(text, 'utf8').toString('latin1') } });
  const head = () => api.runtime.disclosures.head();

  beforeAll(async () => {
    api = await startApi();
    registrar = api.token('registrar', { sub: 'clerk-wang' });
    auditor = api.token('auditor', { sub: 'auditor-li' });
    await api.call('POST', '/households', { token: registrar, body: householdRequest('rd-home') });
    for (const name of ['甲', '乙', '丙']) {
      const born = await api.call('POST', '/persons/births', { token: registrar, body: birthRequest('rd-home', { name }) });
      members.push(born.body.id as string);
      position = born.body.position as string;
    }
  });
  afterAll(() => api.close());

  it('Given a registrar\'s GET /persons/{id} and an auditor\'s history of the same person, When an auditor lists the person\'s reads, Then both are there, newest first, each with who, role, office, purpose, route and when', async () => {
    const id = members[0]!;
    const before = new Date().toISOString();
    expect((await api.call('GET', `/persons/${id}`, { token: registrar, ...purpose('核对出生登记 birth check') })).status).toBe(200);
    expect((await api.call('GET', `/audit/persons/${id}/history`, { token: auditor, ...purpose('年度审计 annual audit') })).status).toBe(200);
    const after = new Date().toISOString();
    const listed = await api.call('GET', `/audit/persons/${id}/reads`, { token: auditor, ...purpose('查看查询记录') });
    expect(listed.status).toBe(200);
    const reads = (listed.body.reads as { at: string; purpose: string }[]).filter((r) => r.purpose !== TEST_PURPOSE);
    expect(reads).toEqual([
      expect.objectContaining({ subject: 'auditor-li', role: 'auditor', office: 'auditor', purpose: '年度审计 annual audit', route: 'GET /audit/persons/:citizenId/history', personsDisclosed: 1 }),
      expect.objectContaining({ subject: 'clerk-wang', role: 'registrar', office: '4101', purpose: '核对出生登记 birth check', route: 'GET /persons/:citizenId', personsDisclosed: 1 }),
    ]);
    expect(reads.filter((r) => r.at < before || r.at > after)).toEqual([]);
    // Listing the reads is itself a read of the person: the next page shows it.
    const again = await api.call('GET', `/audit/persons/${id}/reads?limit=1`, { token: auditor });
    expect(again.body.reads[0]).toMatchObject({ subject: 'auditor-li', purpose: '查看查询记录', route: 'GET /audit/persons/:citizenId/reads' });
  });

  it('Given a household read, Then the record names the household and every member: each member\'s reads and the household\'s list it', async () => {
    const r = await api.call('GET', `/households/rd-home?after=${position}`, { token: registrar, ...purpose('户口簿换发 household booklet') });
    expect([r.status, r.body.members.length]).toEqual([200, 3]);
    for (const id of members) {
      const listed = await api.call('GET', `/audit/persons/${id}/reads`, { token: auditor });
      expect([id, listed.body.reads[0]]).toEqual([id, expect.objectContaining({ route: 'GET /households/:householdId', purpose: '户口簿换发 household booklet', households: ['rd-home'], personsDisclosed: 3 })]);
    }
    const household = await api.call('GET', '/audit/households/rd-home/reads', { token: auditor });
    expect(household.body.reads[0]).toMatchObject({ route: 'GET /households/:householdId', subject: 'clerk-wang' });
  });

  it.each([
    ['missing', 'PURPOSE.REQUIRED', undefined, 'is required'],
    ['blank', 'PURPOSE.REQUIRED', '   ', 'must not be blank'],
    ['one character', 'PURPOSE.INVALID', 'x', 'must have 2 to 200 characters (has 1)'],
    ['201 characters', 'PURPOSE.INVALID', '查'.repeat(201), 'must have 2 to 200 characters (has 201)'],
    ['holding a bidirectional control', 'PURPOSE.INVALID', 'audit\u202Eeman', 'U+202E'],
  ])('Given a purpose %s, When a person is read, Then 400 %s lists the problem, nothing is disclosed and nothing recorded', async (_, code, text, message) => {
    const id = members[1]!;
    const was = head();
    const headers: Record<string, string> = { authorization: `Bearer ${registrar}`, ...(text === undefined ? {} : { 'huji-purpose': Buffer.from(text, 'utf8').toString('latin1') }) };
    const r = await new Promise<{ status: number; body: any }>((done, fail) => {
      // node:http sends the header's UTF-8 bytes as curl does (fetch refuses non-Latin-1 header values).
      httpRequest(`${api.url}/persons/${id}`, { headers }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => { text += c; }).on('end', () => done({ status: res.statusCode!, body: JSON.parse(text) }));
      }).on('error', fail).end();
    });
    expect([r.status, r.body.code]).toEqual([400, code]);
    expect(r.body.problems).toEqual([expect.objectContaining({ code, path: 'headers.huji-purpose', message: expect.stringContaining(message) })]);
    expect(JSON.stringify(r.body)).not.toContain('乙');
    expect(head()).toBe(was);
  });

  it('Given a bad citizen id and no purpose, Then one 400 lists both problems; a purpose in RFC 8187 form is recorded as the text it encodes', async () => {
    const r = await api.call('GET', '/persons/123', { token: registrar, headers: { 'huji-purpose': ' ' } });
    expect([r.status, r.body.code, r.body.problems.map((p: { path: string }) => p.path)]).toEqual([400, 'REQUEST.INVALID', ['path.citizenId', 'headers.huji-purpose']]);
    const ok = await api.call('GET', `/persons/${members[2]!}`, { token: registrar, headers: { 'huji-purpose': `UTF-8''${encodeURIComponent('户籍核查')}` } });
    expect(ok.status).toBe(200);
    expect((await api.call('GET', `/audit/persons/${members[2]!}/reads`, { token: auditor })).body.reads[0]).toMatchObject({ purpose: '户籍核查' });
  });

  it('Given a person that does not exist, or one outside a registrar\'s regions, Then the 404 discloses nothing and records nothing', async () => {
    const was = head();
    const nobody = citizenIdOf('41010219990101999');
    expect((await api.call('GET', `/persons/${nobody}`, { token: registrar })).status).toBe(404);
    expect((await api.call('GET', `/audit/persons/${nobody}/history`, { token: auditor })).status).toBe(404);
    expect((await api.call('GET', `/audit/persons/${nobody}/reads`, { token: auditor })).status).toBe(404);
    const elsewhere = api.token('registrar', { regions: ['2301'] });
    expect((await api.call('GET', `/persons/${members[0]!}`, { token: elsewhere })).status).toBe(404);
    expect((await api.call('GET', '/households/rd-home', { token: elsewhere })).status).toBe(404);
    expect(head()).toBe(was);
  });

  it('Given a person registered 101 years ago, When an auditor lists the deregistration candidates, Then the record names every listed person and their households', async () => {
    const old = citizenIdOf('41010219200101003');
    const r = await api.call('POST', '/persons', { token: registrar, body: { citizenId: old, name: '百岁', sex: 'male', dateOfBirth: '1920-01-01', householdId: 'rd-home', relationToHead: 'parent', registrationType: 'resident', reason: 'historical-import', effectiveDate: '2001-01-01' } });
    const c = await api.call('GET', `/audit/deregistration-candidates?region=4101&after=${String(r.body.position)}`, { token: auditor, ...purpose('应销未销排查') });
    const listed = (c.body.candidates as { citizenId: string }[]).map((x) => x.citizenId);
    expect(listed).toContain(old);
    for (const id of listed) expect((await api.call('GET', `/audit/persons/${id}/reads`, { token: auditor })).body.reads[0]).toMatchObject({ route: 'GET /audit/deregistration-candidates', purpose: '应销未销排查', personsDisclosed: listed.length });
  });

  it('Given more reads than a page, Then pages follow `next` back in time with no read twice', async () => {
    const id = members[0]!;
    const all = (await api.call('GET', `/audit/persons/${id}/reads?limit=200`, { token: auditor })).body.reads as { sequence: number }[];
    const paged: number[] = [];
    for (let before: string | null = String(all[0]!.sequence + 1); before !== null;) {
      const page = await api.call('GET', `/audit/persons/${id}/reads?limit=2&before=${before}`, { token: auditor });
      paged.push(...(page.body.reads as { sequence: number }[]).map((x) => x.sequence));
      before = page.body.next as string | null;
    }
    expect(paged).toEqual(all.map((x) => x.sequence));
    expect((await api.call('GET', `/audit/persons/${id}/reads?limit=0`, { token: auditor })).status).toBe(400);
  });

  it('Given the disclosure log, Then its integrity check is ok and the head it reports still checks out later; the OpenAPI document requires Huji-Purpose on every read', async () => {
    const first = await api.call('GET', '/audit/disclosures/integrity', { token: auditor });
    expect(first.body).toMatchObject({ ok: true, problems: [], head: expect.stringMatching(/^\d+:[0-9a-f]{64}$/) });
    await api.call('GET', `/persons/${members[0]!}`, { token: registrar });
    const later = await api.call('GET', `/audit/disclosures/integrity?expectHead=${String(first.body.head)}`, { token: auditor });
    expect(later.body).toMatchObject({ ok: true, recordsChecked: first.body.recordsChecked + 1 });
    const doc = (await api.call('GET', '/docs/openapi.json')).body;
    const reads = ['/persons/{citizenId}', '/households/{householdId}', '/audit/persons/{citizenId}/history', '/audit/persons/{citizenId}/state', '/audit/households/{householdId}/history',
      '/audit/households/{householdId}/state', '/audit/deregistration-candidates', '/audit/persons/{citizenId}/reads', '/audit/households/{householdId}/reads'];
    const without = reads.filter((path) => !doc.paths[path].get.parameters.some((p: { name: string; in: string; required: boolean }) => p.name === 'Huji-Purpose' && p.in === 'header' && p.required));
    expect(without).toEqual([]);
  });
});

describe('a read that cannot be recorded', () => {
  it('Given the disclosure log cannot be written, When a person is read, Then 503 DISCLOSURE.UNAVAILABLE and none of the person\'s data', async () => {
    const api = await startApi();
    try {
      const registrar = api.token('registrar');
      await api.call('POST', '/households', { token: registrar, body: householdRequest('rd-503') });
      const id = (await api.call('POST', '/persons/births', { token: registrar, body: birthRequest('rd-503', { name: '无记录' }) })).body.id as string;
      await api.runtime.disclosures.close();
      const r = await api.call('GET', `/persons/${id}`, { token: registrar });
      expect([r.status, r.body.code, r.headers.get('retry-after')]).toEqual([503, 'DISCLOSURE.UNAVAILABLE', '5']);
      expect(JSON.stringify(r.body)).not.toContain('无记录');
    } finally {
      await api.close();
    }
  });
});
