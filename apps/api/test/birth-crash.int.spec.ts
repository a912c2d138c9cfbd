import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type ApiChild as Server, seededFraction, startApiChild, stopApiChild } from '../../../test/support/start-api-child';
import { issueToken } from '../src/auth/jwt';

/**
 * 出生登记 survives SIGKILL: the real API process (as npm start runs it) is killed while births with an
 * Idempotency-Key are in flight, started again on the same data dir, and every unanswered request is retried
 * with its key until answered. Each key must end with exactly one child — its own — and no citizen id may
 * go to two keys. One data dir for every trial, so the log grows and later trials restart on more history.
 */
/** A strong key: the API refuses a weak HUJI_JWT_SECRET. */
const SECRET = 'Qm7Vx2Lr9Tb4Nc8Wz5Hd1Kp6Fs3Gy0JeAuBi';
const TRIALS = 32;
const PER_TRIAL = 60;
const CONCURRENCY = 12;
const MAX_ATTEMPTS = 10;
const HOUSEHOLD = 'bc-home';

interface Answer { readonly status: number; readonly body: Record<string, any> }
interface Birth { readonly key: string; readonly body: Record<string, string>; answer?: Answer; attempts: number; sentBeforeKill: boolean }

const start = (dir: string): Promise<Server> => startApiChild(dir, { HUJI_JWT_SECRET: SECRET, HUJI_READ_STORE: '', HUJI_RATE_LIMIT: '0' });

const stop = stopApiChild;

const seeded = seededFraction;

/** Runs `work` over `items`, `limit` at a time, until done or `halted()` (nothing new starts after a kill). */
const pool = async <T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, halted = () => false): Promise<void> => {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length && !halted()) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: limit }, lane));
};

describe('births with an Idempotency-Key when the API is killed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'huji-birth-crash-'));
  let token = '';
  beforeAll(async () => {
    token = await issueToken({ subject: 'registrar-birth-crash', role: 'registrar', regions: ['41'], grants: [] }, SECRET, new Date(), 3600);
  });
  const seed = Number(process.env.HUJI_CRASH_SEED ?? Date.now() % 1_000_000);
  const random = seeded(seed);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const post = async (url: string, path: string, body: unknown, key?: string): Promise<Answer> => {
    const r = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) }, body: JSON.stringify(body) });
    return { status: r.status, body: await r.json() as Record<string, any> };
  };

  /** Sixty births per trial, all on one county and day (so they compete for the same order codes), each with a name of its own. */
  const birthsOf = (trial: number): Birth[] => Array.from({ length: PER_TRIAL }, (_, i) => ({
    key: `bc-${seed}-${trial}-${i}`, attempts: 0, sentBeforeKill: false,
    body: {
      name: `婴${trial}号${i}`, sex: i % 3 === 0 ? 'female' : 'male', dateOfBirth: new Date(Date.UTC(2001, 0, 1 + trial)).toISOString().slice(0, 10),
      placeOfBirth: '410102001002', householdId: HOUSEHOLD, relationToHead: 'child',
    },
  }));

  /** One attempt: an answer (any status) is kept; a connection cut by the kill leaves the birth unanswered. */
  const attempt = async (url: string, birth: Birth): Promise<void> => {
    birth.attempts++;
    birth.answer = await post(url, '/persons/births', birth.body, birth.key).catch(() => undefined);
  };

  const retryUntilAnswered = async (url: string, births: readonly Birth[]): Promise<void> => {
    await pool(births, CONCURRENCY, async (birth) => {
      for (let n = 0; n < MAX_ATTEMPTS && birth.answer?.status !== 201; n++) {
        if (n > 0) await new Promise((r) => setTimeout(r, 20 * n));
        await attempt(url, birth);
      }
    });
  };

  const logBirths = () => {
    const db = new Database(join(dir, 'events.sqlite'), { readonly: true });
    const rows = db.prepare("SELECT json_extract(metadata, '$.idempotencyKey') AS key, stream, json_extract(data, '$.name') AS name FROM events WHERE type = 'BirthRegistered'").all() as { key: string | null; stream: string; name: string }[];
    db.close();
    return rows;
  };

  it(`Given ${TRIALS} trials of ${PER_TRIAL} concurrent births killed with SIGKILL at a random moment, When every unanswered one is retried with its key after a restart, Then each key has exactly one child, its own, and no id went to two keys`, async () => {
    let server = await start(dir);
    expect((await post(server.url, '/households', { householdId: HOUSEHOLD, kind: 'family', regionCode: '410102001002', address: 'bc 1号', effectiveDate: '2000-01-01' })).status).toBe(201);
    const all: Birth[] = [];
    const landings: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const births = birthsOf(trial);
      all.push(...births);
      const delay = 3 + Math.floor(random() * 200);
      let killed = false;
      const kill = new Promise<void>((done) => setTimeout(() => {
        killed = true;
        void stop(server, 'SIGKILL').then(done);
      }, delay));
      await pool(births, CONCURRENCY, async (birth) => {
        birth.sentBeforeKill = true;
        await attempt(server.url, birth);
      }, () => killed);
      await kill;
      const unanswered = births.filter((b) => b.answer?.status !== 201);
      landings.push(`trial ${trial} (+${delay} ms): ${births.filter((b) => b.answer?.status === 201).length} answered, ${unanswered.filter((b) => b.sentBeforeKill).length} cut off, ${unanswered.filter((b) => !b.sentBeforeKill).length} not sent`);
      server = await start(dir);
      await retryUntilAnswered(server.url, unanswered);
    }
    await stop(server, 'SIGTERM');

    const retried = all.filter((b) => b.sentBeforeKill && b.attempts > 1);
    console.info(`birth crash test (seed ${seed}): ${all.length} births, ${retried.length} cut off by a kill and retried with their key\n  ${landings.join('\n  ')}`);
    const stuck = all.filter((b) => b.answer?.status !== 201).map((b) => `${b.key}: ${b.answer?.status ?? 'no answer'} ${String(b.answer?.body.code ?? '')} ${String(b.answer?.body.detail ?? '')}`);
    expect(stuck).toEqual([]);
    const notOwnChild = all.filter((b) => b.answer!.body.events?.[0]?.type !== 'BirthRegistered' || b.answer!.body.events[0].data.name !== b.body.name || b.answer!.body.events[0].data.citizenId !== b.answer!.body.id)
      .map((b) => `${b.key} (${b.body.name}) was answered with ${String(b.answer!.body.id)}: ${JSON.stringify(b.answer!.body.events?.[0]?.data?.name)}`);
    expect(notOwnChild).toEqual([]);
    const ids = new Map<string, string[]>();
    for (const b of all) ids.set(b.answer!.body.id as string, [...(ids.get(b.answer!.body.id as string) ?? []), b.key]);
    expect([...ids].filter(([, keys]) => keys.length > 1)).toEqual([]);
    const log = logBirths().filter((row) => row.key?.startsWith(`bc-${seed}-`));
    const byKey = new Map<string, typeof log>();
    for (const row of log) byKey.set(row.key!, [...(byKey.get(row.key!) ?? []), row]);
    // Nothing doubled, nothing unanswered in the log: one birth per key, on the stream its answer named, with its own name.
    expect(all.filter((b) => JSON.stringify(byKey.get(b.key)?.map((r) => [r.stream, r.name])) !== JSON.stringify([[`person-${String(b.answer!.body.id)}`, b.body.name]])).map((b) => [b.key, byKey.get(b.key)]))
      .toEqual([]);
    expect(log.length).toBe(all.length);
    expect(retried.length).toBeGreaterThan(TRIALS);
  }, 300_000);
});
