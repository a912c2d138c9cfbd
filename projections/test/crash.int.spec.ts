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
import { openReadStore } from '../store/read-store';

const CHILD = resolve(__dirname, '../../dist/test/support/project-child.js');
const TRIALS = 10;

/** Starts the projector child, kills it with SIGKILL a random time after its first committed batch; resolves with how far it got. */
const runAndKill = (events: string, read: string, delayMs: number): Promise<'killed' | 'finished'> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, [CHILD, events, read], { stdio: ['ignore', 'pipe', 'inherit'] });
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

describe('the projector survives SIGKILL', () => {
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

    const crashed = join(dir, 'crashed.sqlite');
    const outcomes: string[] = [];
    const log = openSqliteEventStore(events);
    const everything = await allEvents(log);
    for (let trial = 0; trial < TRIALS; trial++) {
      outcomes.push(await runAndKill(events, crashed, Math.floor(Math.random() * 40)));
      // Right after the kill: the views hold exactly the events up to the committed checkpoint, no more, no less.
      const db = await openReadStore({ type: 'sqlite', file: crashed });
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
    const resumed = await openReadStore({ type: 'sqlite', file: crashed });
    const clean = await openReadStore({ type: 'sqlite', file: join(dir, 'clean.sqlite') });
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
    }
    console.info(`projector crash test: ${TRIALS} trials (${outcomes.join(', ')}); resumed views equal a clean rebuild`);
  }, 180_000);
});
