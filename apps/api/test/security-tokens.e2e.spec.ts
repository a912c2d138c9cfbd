import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK, type KeyLike, SignJWT } from 'jose';
import { issueToken } from '../src/auth/jwt';
import { tokenPolicyFromEnv } from '../src/auth/policy';
import { signJws, testClaims } from '../../../test/support/hs256';
import { type Api, householdRequest, startApi } from './harness';

/**
 * The security probe's token findings, through HTTP: the API with an identity provider's JWKS file
 * (HUJI_JWKS_FILE, RS256 and EdDSA keys) besides its own HS256 key. Every hostile token is a 401
 * problem+json with its code, never a 500; a standard token from either issuer is served.
 */
interface Key { readonly alg: 'RS256' | 'EdDSA'; readonly kid: string; readonly privateKey: KeyLike; readonly jwk: JWK }
const keyPair = async (alg: Key['alg'], kid: string): Promise<Key> => {
  const { privateKey, publicKey } = await generateKeyPair(alg, { crv: alg === 'EdDSA' ? 'Ed25519' : undefined });
  return { alg, kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
};
const now = () => Math.floor(Date.now() / 1000);

describe('security: bearer tokens at the HTTP API', () => {
  let api: Api;
  let dir: string;
  let rsa: Key;
  let ed: Key;
  let stranger: Key;
  beforeAll(async () => {
    [rsa, ed, stranger] = await Promise.all([keyPair('RS256', 'idp-rsa'), keyPair('EdDSA', 'idp-ed'), keyPair('RS256', 'idp-rsa')]);
    dir = mkdtempSync(join(tmpdir(), 'huji-jwks-'));
    const file = join(dir, 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [rsa.jwk, ed.jwk] }));
    api = await startApi({ tokens: tokenPolicyFromEnv({ HUJI_JWKS_FILE: file }) });
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const claims = (over: Record<string, unknown> = {}) => ({ ...testClaims({ sub: 'auditor-sec', role: 'auditor' }, new Date(), 3600), ...over });
  const local = (payload: unknown) => signJws(payload, api.config.jwtSecret);
  const fromProvider = (key: Key, payload: Record<string, unknown> = claims()) =>
    new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
  const get = (authorization: string) => api.call('GET', '/policies', { headers: { authorization } });

  it.each([
    ['a null payload with a valid signature', () => local(null), 'AUTH.TOKEN_MALFORMED'],
    ['an array payload with a valid signature', () => local([claims()]), 'AUTH.TOKEN_MALFORMED'],
    ['exp: 1e309', () => local(`{"sub":"auditor-sec","role":"auditor","iss":"huji","iat":${now()},"exp":1e309}`), 'AUTH.TOKEN_LIFETIME'],
    ['exp a year away', () => local(claims({ exp: now() + 365 * 86_400 })), 'AUTH.TOKEN_LIFETIME'],
    ['nbf an hour ahead', () => local(claims({ nbf: now() + 3600 })), 'AUTH.TOKEN_NOT_YET_VALID'],
    ['iat an hour ahead', () => local(claims({ iat: now() + 3600, exp: now() + 7200 })), 'AUTH.TOKEN_NOT_YET_VALID'],
    ['alg none', () => signJws(claims({ role: 'admin' }), '', { alg: 'none', typ: 'JWT' }), 'AUTH.TOKEN_SIGNATURE'],
    ['HS512 with the API key', () => signJws(claims(), api.config.jwtSecret, { alg: 'HS512', typ: 'JWT' }), 'AUTH.TOKEN_SIGNATURE'],
  ])('Given %s, When it is sent, Then 401 problem+json with its code (never 500)', async (_, token, code) => {
    const r = await get(`Bearer ${token()}`);
    expect([r.status, r.headers.get('content-type'), r.body.code]).toEqual([401, 'application/problem+json; charset=utf-8', code]);
    expect(r.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('Given a valid token, When the scheme is written bearer or BEARER, Then 200', async () => {
    const token = api.token('auditor');
    expect([(await get(`bearer ${token}`)).status, (await get(`BEARER ${token}`)).status]).toEqual([200, 200]);
  });

  it('Given a token from huji token (jose SignJWT, HS256), Then 200', async () => {
    const token = await issueToken({ subject: 'clerk-local', role: 'auditor', regions: [], grants: [] }, api.config.jwtSecret, new Date(), 3600, api.config.tokens);
    expect((await get(`Bearer ${token}`)).status).toBe(200);
  });

  it('Given the identity provider\'s JWKS file, When an RS256 or EdDSA token of its keys is sent, Then 200; one signed by another key with the same kid, Then 401 AUTH.TOKEN_SIGNATURE', async () => {
    const [viaRsa, viaEd, forged] = await Promise.all([fromProvider(rsa), fromProvider(ed), fromProvider(stranger)]);
    expect([(await get(`Bearer ${viaRsa}`)).status, (await get(`Bearer ${viaEd}`)).status]).toEqual([200, 200]);
    const r = await get(`Bearer ${forged}`);
    expect([r.status, r.body.code]).toEqual([401, 'AUTH.TOKEN_SIGNATURE']);
  });

  it('Given a registrar token from the identity provider, When it records a household, Then 201 and the fact names the provider\'s subject as actor', async () => {
    const token = await fromProvider(rsa, claims({ sub: 'idp|clerk-42', role: 'registrar', regions: ['4101'] }));
    const created = await api.call('POST', '/households', { token, body: householdRequest('sec-idp-1') });
    expect(created.status).toBe(201);
    const history = await api.call('GET', '/audit/households/sec-idp-1/history', { token: api.token('auditor') });
    expect(JSON.stringify(history.body)).toContain('idp|clerk-42');
  });
});
