import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateCity } from '../../libs/domain/src/synthetic';
import { openSqliteEventStore } from '../../libs/event-store/src';
import { RecordImporter } from '../../libs/registry/src';
import { Projector } from '../projector';
import { allEvents, compareWithFold } from './fold-check';
import { viewDigest } from '../store/digest';
import { openReadStore, type ReadStoreConfig } from '../store/read-store';
import { Client } from 'pg';

const CHILD = resolve(__dirname, '../../dist/test/support/project-child.js');
const TRIALS = 10;

/** Starts the projector child, kills it with SIGKILL a random time after its first committed batch; resolves with how far it got. */
const runAndKill = (events: string, read: readonly string[], delayMs: number): Promise<'killed' | 'finished'> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, [CHILD, events, ...read], { stdio: ['ignore', 'pipe', 'inherit'] });
    let armed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (!armed && chunk.includes('batch')) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('error', fail);
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? done('killed') : code === 0 ? done('finished') : fail(new Error(`projector child exited ${String(code)}`))));
  });

const PG_URL = process.env.HUJI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Where the crashed projector writes: a SQLite file, or a PostgreSQL schema of its own. */
const targets: [string, (dir: string) => Promise<{ args: string[]; config: ReadStoreConfig; clean: ReadStoreConfig; drop: () => Promise<void> }>][] = [
  ['SQLite', (dir) => Promise.resolve({
    args: [join(dir, 'crashed.sqlite')], config: { type: 'sqlite', file: join(dir, 'crashed.sqlite') }, clean: { type: 'sqlite', file: join(dir, 'clean.sqlite') }, drop: () => Promise.resolve(),
  })],
  ['PostgreSQL', async () => {
    const schema = `huji_crash_${process.pid}_${Date.now()}`;
    const admin = new Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query(`CREATE SCHEMA ${schema}_clean`);
    await admin.end();
    return {
      args: [PG_URL, schema], config: { type: 'postgres', url: PG_URL, schema }, clean: { type: 'postgres', url: PG_URL, schema: `${schema}_clean` },
      drop: async () => {
        const c = new Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`DROP SCHEMA ${schema} CASCADE; DROP SCHEMA ${schema}_clean CASCADE`);
        await c.end();
      },
    };
  }],
];

describe.each(targets)('the projector into %s survives SIGKILL', (_name, target) => {
  const dir = mkdtempSync(join(tmpdir(), 'huji-crash-'));
  const events = join(dir, 'events.sqlite');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`Given a projector killed with SIGKILL at random points (${TRIALS} trials), When it is restarted to the end, Then every view table equals a clean rebuild's`, async () => {
    const store = openSqliteEventStore(events);
    const importer = new RecordImporter(store);
    const city = generateCity({ persons: 8_000, seed: 9 });
    for (let step = city.next(); !step.done; step = city.next()) for (const r of step.value) await importer.add(r);
    await importer.finish();
    await store.close();

    const { args, config, clean: cleanConfig, drop } = await target(dir);
    const outcomes: string[] = [];
    const log = openSqliteEventStore(events);
    const everything = await allEvents(log);
    for (let trial = 0; trial < TRIALS; trial++) {
      outcomes.push(await runAndKill(events, args, Math.floor(Math.random() * 40)));
      // Right after the kill: the views hold exactly the events up to the committed checkpoint, no more, no less.
      const db = await openReadStore(config);
      try {
        const checkpoint = await new Projector(log, db).checkpoint();
        expect((await compareWithFold(db, everything, checkpoint ?? '0')).filter((c) => !c.equal)).toEqual([]);
      } finally {
        await db.destroy();
      }
    }
    await log.close();
    expect(outcomes.filter((o) => o === 'killed').length).toBeGreaterThanOrEqual(TRIALS - 2); // the trials really were cut short

    const reopened = openSqliteEventStore(events);
    const resumed = await openReadStore(config);
    const clean = await openReadStore(cleanConfig);
    try {
      await new Projector(reopened, resumed).catchUp();
      await new Projector(reopened, clean).catchUp();
      const [a, b] = [await viewDigest(resumed), await viewDigest(clean)];
      expect(a).toEqual(b);
      expect(Number(a.view_persons!.split(':')[0])).toBeGreaterThan(8_000);
      expect(Number(a.view_stat_deltas!.split(':')[0])).toBeGreaterThan(8_000);
    } finally {
      await resumed.destroy();
      await clean.destroy();
      await reopened.close();
      await drop();
    }
    console.info(`projector crash test (${_name}): ${TRIALS} trials (${outcomes.join(', ')}); resumed views equal a clean rebuild`);
  }, 180_000);
});
