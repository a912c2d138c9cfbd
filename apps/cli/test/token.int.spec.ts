import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { decodeJwt } from 'jose';
import { tokenVerifier } from '../../api/src/auth/jwt';
import { tokenPolicyFromEnv } from '../../api/src/auth/policy';
import { jwtSecretOf } from '../../api/src/config';
import { main } from '../src/main';

const run = async (dataDir: string, ...args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { config: { dataDir }, out: (t) => out.push(t), err: (t) => err.push(t), stdin: new PassThrough(), stdout: new PassThrough() });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

/** What the API verifies with, given the key and this process's token settings. */
const verify = (token: string, key: string, now = new Date()) => tokenVerifier(tokenPolicyFromEnv(process.env), key)(token, now);

const VARIABLES = ['HUJI_JWT_SECRET', 'HUJI_TOKEN_MAX_LIFETIME', 'HUJI_JWT_ISSUER', 'HUJI_JWT_AUDIENCE', 'HUJI_JWKS_FILE', 'HUJI_JWKS_URL', 'HUJI_MODE'] as const;

describe('huji token', () => {
  let dataDir: string;
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'huji-token-'));
    for (const name of VARIABLES) delete process.env[name];
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
    for (const name of VARIABLES) if (saved[name] === undefined) delete process.env[name]; else process.env[name] = saved[name];
  });

  it('Given a data dir without a key, When a token is asked for, Then exit 2 naming where the key should be, and no key is created', async () => {
    const r = await run(dataDir, 'token', '--role', 'auditor');
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toContain(join(dataDir, 'jwt.secret'));
    expect(existsSync(join(dataDir, 'jwt.secret'))).toBe(false);
  });

  it('Given the key the server generated in its data dir, When a registrar token is issued, Then stderr names that key file and the API (same key) accepts the token with its claims', async () => {
    jwtSecretOf({}, dataDir); // what the server does on its first start
    const r = await run(dataDir, 'token', '--role', 'registrar', '--region', '4101', '--region', '410102', '--subject', 'clerk-7');
    expect(r.code).toBe(0);
    expect(r.err).toBe(`huji token: signed with the key in ${join(dataDir, 'jwt.secret')}`);
    const key = readFileSync(join(dataDir, 'jwt.secret'), 'utf8');
    expect(jwtSecretOf({}, dataDir)).toBe(key.trim());
    const principal = await verify(r.out.trim(), key.trim());
    expect(principal).toMatchObject({ subject: 'clerk-7', role: 'registrar', regions: ['4101', '410102'], grants: [], office: '4101' });
    expect(typeof principal === 'object' && principal.expiresAt > Date.now() + 7 * 3600_000).toBe(true);
    const again = await run(dataDir, 'token', '--role', 'subscriber', '--grant', 'personal-data', '--sub', 'bureau-1');
    expect(readFileSync(join(dataDir, 'jwt.secret'), 'utf8')).toBe(key);
    expect(await verify(again.out.trim(), key.trim())).toMatchObject({ subject: 'bureau-1', role: 'subscriber', grants: ['personal-data'] });
    expect(await verify(again.out.trim(), 'another key of at least thirty-two characters')).toBe('AUTH.TOKEN_SIGNATURE');
  });

  it('Given no --subject, When two registrar tokens are issued, Then each names its own fresh subject (never a shared registrar-local)', async () => {
    jwtSecretOf({}, dataDir);
    const subjects = await Promise.all([1, 2].map(async () => decodeJwt((await run(dataDir, 'token', '--role', 'registrar', '--region', '41')).out.trim()).sub));
    expect(subjects).toEqual([expect.stringMatching(/^registrar-[0-9a-f]{8}$/), expect.stringMatching(/^registrar-[0-9a-f]{8}$/)]);
    expect(subjects[0]).not.toBe(subjects[1]);
  });

  it('Given a registrar without a region, an unknown role, a bad region or a bad lifetime, Then usage errors (exit 2), all listed', async () => {
    const r = await run(dataDir, 'token', '--role', 'registrar', '--region', '41x', '--ttl=-1');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--region 41x is not a region code prefix');
    expect(r.err).toContain('--ttl must be hours');
    expect((await run(dataDir, 'token', '--role', 'king')).err).toContain('--role must be one of');
    expect((await run(dataDir, 'token', '--role', 'registrar')).err).toContain('a registrar needs at least one --region');
    expect((await run(dataDir, 'token', '--role', 'auditor', '--subject', ' ')).err).toContain('--subject must not be empty');
  });

  it('Given the maximum token lifetime, When a longer --ttl is asked for, Then it is refused; When none is given, Then the token lives at most that long', async () => {
    jwtSecretOf({}, dataDir);
    const tooLong = await run(dataDir, 'token', '--role', 'auditor', '--ttl', '25');
    expect([tooLong.code, tooLong.err]).toEqual([2, expect.stringContaining('at most 24 (HUJI_TOKEN_MAX_LIFETIME)')]);
    process.env.HUJI_TOKEN_MAX_LIFETIME = '3600';
    expect((await run(dataDir, 'token', '--role', 'auditor', '--ttl', '2')).err).toContain('at most 1 (HUJI_TOKEN_MAX_LIFETIME)');
    const claims = decodeJwt((await run(dataDir, 'token', '--role', 'auditor')).out.trim());
    expect(claims.exp! - claims.iat!).toBe(3600);
  });

  it('Given an expired token, Then it is refused as expired', async () => {
    jwtSecretOf({}, dataDir);
    const token = (await run(dataDir, 'token', '--role', 'auditor', '--ttl', '1')).out.trim();
    const key = jwtSecretOf({}, dataDir);
    expect(await verify(token, key, new Date(Date.now() + 2 * 3600_000))).toBe('AUTH.TOKEN_EXPIRED');
  });

  it('Given a weak HUJI_JWT_SECRET, When a token is asked for, Then exit 2 naming the variable and no token; Given HUJI_MODE=development, Then it signs with a warning', async () => {
    process.env.HUJI_JWT_SECRET = 'change-me';
    const weak = await run(dataDir, 'token', '--role', 'auditor');
    expect([weak.code, weak.out]).toEqual([2, '']);
    expect(weak.err).toContain('HUJI_JWT_SECRET is 9 characters long');
    process.env.HUJI_MODE = 'development';
    const dev = await run(dataDir, 'token', '--role', 'auditor');
    expect([dev.code, dev.err]).toEqual([0, expect.stringContaining('accepted because HUJI_MODE=development')]);
    expect(await verify(dev.out.trim(), 'change-me')).toMatchObject({ role: 'auditor' });
  });

  it('Given a key file left empty in the data dir, When a token is asked for, Then exit 2 naming the file and no token, in development mode too', async () => {
    const file = join(dataDir, 'jwt.secret');
    writeFileSync(file, '', { mode: 0o600 });
    const empty = await run(dataDir, 'token', '--role', 'admin');
    expect([empty.code, empty.out]).toEqual([2, '']);
    expect(empty.err).toBe(`huji token: the key file ${file} is empty. Delete it to have a random key generated at the next start (tokens signed with the old key stop working), or write a random key of at least 32 characters into it (e.g. \`openssl rand -base64 32\`). An empty key is refused in every mode: anyone could sign tokens with it.`);
    process.env.HUJI_MODE = 'development';
    expect(await run(dataDir, 'token', '--role', 'admin')).toMatchObject({ code: 2, out: '' });
  });

  it('Given a weak key in the key file, When a token is asked for, Then exit 2 naming the file; Given HUJI_MODE=development, Then it signs with a warning naming the file', async () => {
    const file = join(dataDir, 'jwt.secret');
    writeFileSync(file, 'change-me\n', { mode: 0o600 });
    const weak = await run(dataDir, 'token', '--role', 'admin');
    expect([weak.code, weak.out]).toEqual([2, '']);
    expect(weak.err).toMatch(/^huji token: the key file .*jwt\.secret is 9 characters long; at least 32 are required\. Delete it/);
    process.env.HUJI_MODE = 'development';
    const dev = await run(dataDir, 'token', '--role', 'admin');
    expect([dev.code, dev.err]).toEqual([0, expect.stringContaining(`the key file ${file} is 9 characters long`)]);
    expect(await verify(dev.out.trim(), 'change-me')).toMatchObject({ role: 'admin' });
  });

  it('Given HUJI_JWT_ISSUER and HUJI_JWT_AUDIENCE, When a token is issued, Then it carries them and an API with the same settings accepts it, one expecting another issuer refuses it', async () => {
    process.env.HUJI_JWT_SECRET = 'Hq3Zt8Wn5Kc1Vx7Mr4Pb9Ls2Jd6Fg0YeUa';
    process.env.HUJI_JWT_ISSUER = 'https://registry.example/zhengzhou';
    process.env.HUJI_JWT_AUDIENCE = 'huji-api';
    const r = await run(dataDir, 'token', '--role', 'admin');
    expect(r.err).toBe('huji token: signed with the key in HUJI_JWT_SECRET');
    expect(decodeJwt(r.out.trim())).toMatchObject({ iss: 'https://registry.example/zhengzhou', aud: 'huji-api', role: 'admin' });
    expect(await verify(r.out.trim(), process.env.HUJI_JWT_SECRET)).toMatchObject({ role: 'admin' });
    const otherIssuer = tokenVerifier({ ...tokenPolicyFromEnv(process.env), issuer: 'huji' }, process.env.HUJI_JWT_SECRET);
    expect(await otherIssuer(r.out.trim(), new Date())).toBe('AUTH.TOKEN_CLAIMS');
  });
});
