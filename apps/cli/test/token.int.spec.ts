import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { verifyToken } from '../../api/src/auth/jwt';
import { jwtSecretOf } from '../../api/src/config';
import { main } from '../src/main';

const run = async (dataDir: string, ...args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { config: { dataDir }, out: (t) => out.push(t), err: (t) => err.push(t), stdin: new PassThrough(), stdout: new PassThrough() });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

describe('huji token', () => {
  let dataDir: string;
  const env = process.env.HUJI_JWT_SECRET;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'huji-token-'));
    delete process.env.HUJI_JWT_SECRET;
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
    if (env !== undefined) process.env.HUJI_JWT_SECRET = env;
  });

  it('Given a data dir without a key, When a token is asked for, Then exit 2 naming where the key should be, and no key is created', async () => {
    const r = await run(dataDir, 'token', '--role', 'auditor');
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toContain(join(dataDir, 'jwt.secret'));
    expect(existsSync(join(dataDir, 'jwt.secret'))).toBe(false);
  });

  it('Given the key the server generated in its data dir, When a registrar token is issued, Then stderr names that key file and the API (same key) accepts the token with its claims', async () => {
    jwtSecretOf({}, dataDir); // what the server does on its first start
    const r = await run(dataDir, 'token', '--role', 'registrar', '--region', '4101', '--region', '410102', '--sub', 'clerk-7');
    expect(r.code).toBe(0);
    expect(r.err).toBe(`huji token: signed with the key in ${join(dataDir, 'jwt.secret')}`);
    const key = readFileSync(join(dataDir, 'jwt.secret'), 'utf8');
    expect(jwtSecretOf({}, dataDir)).toBe(key.trim());
    const principal = verifyToken(r.out.trim(), key.trim(), new Date());
    expect(principal).toMatchObject({ subject: 'clerk-7', role: 'registrar', regions: ['4101', '410102'], grants: [], office: '4101' });
    expect(typeof principal === 'object' && principal.expiresAt > Date.now() + 7 * 3600_000).toBe(true);
    const again = await run(dataDir, 'token', '--role', 'subscriber', '--grant', 'personal-data');
    expect(readFileSync(join(dataDir, 'jwt.secret'), 'utf8')).toBe(key);
    expect(verifyToken(again.out.trim(), key.trim(), new Date())).toMatchObject({ role: 'subscriber', grants: ['personal-data'] });
    expect(verifyToken(again.out.trim(), 'another key', new Date())).toBe('AUTH.TOKEN_SIGNATURE');
  });

  it('Given a registrar without a region, an unknown role or a bad region, Then usage errors (exit 2), all listed', async () => {
    const r = await run(dataDir, 'token', '--role', 'registrar', '--region', '41x', '--ttl=-1');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--region 41x is not a region code prefix');
    expect(r.err).toContain('--ttl must be hours');
    expect((await run(dataDir, 'token', '--role', 'king')).err).toContain('--role must be one of');
    expect((await run(dataDir, 'token', '--role', 'registrar')).err).toContain('a registrar needs at least one --region');
  });

  it('Given an expired token, Then it is refused as expired', async () => {
    jwtSecretOf({}, dataDir);
    const token = (await run(dataDir, 'token', '--role', 'auditor', '--ttl', '1')).out.trim();
    const key = jwtSecretOf({}, dataDir);
    expect(verifyToken(token, key, new Date(Date.now() + 2 * 3600_000))).toBe('AUTH.TOKEN_EXPIRED');
  });
});
