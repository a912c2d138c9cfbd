import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../src/app';
import { apiConfigFromEnv } from '../src/config';
import { RegistryRuntime } from '../src/runtime';

const ROOT = join(__dirname, '..', '..', '..');

/** The README's first session, exactly as written, against the registry as `npm start` configures it (embedded log, SQLite views). */
describe('the README newcomer path', () => {
  let dir: string;
  let runtime: RegistryRuntime;
  let app: NestFastifyApplication;
  let url: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'huji-readme-'));
    runtime = await RegistryRuntime.open(apiConfigFromEnv({ HUJI_DATA_DIR: dir, HUJI_LOG: 'off' }));
    app = await createApp(runtime);
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Given npm start on an empty log, When the README\'s curl session runs as written, Then the birth, settlement, death, statistics and history come back as it says, and Wenzhou\'s seeded cut-over refuses an agricultural birth', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /<!-- newcomer:start -->\n```sh\n([\s\S]*?)```\n<!-- newcomer:end -->/.exec(readme)![1]!;
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', block], { cwd: ROOT, env: { ...process.env, B: url, HUJI_DATA_DIR: dir }, timeout: 60_000 });
    const lines = stdout.trim().split('\n');
    const born = /^born: (\d{17}[\dX])$/.exec(lines.find((l) => l.startsWith('born: '))!)![1]!;
    expect(born.startsWith('41010220261101')).toBe(true);
    const json = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, any>);
    expect(json.filter((j) => j.events?.[0]?.type === 'HouseholdEstablished')).toHaveLength(3);
    const settled = json.find((j) => j.events?.some((e: { type: string }) => e.type === 'HukouMigrated'))!;
    expect(settled.events.find((e: { type: string }) => e.type === 'HukouMigrated').data).toMatchObject({ to: { householdId: 'zz-2' }, policy: { documentNo: '郑政〔2017〕18号' }, ruleId: expect.stringMatching(/^zz-central-/) });
    const [audited, perturbed] = json.filter((j) => j.registered);
    expect(audited!.registered).toMatchObject({ total: 1, urban: 1 }); // the baby; 李华 is deregistered
    expect(audited!.disclosureControl).toMatchObject({ method: 'none', exact: true });
    // The statistician's answer is as of the last month end (the baby, or nobody yet) and perturbed: one person is published as 0 or 3, never 1.
    expect(perturbed!.disclosureControl).toMatchObject({ method: 'cell-key perturbation', exact: false });
    expect(perturbed!.asOf ?? perturbed!.date).toMatch(/^\d{4}-\d{2}-(28|29|30|31)$/);
    expect([0, 3]).toContain(perturbed!.registered.total);
    const history = json.find((j) => j.citizenId === '410102198503150029')!;
    expect(history.events.map((e: { type: string }) => e.type)).toEqual(['PersonRegistered', 'HukouMigrated', 'DeathRegistered']);
    // The seed documents were there from the first start: the decision cites the enacted version and hash.
    expect(settled.events.find((e: { type: string }) => e.type === 'HukouMigrated').data.policy).toMatchObject({ id: 'zhengzhou-2017', version: '1', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(json.find((j) => j.code === 'REGISTRATION.TYPE_ABOLISHED')).toMatchObject({ status: 422 });
  });
});
