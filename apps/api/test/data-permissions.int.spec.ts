import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app';
import { apiConfigFromEnv } from '../src/config';
import { RegistryRuntime } from '../src/runtime';

/**
 * The data directory holds the register (names, citizen ids, addresses) and the signing key: after the
 * registry opens it as `npm start` does (embedded log, SQLite views, the API), only its own account can
 * read anything there — the directory 0700, the databases, their WAL/SHM files and the key 0600. Run with
 * umask 000, so nothing here rests on a friendly umask.
 */
const FILES = ['events.sqlite', 'events.sqlite-wal', 'events.sqlite-shm', 'read.sqlite', 'read.sqlite-wal', 'read.sqlite-shm', 'jwt.secret'];

const modesIn = (dir: string): Record<string, string> => Object.fromEntries([
  ['.', (statSync(dir).mode & 0o777).toString(8)],
  ...FILES.map((f) => [f, existsSync(join(dir, f)) ? (statSync(join(dir, f)).mode & 0o777).toString(8) : 'missing']),
]);
const PRIVATE = Object.fromEntries([['.', '700'], ...FILES.map((f) => [f, '600'])]);

/** Opens the registry on `dir` as npm start does, serves one request, and reports the modes while it is open. */
const openAndServe = async (dir: string): Promise<Record<string, string>> => {
  const runtime = await RegistryRuntime.open(apiConfigFromEnv({ HUJI_DATA_DIR: dir, HUJI_READ_STORE: '', HUJI_LOG: 'off' }));
  try {
    const app = await createApp(runtime);
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.getHttpServer().address() as { port: number };
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      const head = await runtime.store.headPosition();
      expect(head && (await runtime.waitForProjection(head, 20_000))).toBe(true); // the views have written (their WAL exists)
      return modesIn(dir);
    } finally {
      await app.close();
    }
  } finally {
    await runtime.close();
  }
};

describe('data files are private to the registry\'s account', () => {
  let parent: string;
  let umask: number;
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'huji-perms-'));
    umask = process.umask(0o000);
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(parent, { recursive: true, force: true });
  });

  it('Given no data directory yet, When the registry starts on it and serves, Then the directory is 0700 and every file in it 0600', async () => {
    const dir = join(parent, 'data');
    expect(await openAndServe(dir)).toEqual(PRIVATE);
  });

  it('Given a data directory an older version left world-readable (0755, files 0644, a stale WAL), When the registry starts on it, Then it is tightened to 0700 and 0600', async () => {
    const dir = join(parent, 'data');
    await openAndServe(dir);
    chmodSync(dir, 0o755);
    for (const f of ['events.sqlite', 'read.sqlite', 'jwt.secret']) chmodSync(join(dir, f), 0o644);
    for (const f of ['events.sqlite-wal', 'read.sqlite-wal']) if (existsSync(join(dir, f))) chmodSync(join(dir, f), 0o644); else writeFileSync(join(dir, f), '', { mode: 0o644 });
    expect(modesIn(dir)).toMatchObject({ '.': '755', 'events.sqlite': '644', 'events.sqlite-wal': '644', 'read.sqlite': '644', 'jwt.secret': '644' });
    expect(await openAndServe(dir)).toEqual(PRIVATE);
  });
});
