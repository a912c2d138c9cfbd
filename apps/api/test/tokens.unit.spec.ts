import { CompactSign, exportJWK, exportSPKI, generateKeyPair, type JWK, type KeyLike, SignJWT } from 'jose';
import { issueToken, tokenVerifier } from '../src/auth/jwt';
import { type TokenPolicy, tokenPolicyFromEnv } from '../src/auth/policy';
import { ConfigError } from '../src/config-error';
import { signJws, testClaims } from '../../../test/support/hs256';

/**
 * Token verification against every finding of the security probe: the registry's HS256 tokens (signed here
 * by the independent test signer, and by jose through issueToken) and an identity provider's EdDSA, RS256
 * and ES256 tokens against its JWKS. Every refusal is a code, never an exception.
 */
const SECRET = 'Wz3Kp8Lm1Qv6Xr9Tb4Nc7Hd2Fg5Js0YaUe';
const NOW = new Date('2026-03-01T08:00:00Z');
const T = Math.floor(NOW.getTime() / 1000);
const LOCAL: TokenPolicy = tokenPolicyFromEnv({});
const auditor = (over: Record<string, unknown> = {}) => ({ ...testClaims({ sub: 'auditor-1', role: 'auditor' }, NOW, 3600), ...over });
const local = (token: string, policy = LOCAL) => tokenVerifier(policy, SECRET)(token, NOW);

interface Provider { readonly alg: string; readonly kid: string; readonly privateKey: KeyLike; readonly jwk: JWK }
const provider = async (alg: 'EdDSA' | 'RS256' | 'ES256', kid: string): Promise<Provider> => {
  const { privateKey, publicKey } = await generateKeyPair(alg, { crv: alg === 'EdDSA' ? 'Ed25519' : undefined });
  return { alg, kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, use: 'sig' } };
};
/** A token an identity provider issues: its key, its kid (unless left out), the registry's claims. */
const issued = (p: Provider, claims: Record<string, unknown> = auditor(), header: Record<string, unknown> = {}) =>
  new SignJWT(claims).setProtectedHeader({ alg: p.alg, kid: p.kid, typ: 'JWT', ...header }).sign(p.privateKey);

describe('bearer tokens through jose', () => {
  let ed: Provider;
  let rsa: Provider;
  let ec: Provider;
  let stranger: Provider;
  let withProvider: TokenPolicy;
  beforeAll(async () => {
    [ed, rsa, ec, stranger] = await Promise.all([provider('EdDSA', 'ed-1'), provider('RS256', 'rsa-1'), provider('ES256', 'ec-1'), provider('EdDSA', 'ed-1')]);
    withProvider = { ...LOCAL, jwks: { file: '(in memory)', keys: { keys: [ed.jwk, rsa.jwk, ec.jwk] } } };
  });
  const viaProvider = (token: string) => tokenVerifier(withProvider, SECRET)(token, NOW);

  it('Given a standard HS256 token from the independent signer, Then jose verifies it and the principal is read from its claims', async () => {
    expect(await local(signJws(auditor({ grants: ['personal-data'], office: 'audit-office' }), SECRET))).toEqual({
      subject: 'auditor-1', role: 'auditor', regions: [], grants: ['personal-data'], office: 'audit-office', expiresAt: (T + 3600) * 1000,
    });
  });

  it('Given a token from issueToken (jose SignJWT), Then it verifies and carries iss, iat and exp', async () => {
    const token = await issueToken({ subject: 'clerk-9', role: 'registrar', regions: ['4101'], grants: [] }, SECRET, NOW, 3600);
    expect(await local(token)).toMatchObject({ subject: 'clerk-9', role: 'registrar', regions: ['4101'], office: '4101', expiresAt: (T + 3600) * 1000 });
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())).toMatchObject({ iss: 'huji', iat: T, exp: T + 3600 });
  });

  it.each([
    ['exp: 1e309 (Infinity once parsed)', 'AUTH.TOKEN_LIFETIME', `{"sub":"auditor-1","role":"auditor","iss":"huji","iat":${T},"exp":1e309}`],
    ['exp beyond the maximum lifetime from now', 'AUTH.TOKEN_LIFETIME', auditor({ iat: T, exp: T + 86_400 + 3_600 })],
    ['exp − iat beyond the maximum lifetime (issued long ago, not yet expired)', 'AUTH.TOKEN_LIFETIME', auditor({ iat: T - 86_400, exp: T + 120 })],
    ['no exp at all', 'AUTH.TOKEN_LIFETIME', { sub: 'auditor-1', role: 'auditor', iss: 'huji', iat: T }],
    ['exp as a string', 'AUTH.TOKEN_LIFETIME', auditor({ exp: String(T + 60) })],
    ['exp in the past (beyond the clock tolerance)', 'AUTH.TOKEN_EXPIRED', auditor({ iat: T - 3600, exp: T - 31 })],
    ['nbf in the future', 'AUTH.TOKEN_NOT_YET_VALID', auditor({ nbf: T + 120 })],
    ['iat in the future', 'AUTH.TOKEN_NOT_YET_VALID', auditor({ iat: T + 120, exp: T + 3600 })],
    ['iat as a string', 'AUTH.TOKEN_CLAIMS', auditor({ iat: String(T) })],
    ['a null payload', 'AUTH.TOKEN_MALFORMED', null],
    ['an array payload', 'AUTH.TOKEN_MALFORMED', [auditor()]],
    ['a number payload', 'AUTH.TOKEN_MALFORMED', 42],
    ['a payload that is not JSON', 'AUTH.TOKEN_MALFORMED', '{"sub":'],
    ['another issuer', 'AUTH.TOKEN_CLAIMS', auditor({ iss: 'someone-else' })],
    ['an unknown role', 'AUTH.TOKEN_CLAIMS', auditor({ role: 'king' })],
    ['a registrar without regions', 'AUTH.TOKEN_CLAIMS', auditor({ role: 'registrar' })],
    ['a region that is no code prefix', 'AUTH.TOKEN_CLAIMS', auditor({ role: 'registrar', regions: ['41x'] })],
    ['an empty subject', 'AUTH.TOKEN_CLAIMS', auditor({ sub: '' })],
    ['grants that are not strings', 'AUTH.TOKEN_CLAIMS', auditor({ grants: [1] })],
  ])('Given a validly signed token with %s, Then it is refused as %s — a refusal, never an exception', async (_, code, payload) => {
    await expect(local(signJws(payload, SECRET))).resolves.toBe(code);
  });

  it('Given times at the edges, Then exactly the maximum lifetime, nbf and iat within the 30 s clock tolerance are accepted', async () => {
    const edges = [auditor({ iat: T, exp: T + 86_400 }), auditor({ nbf: T + 25 }), auditor({ iat: T + 25, exp: T + 3600 }), auditor({ iat: T - 3600, exp: T - 5 })];
    expect(await Promise.all(edges.map((c) => local(signJws(c, SECRET))))).toEqual(edges.map(() => expect.objectContaining({ role: 'auditor' })));
  });

  it('Given HUJI_TOKEN_MAX_LIFETIME=3600, Then a 2-hour token is refused and a 1-hour one accepted', async () => {
    const short = tokenPolicyFromEnv({ HUJI_TOKEN_MAX_LIFETIME: '3600' });
    expect(await local(signJws(auditor({ exp: T + 7200 }), SECRET), short)).toBe('AUTH.TOKEN_LIFETIME');
    expect(await local(signJws(auditor(), SECRET), short)).toMatchObject({ role: 'auditor' });
  });

  it('Given HUJI_JWT_AUDIENCE, Then a token without that aud is refused and one with it accepted', async () => {
    const policy = tokenPolicyFromEnv({ HUJI_JWT_AUDIENCE: 'huji-api' });
    expect(await local(signJws(auditor(), SECRET), policy)).toBe('AUTH.TOKEN_CLAIMS');
    expect(await local(signJws(auditor({ aud: 'other-api' }), SECRET), policy)).toBe('AUTH.TOKEN_CLAIMS');
    expect(await local(signJws(auditor({ aud: ['other-api', 'huji-api'] }), SECRET), policy)).toMatchObject({ role: 'auditor' });
  });

  it.each([
    ['alg none with no signature', () => signJws(auditor(), SECRET, { alg: 'none', typ: 'JWT' })],
    ['alg none with a valid HS256 signature appended', () => `${signJws(auditor(), SECRET, { alg: 'none' }).slice(0, -1)}.${signJws(auditor(), SECRET).split('.')[2]!}`],
    ['HS512 with the right key', () => signJws(auditor(), SECRET, { alg: 'HS512', typ: 'JWT' })],
    ['HS384 with the right key', () => signJws(auditor(), SECRET, { alg: 'HS384', typ: 'JWT' })],
    ['HS256 with another key', () => signJws(auditor(), 'Another-Key-9f8e7d6c5b4a3f2e1d0c9b8a')],
    ['a claim changed after signing', () => { const [h, , s] = signJws(auditor(), SECRET).split('.'); return `${h!}.${Buffer.from(JSON.stringify(auditor({ role: 'admin' }))).toString('base64url')}.${s!}`; }],
    ['an unreadable header', () => 'a.b.c'],
  ])('Given %s, Then it is refused as AUTH.TOKEN_SIGNATURE', async (_, token) => {
    expect(await local(token())).toBe('AUTH.TOKEN_SIGNATURE');
  });

  it('Given a token that is not three dot-separated parts, Then AUTH.TOKEN_MALFORMED', async () => {
    expect(await Promise.all(['abc', 'a.b', 'a.b.c.d.e'].map((t) => local(t)))).toEqual(['AUTH.TOKEN_MALFORMED', 'AUTH.TOKEN_MALFORMED', 'AUTH.TOKEN_MALFORMED']);
  });

  it('Given an identity provider\'s JWKS (EdDSA, RS256, ES256), Then a token from each of its keys is accepted', async () => {
    const principals = await Promise.all([ed, rsa, ec].map(async (p) => viaProvider(await issued(p, auditor({ sub: `idp-${p.alg}` })))));
    expect(principals).toEqual(['EdDSA', 'RS256', 'ES256'].map((alg) => expect.objectContaining({ subject: `idp-${alg}`, role: 'auditor' })));
  });

  it('Given the JWKS, Then a token signed by another key (same kid, or none), and an RS256 token without any JWKS configured, are refused', async () => {
    expect(await viaProvider(await issued(stranger))).toBe('AUTH.TOKEN_SIGNATURE');
    expect(await viaProvider(await issued(stranger, auditor(), { kid: undefined }))).toBe('AUTH.TOKEN_SIGNATURE');
    expect(await viaProvider(await issued(rsa, auditor(), { kid: 'unknown-kid' }))).toBe('AUTH.TOKEN_SIGNATURE');
    expect(await local(await issued(rsa))).toBe('AUTH.TOKEN_SIGNATURE');
  });

  it('Given switched algorithms, Then the key follows the algorithm and the algorithm the allow-list: every switch is refused', async () => {
    const spki = await exportSPKI((await generateKeyPair('RS256')).publicKey);
    const rsaToken = await issued(rsa);
    const [, body, signature] = rsaToken.split('.');
    const relabel = (header: Record<string, unknown>) => `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${body!}.${signature!}`;
    const switched = [
      signJws(auditor(), spki, { alg: 'HS256', typ: 'JWT' }), // the public key as an HMAC secret (alg confusion)
      signJws(auditor(), JSON.stringify(rsa.jwk), { alg: 'HS256', kid: 'rsa-1' }),
      relabel({ alg: 'PS256', kid: 'rsa-1' }), // RSA key, algorithm off the list
      relabel({ alg: 'EdDSA', kid: 'rsa-1' }), // the RSA signature under the Ed25519 algorithm
      relabel({ alg: 'HS256', kid: 'rsa-1' }),
      relabel({ alg: 'RS512', kid: 'rsa-1' }),
    ];
    expect(await Promise.all(switched.map(viaProvider))).toEqual(switched.map(() => 'AUTH.TOKEN_SIGNATURE'));
    expect(await viaProvider(rsaToken)).toMatchObject({ role: 'auditor' });
  });

  it('Given two keys of one type and a token without kid, Then each candidate is tried and the right one accepts it', async () => {
    const second = await provider('EdDSA', 'ed-2');
    const policy: TokenPolicy = { ...LOCAL, jwks: { file: '(in memory)', keys: { keys: [{ ...ed.jwk, kid: undefined }, { ...second.jwk, kid: undefined }] } } };
    expect(await tokenVerifier(policy, SECRET)(await issued(second, auditor(), { kid: undefined }), NOW)).toMatchObject({ role: 'auditor' });
  });

  it('Given a provider token with the registry\'s time rules broken (exp too far, nbf ahead), Then the same refusals apply', async () => {
    expect(await viaProvider(await issued(ed, auditor({ exp: T + 7 * 86_400 })))).toBe('AUTH.TOKEN_LIFETIME');
    expect(await viaProvider(await issued(rsa, auditor({ nbf: T + 600 })))).toBe('AUTH.TOKEN_NOT_YET_VALID');
    const nullPayload = await new CompactSign(new TextEncoder().encode('null')).setProtectedHeader({ alg: 'ES256', kid: 'ec-1' }).sign(ec.privateKey);
    expect(await viaProvider(nullPayload)).toBe('AUTH.TOKEN_MALFORMED');
  });

  it('Given an empty registry key (a key file left empty), When an admin token is signed with the empty key, Then no verifier is built with that key and no token is issued with it', async () => {
    const forged = signJws(testClaims({ sub: 'mallory', role: 'admin' }, NOW, 3600), '');
    const verifierWithEmptyKey = () => tokenVerifier(LOCAL, '')(forged, NOW);
    expect(verifierWithEmptyKey).toThrow(ConfigError);
    expect(verifierWithEmptyKey).toThrow('the registry\'s signing key is empty: refusing to sign or verify tokens with it');
    await expect(issueToken({ subject: 'a', role: 'admin', regions: [], grants: [] }, '', NOW)).rejects.toThrow(ConfigError);
    expect(await tokenVerifier(LOCAL, SECRET)(forged, NOW)).toBe('AUTH.TOKEN_SIGNATURE');
  });
});
