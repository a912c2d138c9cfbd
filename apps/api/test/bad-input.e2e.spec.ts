import fc from 'fast-check';
import { CONTROLLERS } from '../src/app';
import { operationsOf } from '../src/http/openapi';
import { ZHENGZHOU_2017 } from '../../../libs/domain/src/policy';
import { type Api, birthRequest, citizenIdOf, householdRequest, OTHER_VILLAGE, SAME_COUNTY_VILLAGE, settlementRequest, startApi, VILLAGE } from './harness';

const FUZZ_RUNS = Number(process.env.HUJI_FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.HUJI_FUZZ_SEED ?? Date.now() % 2 ** 31);

/** A valid body for each command route (the fuzz mutates these, so it reaches the rules, not only the schema). */
const SAMPLES = (ids: { person: string; household: string; other: string }): Record<string, unknown> => ({
  'POST /persons/births': birthRequest(ids.household),
  'POST /persons': { citizenId: citizenIdOf('41010219850505001'), name: '赵一', sex: 'male', dateOfBirth: '1985-05-05', householdId: ids.household, relationToHead: 'other', registrationType: 'resident', reason: 'no-hukou' },
  'POST /persons/{citizenId}/settlement-applications': settlementRequest(ids.other),
  'POST /persons/{citizenId}/unification': {},
  'POST /persons/{citizenId}/residence-permits': { permitNo: 'P-9', residenceRegionCode: OTHER_VILLAGE, validFrom: '2024-01-01', validUntil: '2025-01-01', basis: 'stable-employment' },
  'PUT /persons/{citizenId}/residence-permits/{permitNo}': { validUntil: '2026-01-01' },
  'POST /persons/{citizenId}/residence-permits/{permitNo}/cancellation': { reason: 'x' },
  'POST /persons/{citizenId}/actual-residence': { regionCode: SAME_COUNTY_VILLAGE },
  'POST /persons/{citizenId}/actual-residence/end': {},
  'POST /persons/{citizenId}/migration-releases': { releaseRef: 'QC-1', to: '2301', consentRef: 'SQ-1', validUntil: '2099-01-01' },
  'POST /persons/{citizenId}/death': { dateOfDeath: '2024-01-01', placeOfDeath: VILLAGE, deathCertificateRef: 'D' },
  'POST /persons/{citizenId}/corrections': { field: 'name', corrected: '赵二', reason: 'r', evidence: [] },
  'POST /households': householdRequest('fz-new'),
  'PUT /households/{householdId}/head': { newHead: ids.person, reason: 'correction' },
  'PUT /households/{householdId}/address': { address: 'a', regionCode: OTHER_VILLAGE },
  'POST /households/{householdId}/dissolution': { reason: 'merged' },
  'POST /jurisdictions/{prefix}/cutover': { cutoverDate: '2016-01-01', documentNo: 'D' },
  'POST /jurisdictions/{prefix}/policies': { policyId: 'zhengzhou-2017', version: '1' },
  'POST /jurisdictions/{prefix}/reclassifications': { region: VILLAGE, class: '111', reason: 'r' },
  'PUT /jurisdictions/{prefix}/policies/{policyId}': { policy: { ...ZHENGZHOU_2017, version: 2, effectiveDate: '2024-01-01' }, reason: '实施细则' },
  'POST /jurisdictions/{prefix}/policies/{policyId}/repeal': { from: '2025-01-01', documentNo: '郑政〔2024〕9号', reason: '新文件施行' },
  'POST /jurisdictions/{prefix}/unification-jobs': {},
  'POST /subscriptions/{scope}/pseudonym-rotations': { effectiveAt: '2099-01-01T00:00:00Z', reason: '年度轮换' },
});

const COMMANDS = operationsOf(CONTROLLERS).filter((op) => op.body).map((op) => ({ ...op, key: `${op.method} ${op.fullPath}` }));

const expectProblem = (r: { status: number; headers: Headers; body: any }, status: number | 'client'): void => {
  if (status === 'client') expect(r.status >= 400 && r.status < 500).toBe(true);
  else expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  expect(r.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status: r.status, code: expect.stringMatching(/^[A-Z_]+\.[A-Z_.]+$/) });
  expect(r.body.problems.length).toBeGreaterThan(0);
};

describe('bad input: a clear 4xx problem, and nothing appended', () => {
  let api: Api;
  let registrar: string;
  let admin: string;
  let ids: { person: string; household: string; other: string };
  const urlOf = (path: string) => path.replace('{citizenId}', ids.person).replace('{householdId}', ids.household).replace('{prefix}', '4101').replace('{permitNo}', 'P-1').replace('{policyId}', 'zhengzhou-2017').replace('{scope}', 'subject:fuzz');

  beforeAll(async () => {
    api = await startApi();
    registrar = api.token('registrar');
    admin = api.token('admin');
    await api.call('POST', '/households', { token: registrar, body: householdRequest('fz-home') });
    await api.call('POST', '/households', { token: registrar, body: householdRequest('fz-other', OTHER_VILLAGE) });
    const birth = await api.call('POST', '/persons/births', { token: registrar, body: birthRequest('fz-home', { relationToHead: 'head' }) });
    ids = { person: birth.body.id, household: 'fz-home', other: 'fz-other' };
  });
  afterAll(() => api.close());

  it('Given every command route, Then each has a valid sample (the fuzz starts from it)', () => {
    expect(COMMANDS.map((c) => c.key).sort()).toEqual(Object.keys(SAMPLES(ids)).sort());
  });

  it.each(COMMANDS.map((c) => [c.key, c] as const))('%s: malformed JSON, wrong types, unknown fields, oversized → 4xx, log unchanged', async (key, op) => {
    const token = op.roles.includes('registrar') ? registrar : admin;
    const before = await api.logLength();
    const url = urlOf(op.fullPath);
    expectProblem(await api.call(op.method, url, { token, raw: '{"name": "王', headers: { 'content-type': 'application/json' } }), 400);
    expectProblem(await api.call(op.method, url, { token, raw: '[1,2]' }), 400);
    expectProblem(await api.call(op.method, url, { token, raw: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415);
    const wrong = Object.fromEntries(Object.keys(SAMPLES(ids)[key] as object).map((k) => [k, { nested: [k] }]));
    const typed = await api.call(op.method, url, { token, body: { ...wrong, unexpected: true } });
    expectProblem(typed, 400);
    expect(typed.body.problems.length).toBeGreaterThanOrEqual(Object.keys(wrong).length + 1); // every problem listed, not the first
    expectProblem(await api.call(op.method, url, { token, raw: JSON.stringify({ pad: 'x'.repeat(70 * 1024) }) }), 413);
    expect(await api.logLength()).toBe(before);
  });

  it('Given invalid ids, unknown regions and future dates, Then 400 naming each field, and nothing appended', async () => {
    const before = await api.logLength();
    const badId = `${ids.person.slice(0, 17)}${ids.person.endsWith('X') ? '0' : 'X'}`;
    const cases: [string, string, unknown, string[]][] = [
      ['POST', `/persons/${badId}/death`, SAMPLES(ids)['POST /persons/{citizenId}/death'], ['CITIZEN_ID']],
      ['POST', '/persons/12345/death', SAMPLES(ids)['POST /persons/{citizenId}/death'], ['path.citizenId']],
      ['POST', '/households', { ...householdRequest('fz-x'), regionCode: '419999999999' }, ['REGION.UNKNOWN']],
      ['POST', '/households', { ...householdRequest('fz-x'), regionCode: '410102000000' }, ['REGION.LEVEL']],
      ['POST', '/persons/births', birthRequest('fz-home', { dateOfBirth: '2999-01-01', parents: { motherId: badId } }), ['dateOfBirth', 'parents.motherId']],
      ['POST', `/persons/${ids.person}/death`, { dateOfDeath: '2999-01-01', placeOfDeath: VILLAGE, deathCertificateRef: 'D' }, ['DATE.IN_FUTURE', 'body.dateOfDeath']],
      ['POST', `/persons/${ids.person}/residence-permits`, { permitNo: 'P', residenceRegionCode: '410199999999', validFrom: '2024-13-01', validUntil: '2024-01-01', basis: 'x' }, ['residenceRegionCode', 'validFrom', 'basis']],
      ['GET', '/statistics/population?asOf=2999-01-01&region=4101', undefined, ['DATE.IN_FUTURE']],
      ['GET', '/statistics/population?region=9999', undefined, ['REGION.UNKNOWN']],
      ['GET', '/events?types=NoSuchEvent', undefined, ['EVENT.UNKNOWN_TYPE']],
      ['GET', '/events?region=9999', undefined, ['REGION.UNKNOWN']],
      ['GET', '/audit/deregistration-candidates?region=9999', undefined, ['REGION.UNKNOWN']],
    ];
    for (const [method, url, body, mentions] of cases) {
      const token = url.startsWith('/statistics') ? api.token('statistician') : url.startsWith('/events') ? api.token('subscriber') : url.startsWith('/audit') ? api.token('auditor') : registrar;
      const r = await api.call(method, url, { token, ...(body === undefined ? {} : { body }) });
      expectProblem(r, 400);
      const text = JSON.stringify(r.body.problems);
      for (const m of mentions) expect([url, text.includes(m)]).toEqual([url, true]);
    }
    expect(await api.logLength()).toBe(before);
  });

  it(`Given ${FUZZ_RUNS} random bodies per command route (seed ${SEED}), Then never a 5xx, and every refusal is a problem document`, async () => {
    const anyJson = fc.jsonValue({ maxDepth: 3 });
    for (const op of COMMANDS) {
      const token = op.roles.includes('registrar') ? registrar : admin;
      const sample = SAMPLES(ids)[op.key] as Record<string, unknown>;
      const keys = Object.keys(sample);
      const mutated = fc.tuple(fc.subarray(keys), fc.dictionary(fc.constantFrom(...keys, 'extra'), anyJson, { maxKeys: 3 }))
        .map(([drop, set]) => ({ ...Object.fromEntries(Object.entries(sample).filter(([k]) => !drop.includes(k))), ...set }));
      const bodies = fc.sample(fc.oneof(anyJson, fc.object({ maxDepth: 2 }), mutated, mutated), { numRuns: FUZZ_RUNS, seed: SEED });
      for (let i = 0; i < bodies.length; i += 25) {
        const responses = await Promise.all(bodies.slice(i, i + 25).map((body) => api.call(op.method, urlOf(op.fullPath), { token, raw: JSON.stringify(body) })));
        responses.forEach((r, j) => {
          if (r.status >= 300) expectProblem(r, 'client');
          else expect([op.key, r.status]).toEqual([op.key, expect.any(Number)]);
          if (r.status >= 500) throw new Error(`${op.key} gave ${r.status} for ${JSON.stringify(bodies[i + j])} (seed ${SEED})`);
        });
      }
    }
  }, 600_000);
});
