import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { authenticate, VerifiedTokens } from '../src/auth/authenticate';
import { tokenVerifier } from '../src/auth/jwt';
import { tokenPolicyFromEnv } from '../src/auth/policy';
import { ApiError } from '../src/http/problem';
import { testClaims } from '../../../test/support/hs256';

/**
 * An identity provider's keys from its JWKS URL (HUJI_JWKS_URL, createRemoteJWKSet), served over loopback:
 * its RS256 tokens are accepted; when its keys cannot be fetched the caller gets a 503 to retry, not a 401
 * that would say the token is bad, nor a 500.
 */
const SECRET = 'Nv6Tb1Qx8Lr3Wk5Zm9Hc2Jd7Fs4Gp0YaUe';

describe('identity provider keys from HUJI_JWKS_URL', () => {
  let server: Server;
  let url: string;
  let fetches = 0;
  let sign: (claims: Record<string, unknown>) => Promise<string>;
  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' }] });
    sign = (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'idp-1' }).sign(privateKey);
    server = createServer((request, response) => {
      fetches++;
      response.writeHead(request.url === '/jwks.json' ? 200 : 404, { 'content-type': 'application/json' }).end(jwks);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('Given the provider serves its JWKS, When its RS256 tokens arrive, Then they are accepted and the keys are fetched once', async () => {
    const verify = tokenVerifier(tokenPolicyFromEnv({ HUJI_JWKS_URL: url }), SECRET);
    const now = new Date();
    const first = await verify(await sign(testClaims({ sub: 'idp|a', role: 'auditor' }, now, 600)), now);
    const second = await verify(await sign(testClaims({ sub: 'idp|b', role: 'admin' }, now, 600)), now);
    expect([first, second]).toEqual([expect.objectContaining({ subject: 'idp|a' }), expect.objectContaining({ subject: 'idp|b', role: 'admin' })]);
    expect(fetches).toBe(1);
  });

  it.each([
    ['answers 404 (the JWKS moved)', () => url.replace('/jwks.json', '/moved.json')],
    ['refuses the connection', () => 'http://127.0.0.1:1/jwks.json'],
  ])('Given the provider %s, When a token needs its keys, Then 503 AUTH.KEYS_UNAVAILABLE (retry), not 401 or 500', async (_, jwksUrl) => {
    const verify = tokenVerifier(tokenPolicyFromEnv({ HUJI_JWKS_URL: jwksUrl() }), SECRET);
    const token = await sign(testClaims({ sub: 'idp|c', role: 'auditor' }, new Date(), 600));
    const refused = await authenticate(`Bearer ${token}`, verify, new VerifiedTokens()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect([(refused as ApiError).status, (refused as ApiError).code]).toEqual([503, 'AUTH.KEYS_UNAVAILABLE']);
  });
});
