import { CONTROLLERS } from '../src/app';
import { operationsOf } from '../src/http/openapi';
import { regionPrefix } from '../../../events/common';
import { ZHENGZHOU_2017 } from '../../../libs/domain/src/policy';
import { type Role } from '../src/auth/jwt';
import { type Api, birthRequest, citizenIdOf, householdRequest, startApi, VILLAGE } from './harness';

/**
 * Issue 12, input hygiene and the access log: names and addresses refuse NUL, bidirectional overrides and lone
 * surrogates (TEXT.FORBIDDEN_CHARACTER); an empty query parameter, an impossible date and a 5-digit region are
 * 400 on every route that takes them; the access log holds no citizen id and no token. Each refusal appends nothing.
 */
const META = { schemaVersion: 1, effectiveDate: '2000-01-01', actor: { id: 'legacy-import', role: 'import', office: '4101' }, correlationId: '00000000-0000-4000-8000-000000000012' };
const RLO = '\u202e';

/** The hostile characters of the finding, each as raw JSON text (a lone surrogate can only be sent that way). */
const HOSTILE: readonly (readonly [what: string, json: string, codePoint: string])[] = [
  ['NUL', '\\u0000', 'U+0000'], ['a right-to-left override', '\\u202e', 'U+202E'], ['a lone surrogate', '\\ud800', 'U+D800'],
];
/** A body with one field's value replaced by raw JSON text: `王<hostile>明`. */
const rawWith = (body: Record<string, unknown>, field: string, json: string): string =>
  JSON.stringify({ ...body, [field]: '@@HOSTILE@@' }).replace('"@@HOSTILE@@"', `"王${json}明"`);

const GETS = operationsOf(CONTROLLERS).filter((op) => op.method === 'GET' && op.roles.length > 0);
const queryParams = (test: (schema: { readonly [key: string]: unknown }) => boolean) =>
  GETS.flatMap((op) => Object.entries(op.query ?? {}).filter(([, spec]) => test(spec.schema.json)).map(([name]) => ({ op, name, key: `${op.fullPath}?${name}` })));

describe('security: hostile text, empty and impossible parameters, and a redacted access log', () => {
  let api: Api;
  let registrar: string;
  let person: string;
  const logged: string[] = [];
  const write = process.stdout.write.bind(process.stdout);

  const tokenFor = (roles: readonly Role[]) => api.token(roles.includes('registrar') ? 'registrar' : roles[0]!, { regions: ['4101'] });
  const urlOf = (path: string) => path.replace('{citizenId}', person).replace('{householdId}', 'si-home').replace('{policyId}', 'zhengzhou-2017').replace('{jobId}', 'none');
  const refusal = async (method: string, path: string, options: { raw?: string; body?: unknown; token?: string }) => {
    const before = await api.logLength();
    const r = await api.call(method, path, { token: registrar, ...options });
    expect(await api.logLength()).toBe(before);
    return r;
  };

  beforeAll(async () => {
    // The access log is one JSON line per request on stdout: keep those lines for the redaction test, let the rest through.
    process.stdout.write = (chunk: string | Uint8Array, ...rest: never[]) => {
      const text = String(chunk);
      if (text.startsWith('{') && text.includes('"app":"api"')) return logged.push(text) > 0;
      return write(chunk, ...rest);
    };
    api = await startApi({ log: true });
    registrar = api.token('registrar', { regions: ['4101'] });
    await api.call('POST', '/households', { token: registrar, body: householdRequest('si-home') });
    person = (await api.call('POST', '/persons/births', { token: registrar, body: birthRequest('si-home', { relationToHead: 'head' }) })).body.id;
  });
  afterAll(async () => {
    process.stdout.write = write;
    await api.close();
  });

  describe('text fields refuse control, bidirectional-control and invisible characters and lone surrogates', () => {
    const CASES: readonly (readonly [route: string, path: () => string, body: () => Record<string, unknown>, field: string])[] = [
      ['POST /persons/births', () => '/persons/births', () => birthRequest('si-home'), 'name'],
      ['POST /persons', () => '/persons', () => ({ citizenId: citizenIdOf('41010219850505001'), name: '赵一', sex: 'male', dateOfBirth: '1985-05-05', householdId: 'si-home', relationToHead: 'other', registrationType: 'resident', reason: 'no-hukou' }), 'name'],
      ['POST /households', () => '/households', () => householdRequest('si-new'), 'address'],
      ['PUT /households/{householdId}/address', () => '/households/si-home/address', () => ({ address: '经三路 2 号', regionCode: VILLAGE }), 'address'],
      ['POST /persons/{citizenId}/corrections', () => `/persons/${person}/corrections`, () => ({ field: 'name', corrected: '王大明', reason: '登记错误', evidence: ['E-1'] }), 'corrected'],
      ['POST /persons/{citizenId}/death', () => `/persons/${person}/death`, () => ({ dateOfDeath: '2024-01-01', placeOfDeath: VILLAGE, deathCertificateRef: 'D-1' }), 'deathCertificateRef'],
    ];
    const rows = CASES.flatMap(([route, path, body, field]) => HOSTILE.map(([what, json, codePoint]) => [`${route}: ${field} with ${what}`, route.split(' ')[0]!, path, body, field, json, codePoint] as const));

    it.each(rows)('%s → 400 TEXT.FORBIDDEN_CHARACTER naming the field and the code point, nothing appended', async (_name, method, path, body, field, json, codePoint) => {
      const r = await refusal(method, path(), { raw: rawWith(body(), field, json) });
      expect([r.status, r.body.code]).toEqual([400, 'TEXT.FORBIDDEN_CHARACTER']);
      expect(r.body.problems).toEqual([{ code: 'TEXT.FORBIDDEN_CHARACTER', path: `body.${field}`, message: expect.stringContaining(`body.${field} contains ${codePoint}`) }]);
    });

    it('Given a hostile name and an impossible date in one body, Then one 400 lists both', async () => {
      const r = await refusal('POST', '/persons/births', { raw: rawWith(birthRequest('si-home', { dateOfBirth: '2020-02-30' }), 'name', '\\u202e') });
      expect(r.status).toBe(400);
      expect(r.body.problems.map((p: { code: string; path: string }) => `${p.path} ${p.code}`).sort()).toEqual(['body.dateOfBirth REQUEST.INVALID_FIELD', 'body.name TEXT.FORBIDDEN_CHARACTER']);
    });

    it('Given a policy whose text holds a bidirectional override, Then the enactment is refused (policy content is text too)', async () => {
      const admin = api.token('admin');
      const r = await refusal('PUT', '/jurisdictions/4101/policies/zhengzhou-2017', { token: admin, body: { policy: { ...ZHENGZHOU_2017, version: 9, title: `郑州${RLO}市` }, reason: '实施细则' } });
      expect([r.status, r.body.problems.find((p: { path: string }) => p.path === 'body.policy.title')?.code]).toEqual([400, 'TEXT.FORBIDDEN_CHARACTER']);
    });

    it('Given an address recorded before the rule with an override in it, Then the household can still move to a clean address (the copy is not judged again)', async () => {
      await api.runtime.store.appendToStream('household-si-legacy', [
        { type: 'HouseholdEstablished', data: { householdId: 'si-legacy', kind: 'family', regionCode: VILLAGE, address: `经三路${RLO}1号` }, metadata: META },
      ], { expectedRevision: 'no_stream' });
      const r = await api.call('PUT', '/households/si-legacy/address', { token: registrar, body: { address: '经三路 1 号', regionCode: VILLAGE } });
      expect([r.status, r.body.code]).toEqual([200, undefined]);
    });
  });

  describe('query parameters: never empty, real calendar dates, whole regions', () => {
    it('Given every query parameter of every read route sent empty (?asOf=), Then 400 REQUEST.INVALID_FIELD "must not be empty" — never the default answer', async () => {
      const params = queryParams(() => true);
      expect(params.map((p) => p.key)).toEqual(expect.arrayContaining(['/statistics/population?asOf', '/statistics/flows?from', '/events?from', '/audit/persons/{citizenId}/state?asOf', '/policies?asOf']));
      const answers = await Promise.all(params.map(async ({ op, name, key }) => {
        const r = await api.call('GET', `${urlOf(op.fullPath)}?${name}=`, { token: tokenFor(op.roles) });
        return [key, r.status, r.body.code, r.body.problems?.[0]?.message];
      }));
      expect(answers.filter(([, status, code, message]) => status !== 400 || code !== 'REQUEST.INVALID_FIELD' || !String(message).includes('must not be empty'))).toEqual([]);
    });

    it('Given 2020-02-30 on every date parameter of every read route, Then 400 "not a day of the calendar"', async () => {
      const dates = queryParams((json) => json.format === 'date');
      expect(dates.map((d) => d.key).sort()).toEqual([
        '/audit/deregistration-candidates?asOf', '/audit/households/{householdId}/state?asOf', '/audit/households/{householdId}/state?knownAt',
        '/audit/persons/{citizenId}/state?asOf', '/audit/persons/{citizenId}/state?knownAt', '/policies?asOf', '/regions?asOf',
        '/statistics/flows?from', '/statistics/flows?knownAt', '/statistics/flows?to', '/statistics/population?asOf', '/statistics/population?knownAt',
        '/statistics/structure?asOf', '/statistics/structure?knownAt', '/statistics/targets?asOf',
      ]);
      const answers = await Promise.all(dates.map(async ({ op, name, key }) => {
        const r = await api.call('GET', `${urlOf(op.fullPath)}?${name}=2020-02-30`, { token: tokenFor(op.roles) });
        return [key, r.status, JSON.stringify(r.body.problems ?? r.body)];
      }));
      expect(answers.filter(([, status, problems]) => status !== 400 || !String(problems).includes('2020-02-30 is not a day of the calendar'))).toEqual([]);
    });

    it('Given a 5-digit region (41010) on every region parameter, Then 400 REGION.FORMAT; 4101 and 410102 are answered', async () => {
      const regions = queryParams((json) => json.pattern === regionPrefix.json.pattern);
      expect(regions.map((r) => r.key).sort()).toEqual([
        '/audit/deregistration-candidates?region', '/events?region', '/policies?region', '/regions?prefix',
        '/statistics/flows?region', '/statistics/population?region', '/statistics/structure?region', '/statistics/targets?region',
      ]);
      // One after another: one caller may have only four statistics scans running at once (more → 429).
      const answers = [];
      for (const { op, name, key } of regions) {
        for (const value of ['41010', '4101', '410102']) {
          const r = await api.call('GET', `${urlOf(op.fullPath)}?${name}=${value}`, { token: tokenFor(op.roles) });
          answers.push([`${key}=${value}`, r.status, r.body.code ?? null]);
        }
      }
      expect(answers.filter(([key, status, code]) => (String(key).endsWith('=41010') ? status !== 400 || code !== 'REGION.FORMAT' : status !== 200))).toEqual([]);
    });
  });

  it('Given requests naming a citizen id and carrying tokens in the query, Then the access log holds neither — and does hold the requests, redacted', async () => {
    const auditor = api.token('auditor');
    const subscriber = api.token('subscriber');
    const from = logged.length;
    const calls = [
      api.call('GET', `/persons/${person}`, { token: registrar }),
      api.call('GET', `/audit/persons/${person}/state?asOf=2024-01-01`, { token: auditor }),
      api.call('GET', `/audit/integrity?stream=person-${person}`, { token: auditor }),
      api.call('GET', `/events?token=${subscriber}&limit=1`, { token: subscriber }),
      api.call('GET', `/persons/${person}?access_token=${registrar}`, { token: registrar }),
      api.call('GET', `/events?limit=1&key=opaque-api-key-0123`, { token: subscriber }),
      api.call('GET', '/persons/410102850315002', { token: registrar }),
    ];
    const answers = await Promise.all(calls);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 400, 400, 400, 400]);
    // onResponse logs once the reply is finished: wait for the seven lines.
    const mine = () => logged.slice(from).map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request');
    for (let i = 0; i < 100 && mine().length < calls.length; i++) await new Promise((r) => setTimeout(r, 20));
    expect(mine()).toHaveLength(calls.length);
    const text = logged.join('');
    const secrets = { person, first15: '410102850315002', subscriber, registrar, auditor, opaque: 'opaque-api-key-0123' };
    expect(Object.entries(secrets).filter(([, secret]) => text.includes(secret)).map(([name]) => name)).toEqual([]);
    const urls = mine().map((l) => l.url);
    expect(urls).toEqual(expect.arrayContaining([
      `/persons/${person.slice(0, 6)}************`, `/audit/integrity?stream=person-${person.slice(0, 6)}************`,
      '/events?token=[redacted]&limit=1', `/persons/${person.slice(0, 6)}************?access_token=[redacted]`, '/events?limit=1&key=[redacted]', '/persons/410102*********',
    ]));
  });
});
