import { authenticate, VerifiedTokens } from '../src/auth/authenticate';
import { tokenVerifier, type TokenVerifier } from '../src/auth/jwt';
import { tokenPolicyFromEnv } from '../src/auth/policy';
import { ApiError } from '../src/http/problem';
import { signJws, testClaims } from '../../../test/support/hs256';

const SECRET = 'Rt5Yh2Kc8Vn3Qz6Lw9Mb1Xs4Jf7Gd0PaUe';
const NOW = new Date('2026-03-01T08:00:00Z');
const verify = tokenVerifier(tokenPolicyFromEnv({}), SECRET);
const token = (ttlSeconds = 3600) => signJws(testClaims({ sub: 'auditor-7', role: 'auditor' }, NOW, ttlSeconds), SECRET);

/** The problem authenticate raised (status and code), or the subject it let through. */
const outcome = async (header: string | undefined, at = NOW, cache = new VerifiedTokens(), verifier: TokenVerifier = verify) => {
  try {
    return (await authenticate(header, verifier, cache, at)).subject;
  } catch (error) {
    if (error instanceof ApiError) return [error.status, error.code];
    throw error;
  }
};

describe('authenticate: the Authorization header', () => {
  it.each(['Bearer', 'bearer', 'BEARER', 'bEaReR'])('Given the scheme written %s, Then the token is accepted (RFC 7235: the scheme is case-insensitive)', async (scheme) => {
    expect(await outcome(`${scheme} ${token()}`)).toBe('auditor-7');
  });

  it.each([
    ['no header', undefined, [401, 'AUTH.REQUIRED']],
    ['another scheme', `Basic ${Buffer.from('a:b').toString('base64')}`, [401, 'AUTH.TOKEN_MALFORMED']],
    ['no token', 'Bearer ', [401, 'AUTH.TOKEN_MALFORMED']],
    ['no space', `Bearer${token()}`, [401, 'AUTH.TOKEN_MALFORMED']],
    ['a null payload', `Bearer ${signJws(null, SECRET)}`, [401, 'AUTH.TOKEN_MALFORMED']],
    ['exp: 1e309', `Bearer ${signJws(`{"sub":"a","role":"auditor","iss":"huji","exp":1e309}`, SECRET)}`, [401, 'AUTH.TOKEN_LIFETIME']],
  ])('Given %s, Then 401 with its code', async (_, header, expected) => {
    expect(await outcome(header)).toEqual(expected);
  });

  it('Given a refused token, Then the problem says why in words, not just the code', async () => {
    const refused = await authenticate(`Bearer ${signJws(null, SECRET)}`, verify, new VerifiedTokens(), NOW).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).message).toBe('the bearer token was refused (AUTH.TOKEN_MALFORMED): it is not a signed JWT (three base64url parts) whose claims are a JSON object');
  });
});

describe('authenticate: the verified-token cache', () => {
  it('Given a token verified once, When it comes again before its exp, Then it is served from the cache without verifying again', async () => {
    const cache = new VerifiedTokens();
    const calls: string[] = [];
    const counting: TokenVerifier = (t, at) => {
      calls.push(t);
      return verify(t, at);
    };
    const header = `Bearer ${token()}`;
    expect([await outcome(header, NOW, cache, counting), await outcome(header, new Date(NOW.getTime() + 60_000), cache, counting)]).toEqual(['auditor-7', 'auditor-7']);
    expect(calls).toHaveLength(1);
  });

  it('Given a cached token, When it comes again after its exp, Then it is verified again and refused as expired', async () => {
    const cache = new VerifiedTokens();
    const header = `Bearer ${token(60)}`;
    expect(await outcome(header, NOW, cache)).toBe('auditor-7');
    expect(await outcome(header, new Date(NOW.getTime() + 120_000), cache)).toEqual([401, 'AUTH.TOKEN_EXPIRED']);
  });
});
