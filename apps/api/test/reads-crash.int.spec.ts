import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type ApiChild as Server, seededFraction, startApiChild, stopApiChild } from '../../../test/support/start-api-child';
import { issueToken } from '../src/auth/jwt';
import { DisclosureDb } from '../src/reads/disclosure-db';
import { disclosureLogFile } from '../src/reads/disclosure-log';
import { verifyDisclosures } from '../src/reads/verify-disclosures';

/**
 * 查询留痕 survives SIGKILL: the real API process is killed at a random moment while many person reads are in
 * flight. Every answer a client fully received (200 with the person in its body) must have its record in the
 * disclosure log — the record is durable before the answer leaves. Records of answers cut off by the kill are
 * allowed (recorded, never received); the reverse is the failure. One data dir for every trial.
 */
const SECRET = 'Rw4Kd9Zq2Lm7Xv5Nb8Tc3Hf6Jp1Gs0YeAuBiOk';
const TRIALS = 8;
const PER_TRIAL = 600;
const CONCURRENCY = 24;
const PERSONS = 12;

const start = (dir: string): Promise<Server> => startApiChild(dir, { HUJI_JWT_SECRET: SECRET, HUJI_READ_STORE: '', HUJI_RATE_LIMIT: '0' });

const stop = stopApiChild;

const seeded = seededFraction;

describe('person reads when the API is killed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'huji-reads-crash-'));
  const seed = Number(process.env.HUJI_CRASH_SEED ?? Date.now() % 1_000_000);
  const random = seeded(seed);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The purposes the disclosure log holds (a read-write connection: it recovers the WAL the kill left). */
  const recordedPurposes = (): Set<string> => {
    const db = new Database(disclosureLogFile(dir));
    const purposes = db.prepare("SELECT json_extract(record, '$.purpose') FROM disclosures").pluck().all() as string[];
    db.close();
    return new Set(purposes);
  };

  it(`Given ${TRIALS} trials of ${PER_TRIAL} person reads, ${CONCURRENCY} at a time, killed with SIGKILL at a random moment, Then every 200 a client fully received has its record, and the chain verifies`, async () => {
    let server = await start(dir);
    const token = await issueToken({ subject: 'registrar-reads-crash', role: 'registrar', regions: ['41'], grants: [] }, SECRET, new Date(), 3600);
    const auth = { authorization: `Bearer ${token}` };
    const post = (path: string, body: unknown) => fetch(`${server.url}${path}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ id: string }>);
    await post('/households', { householdId: 'rc-home', kind: 'family', regionCode: '410102001002', address: 'rc 1号', effectiveDate: '2000-01-01' });
    const ids: string[] = [];
    for (let i = 0; i < PERSONS; i++) ids.push((await post('/persons/births', { name: `读${i}`, sex: 'female', dateOfBirth: '2020-05-01', placeOfBirth: '410102001002', householdId: 'rc-home', relationToHead: 'child' })).id);

    const received: string[] = [];
    const unrecorded: string[] = [];
    const landings: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      // Warm (a fresh process answers its first requests slowly), so the kill lands among reads in full flow.
      await Promise.all(ids.map((id) => fetch(`${server.url}/persons/${id}`, { headers: { ...auth, 'huji-purpose': 'warm-up' } }).then((r) => r.arrayBuffer())));
      const delay = 10 + Math.floor(random() * 600);
      let killed = false;
      const kill = new Promise<void>((done) => setTimeout(() => { killed = true; void stop(server, 'SIGKILL').then(done); }, delay));
      const answered: string[] = [];
      let next = 0;
      const read = async (i: number): Promise<void> => {
        const purpose = `crash ${seed} trial ${trial} read ${i}`;
        const id = ids[i % PERSONS]!;
        const body = await fetch(`${server.url}/persons/${id}`, { headers: { ...auth, 'huji-purpose': purpose } })
          .then(async (r) => (r.status === 200 ? JSON.parse(await r.text()) as { citizenId?: string } : undefined), () => undefined);
        if (body?.citizenId === id) answered.push(purpose);
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next < PER_TRIAL && !killed) await read(next++);
      }));
      await kill;
      const recorded = recordedPurposes();
      unrecorded.push(...answered.filter((p) => !recorded.has(p)));
      received.push(...answered);
      landings.push(`trial ${trial} (+${delay} ms): ${answered.length} answered, ${next - answered.length} cut off or not sent`);
      server = await start(dir);
    }
    await stop(server, 'SIGTERM');

    console.info(`reads crash test (seed ${seed}): ${received.length} reads answered\n  ${landings.join('\n  ')}`);
    expect(unrecorded).toEqual([]);
    expect(received.length).toBeGreaterThan(TRIALS);
    const db = new DisclosureDb(disclosureLogFile(dir));
    try {
      expect(await verifyDisclosures(db)).toMatchObject({ ok: true, problems: [] });
    } finally {
      db.close();
    }
  }, 300_000);
});
