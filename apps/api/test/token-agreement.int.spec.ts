import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../cli/src/main';
import { tokenVerifier } from '../src/auth/jwt';
import { tokenPolicyFromEnv } from '../src/auth/policy';
import { scopeOf } from '../src/events/pseudonym-keys';

const SECRET = 'Qm7vT2xK9pL4wZr8Nc3Hy6Fb1Jd5Gs0UeAiOkPqRtV';

/** `huji token --agreement`: a subscriber's token names its data-sharing agreement (数据共享协议), the scope of its pseudonyms. */
describe('huji token --agreement', () => {
  let dataDir: string;
  const saved = process.env.HUJI_JWT_SECRET;
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, { config: { dataDir }, out: (t) => out.push(t), err: (t) => err.push(t), stdin: new PassThrough(), stdout: new PassThrough() });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'huji-agreement-'));
    process.env.HUJI_JWT_SECRET = SECRET;
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.HUJI_JWT_SECRET;
    else process.env.HUJI_JWT_SECRET = saved;
  });

  it('Given --agreement, When the API verifies the token, Then the principal carries the agreement and its pseudonym scope is the agreement', async () => {
    const r = await run('token', '--role', 'subscriber', '--subject', 'clinic-7', '--agreement', 'dsa-health-2030');
    expect(r.code).toBe(0);
    const principal = await tokenVerifier(tokenPolicyFromEnv(process.env), SECRET)(r.out.trim(), new Date());
    expect(typeof principal === 'string' ? principal : scopeOf(principal)).toBe('agreement:dsa-health-2030');
  });

  it('Given an agreement name that is not one, Then no token is printed and the problem names the flag', async () => {
    const r = await run('token', '--role', 'subscriber', '--agreement', 'dsa health');
    expect([r.code === 0, r.out, r.err]).toEqual([false, '', expect.stringContaining('--agreement dsa health is not an agreement name')]);
  });
});
