import { createHmac } from 'node:crypto';
import { pseudonymKeyOf, pseudonymUnder } from '../src/events/pseudonym-keys';
import { PseudonymKeys } from '../src/events/pseudonym-rotations';
import { signJws, testClaims } from '../../../test/support/hs256';
import { type Api, birthRequest, householdRequest, startApi } from './harness';
import { readEvents } from './sse';

/** The notice period for this file: 4 s (HUJI_PSEUDONYM_NOTICE_HOURS takes fractions), so a rotation comes into force during the test. */
const NOTICE_MS = 4_000;
const PSEUDONYM = /^p-[A-Za-z0-9_-]{22}$/;
const sleepUntil = (iso: string) => new Promise((r) => setTimeout(r, Math.max(0, Date.parse(iso) - Date.now() + 100)));

describe('pseudonyms (假名) per subscriber, and their announced rotation', () => {
  let api: Api;
  let ids: string[];
  let admin: string;
  let edu: string;
  const health: string[] = [];

  /** A subscriber token under a data-sharing agreement (the `agreement` claim). */
  const underAgreement = (sub: string, agreement: string) => signJws({ ...testClaims({ sub, role: 'subscriber', iss: api.config.tokens.issuer }, new Date(), 3600), agreement }, api.config.jwtSecret);
  const births = async (token: string) => (await api.call('GET', '/events?types=BirthRegistered&limit=100', { token })).body.events as { subject: string; hujipseudonymkey?: string; data: Record<string, unknown> }[];
  const keyOf = async (token: string) => (await api.call('GET', '/subscriptions/me/pseudonym-key', { token })).body;
  const rotate = (scope: string, body: unknown) => api.call('POST', `/subscriptions/${encodeURIComponent(scope)}/pseudonym-rotations`, { token: admin, body });

  beforeAll(async () => {
    process.env.HUJI_PSEUDONYM_NOTICE_HOURS = String(NOTICE_MS / 3_600_000);
    try {
      api = await startApi({ init: false });
    } finally {
      delete process.env.HUJI_PSEUDONYM_NOTICE_HOURS;
    }
    const registrar = api.token('registrar');
    admin = api.token('admin');
    edu = api.token('subscriber', { sub: 'edu-bureau' });
    health.push(underAgreement('health-clinic', 'dsa-health'), underAgreement('health-insurer', 'dsa-health'));
    await api.call('POST', '/households', { token: registrar, body: householdRequest('p-home') });
    ids = [];
    for (let i = 0; i < 3; i++) ids.push((await api.call('POST', '/persons/births', { token: registrar, body: birthRequest('p-home', { name: `周${i}` }) })).body.id);
  });
  afterAll(() => api.close());

  it('Given two agreements, Then the same person has different pseudonyms under each, one agreement\'s systems share theirs, and none is an HMAC of the id under a key from the token secret', async () => {
    const [h1, h2, e] = [await births(health[0]!), await births(health[1]!), await births(edu)];
    expect(h1.map((x) => x.subject)).toEqual(h2.map((x) => x.subject));
    expect(h1.filter((x, i) => x.subject === e[i]!.subject || !PSEUDONYM.test(x.subject))).toEqual([]);
    const tokenKey = createHmac('sha256', api.config.jwtSecret).update('huji-pseudonym').digest('hex');
    const fromTokenSecret = ids.flatMap((id) => [
      `p-${createHmac('sha256', tokenKey).update(id).digest('base64url').slice(0, 22)}`,
      ...['agreement:dsa-health', 'subject:edu-bureau'].map((scope) => pseudonymUnder(pseudonymKeyOf(api.config.jwtSecret, scope, 0), id)),
    ]);
    expect([...h1, ...e].map((x) => x.subject).filter((p) => fromTokenSecret.includes(p))).toEqual([]);
    expect(JSON.stringify([h1, e])).not.toMatch(new RegExp(ids.join('|')));
  });

  it('Given a subscriber, Then GET /subscriptions/me/pseudonym-key names its scope and the key id its redacted events carry', async () => {
    const key = await keyOf(health[0]!);
    expect(key).toEqual({ scope: 'agreement:dsa-health', keyId: expect.stringMatching(/^k0\.[A-Za-z0-9_-]{8}$/), since: null, scheduled: [], noticeHours: NOTICE_MS / 3_600_000 });
    expect((await births(health[0]!)).map((x) => x.hujipseudonymkey)).toEqual(Array(3).fill(key.keyId));
    expect((await keyOf(edu)).keyId).not.toBe(key.keyId);
  });

  it('Given a rotation announced with too short a notice, or asked for in two ways at once, Then 400 lists every problem and nothing is scheduled', async () => {
    const soon = await rotate('agreement:dsa-health', { effectiveAt: new Date(Date.now() + 1_000).toISOString() });
    expect([soon.status, soon.body.code, soon.body.problems]).toEqual([400, 'PSEUDONYM.NOTICE_TOO_SHORT', [expect.objectContaining({ code: 'PSEUDONYM.NOTICE_TOO_SHORT', path: 'body.effectiveAt' })]]);
    const both = await rotate('agreement:dsa-health', { effectiveAt: new Date(Date.now() + 1_000).toISOString(), immediate: true });
    expect([both.status, both.body.problems.map((p: { code: string }) => p.code)]).toEqual([400, ['PSEUDONYM.ROTATION_WHEN', 'PSEUDONYM.REASON_REQUIRED', 'PSEUDONYM.NOTICE_TOO_SHORT']]);
    expect((await keyOf(health[0]!)).scheduled).toEqual([]);
  });

  it('Given a rotation scheduled ahead, Then it is announced beforehand, and from its effectiveAt the key id and the pseudonyms change (a replay too), for that agreement only', async () => {
    const [before, eduBefore, key] = [await births(health[0]!), await births(edu), await keyOf(health[0]!)];
    const effectiveAt = new Date(Date.now() + NOTICE_MS + 1_500).toISOString();
    const scheduled = await rotate('agreement:dsa-health', { effectiveAt });
    expect([scheduled.status, scheduled.body]).toEqual([201, expect.objectContaining({ scope: 'agreement:dsa-health', keyId: expect.stringMatching(/^k1\./), effectiveAt, immediate: false, scheduledBy: 'admin-e2e' })]);
    const announced = await keyOf(health[1]!);
    expect(announced).toMatchObject({ keyId: key.keyId, scheduled: [{ keyId: scheduled.body.keyId, effectiveAt }] });
    expect((await births(health[0]!)).map((x) => x.subject)).toEqual(before.map((x) => x.subject));
    expect(Date.now()).toBeLessThan(Date.parse(effectiveAt)); // the reads above happened before the change

    await sleepUntil(effectiveAt);
    const after = await births(health[0]!);
    expect(after.map((x) => x.hujipseudonymkey)).toEqual(Array(3).fill(scheduled.body.keyId));
    expect(after.filter((x, i) => x.subject === before[i]!.subject || !PSEUDONYM.test(x.subject))).toEqual([]);
    const replay = await readEvents(`${api.url}/events?types=BirthRegistered`, { authorization: `Bearer ${health[1]}` }, (f) => f.length >= 3);
    expect(replay.map((f) => JSON.parse(f.data).subject)).toEqual(after.map((x) => x.subject));
    expect(await keyOf(health[0]!)).toMatchObject({ keyId: scheduled.body.keyId, since: effectiveAt, scheduled: [] });
    expect((await births(edu)).map((x) => x.subject)).toEqual(eduBefore.map((x) => x.subject));
    // Stored durably: a fresh reader of the read store sees the same key in force.
    expect((await new PseudonymKeys(api.runtime.views, api.config.pseudonymSecret).status('agreement:dsa-health', new Date())).keyId).toBe(scheduled.body.keyId);
  });

  it('Given a compromised key, When an admin rotates it immediately with a reason, Then the next page is under the new key; without a reason it is 400', async () => {
    const refused = await rotate('subject:edu-bureau', { immediate: true });
    expect([refused.status, refused.body.code]).toEqual([400, 'PSEUDONYM.REASON_REQUIRED']);
    const before = await births(edu);
    const now = await rotate('subject:edu-bureau', { immediate: true, reason: '密钥泄露 (key leaked)' });
    expect([now.status, now.body.immediate, now.body.keyId]).toEqual([201, true, expect.stringMatching(/^k1\./)]);
    const after = await births(edu);
    expect([after[0]!.hujipseudonymkey, after.filter((x, i) => x.subject === before[i]!.subject)]).toEqual([now.body.keyId, []]);
  });
});
