import { CONTROLLERS } from '../src/app';
import { ROLES } from '../src/auth/jwt';
import { operationsOf } from '../src/http/openapi';
import { type Api, startApi } from './harness';

const W = ['registrar', 'admin'];
const READ = ['registrar', 'auditor', 'admin'];
const STATS = ['statistician', 'auditor', 'admin'];
const AUDIT = ['auditor', 'admin'];
const ALL = ['registrar', 'auditor', 'statistician', 'subscriber', 'admin'];

/** The access matrix, written out: who may call each route (an empty list: public). */
const MATRIX: Record<string, readonly string[]> = {
  'GET /health': [], 'GET /metrics': [], 'GET /docs': [], 'GET /docs/openapi.json': [], 'GET /docs/assets/{file}': [],
  'POST /persons/births': W, 'POST /persons': W, 'POST /persons/{citizenId}/settlement-applications': W, 'POST /persons/{citizenId}/unification': W,
  'POST /persons/{citizenId}/residence-permits': W, 'PUT /persons/{citizenId}/residence-permits/{permitNo}': W,
  'POST /persons/{citizenId}/residence-permits/{permitNo}/cancellation': W, 'POST /persons/{citizenId}/actual-residence': W,
  'POST /persons/{citizenId}/actual-residence/end': W, 'POST /persons/{citizenId}/death': W, 'POST /persons/{citizenId}/migration-releases': W, 'POST /persons/{citizenId}/corrections': W,
  'POST /households': W, 'PUT /households/{householdId}/head': W, 'PUT /households/{householdId}/address': W, 'POST /households/{householdId}/dissolution': W,
  'POST /jurisdictions/{prefix}/cutover': ['admin'], 'POST /jurisdictions/{prefix}/policies': ['admin'], 'POST /jurisdictions/{prefix}/reclassifications': ['admin'],
  'POST /jurisdictions/{prefix}/unification-jobs': ['admin'], 'GET /jobs/{jobId}': ['admin'],
  'GET /persons/{citizenId}': READ, 'GET /households/{householdId}': READ,
  'GET /statistics/population': STATS, 'GET /statistics/flows': STATS, 'GET /statistics/structure': STATS, 'GET /statistics/targets': STATS,
  'GET /audit/persons/{citizenId}/history': AUDIT, 'GET /audit/persons/{citizenId}/state': AUDIT, 'GET /audit/households/{householdId}/history': AUDIT,
  'GET /audit/households/{householdId}/state': AUDIT, 'GET /audit/deregistration-candidates': AUDIT, 'GET /audit/integrity': AUDIT,
  'POST /audit/integrity-checks': AUDIT, 'GET /audit/integrity-checks/{checkId}': AUDIT,
  'GET /audit/persons/{citizenId}/reads': AUDIT, 'GET /audit/households/{householdId}/reads': AUDIT, 'GET /audit/disclosures/integrity': AUDIT,
  'GET /events': ['subscriber', 'admin'],
  'GET /subscriptions/me/pseudonym-key': ['subscriber', 'admin'], 'POST /subscriptions/{scope}/pseudonym-rotations': ['admin'],
  'PUT /jurisdictions/{prefix}/policies/{policyId}': ['admin'], 'POST /jurisdictions/{prefix}/policies/{policyId}/repeal': ['admin'],
  'GET /policies': ALL, 'GET /policies/catalogue': ALL, 'GET /policies/{policyId}': ALL, 'GET /regions': ALL, 'GET /docs/settlement-policy.schema.json': [],
};

const SAMPLE: Record<string, string> = { citizenId: '410102199001011234', householdId: 'h-1', prefix: '4101', permitNo: 'P-1', file: 'swagger-ui.css', jobId: 'job-1', policyId: 'zhengzhou-2017', checkId: '00000000-0000-4000-8000-000000000000', scope: 'subject:subscriber-e2e' };
const OPERATIONS = operationsOf(CONTROLLERS).map((op) => ({ ...op, key: `${op.method} ${op.fullPath}`, url: op.fullPath.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE[name]!) }));

describe('access: every route × every role', () => {
  let api: Api;
  beforeAll(async () => { api = await startApi(); });
  afterAll(() => api.close());

  it('Given the routes declared on the controllers, Then they are exactly the matrix, with the roles the matrix gives', () => {
    expect(Object.fromEntries(OPERATIONS.map((op) => [op.key, [...op.roles].sort()]))).toEqual(Object.fromEntries(Object.entries(MATRIX).map(([k, v]) => [k, [...v].sort()])));
  });

  it.each(OPERATIONS.map((op) => [op.key, op] as const))('%s: no token → 401 unless public; each role → 403 unless allowed', async (_, op) => {
    const call = (token?: string) => api.call(op.method, op.url, { ...(token ? { token } : {}), ...(op.method === 'GET' ? {} : { body: {} }) });
    const anonymous = await call();
    if (op.roles.length === 0) expect(anonymous.status).toBeLessThan(400);
    else expect([anonymous.status, anonymous.body.code, anonymous.headers.get('www-authenticate')]).toEqual([401, 'AUTH.REQUIRED', expect.stringContaining('Bearer')]);
    for (const role of ROLES) {
      const r = await call(api.token(role));
      const allowed = op.roles.length === 0 || op.roles.includes(role);
      if (allowed) expect([role, r.status === 401 || r.body.code === 'AUTH.ROLE_FORBIDDEN']).toEqual([role, false]);
      else expect([role, r.status, r.body.code]).toEqual([role, 403, 'AUTH.ROLE_FORBIDDEN']);
      expect(r.status).toBeLessThan(500);
    }
  });

  it('Given the OpenAPI document at /docs/openapi.json, Then it lists every route with its roles, parameters and body schema', async () => {
    const doc = (await api.call('GET', '/docs/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    for (const op of OPERATIONS) {
      const entry = doc.paths[op.fullPath]?.[op.method.toLowerCase()];
      expect([op.key, entry === undefined]).toEqual([op.key, false]);
      expect(entry['x-roles'] ?? []).toEqual(op.roles);
      const pathParams = [...op.fullPath.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(entry.parameters.filter((p: { in: string }) => p.in === 'path').map((p: { name: string }) => p.name)).toEqual(pathParams);
      if (op.body) expect(entry.requestBody.content['application/json'].schema).toEqual(op.body.json);
      if (op.roles.length > 0) expect(Object.keys(entry.responses)).toEqual(expect.arrayContaining(['400', '401', '403']));
    }
    const html = await api.call('GET', '/docs');
    expect([html.status, html.body.includes('swagger-ui-bundle.js')]).toEqual([200, true]);
    expect((await api.call('GET', '/docs/assets/swagger-ui-bundle.js')).status).toBe(200);
  });

  it('Given a forged, expired or malformed token, Then 401 with the reason', async () => {
    const good = api.token('auditor');
    const [h, b] = good.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(b!, 'base64url').toString()), role: 'admin' })).toString('base64url')}.${good.split('.')[2]}`;
    const cases: [string, string][] = [[forged, 'AUTH.TOKEN_SIGNATURE'], ['abc', 'AUTH.TOKEN_MALFORMED'], ['a.b.c', 'AUTH.TOKEN_SIGNATURE']];
    for (const [token, code] of cases) {
      const r = await api.call('GET', '/audit/integrity', { token });
      expect([r.status, r.body.code]).toEqual([401, code]);
    }
  });
});
