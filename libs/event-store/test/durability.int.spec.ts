import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openSqliteEventStore } from '../src/open-event-store';
import { verify } from '../src/verify';

const CHILD = resolve(__dirname, '../../../dist/test/support/append-child.js');
const TRIALS = 20;

interface Ack { stream: string; revision: number; id: string }

/** Runs the writer until it has acknowledged some events, then SIGKILLs it after a random delay. */
const runAndKill = (file: string, delayMs: number): Promise<Ack[]> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, [CHILD, file, '16'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acks: Ack[] = [];
    let buffer = '';
    let armed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? ''; // a line cut by the kill is not an acknowledgement
      for (const line of lines) {
        const [tag, stream, revision, id] = line.split(' ');
        if (tag === 'ack' && stream && revision && id) acks.push({ stream, revision: Number(revision), id });
      }
      if (!armed && acks.length > 0) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('error', fail);
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? done(acks) : fail(new Error(`writer exited by itself (${String(signal)})`))));
  });

describe('durability of the embedded store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'huji-durability-'));
  const file = join(dir, 'events.sqlite');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`Given a writer killed with SIGKILL at random moments (${TRIALS} trials), When the log is reopened, Then every acknowledged event is there, in order, and verify passes`, async () => {
    const acknowledged: Ack[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      acknowledged.push(...(await runAndKill(file, Math.floor(Math.random() * 300))));
      const store = openSqliteEventStore(file);
      try {
        for (const stream of new Set(acknowledged.map((a) => a.stream))) {
          const stored = await store.readStream(stream);
          const mine = acknowledged.filter((a) => a.stream === stream);
          for (const ack of mine) expect(stored[ack.revision]?.id).toBe(ack.id);
          expect(stored.map((e) => e.revision)).toEqual(stored.map((_, i) => i));
        }
        const report = await verify(store);
        expect(report.problems).toEqual([]);
        expect(report.eventsChecked).toBeGreaterThanOrEqual(acknowledged.length);
      } finally {
        await store.close();
      }
    }
    expect(acknowledged.length).toBeGreaterThan(TRIALS);
    console.info(`durability: ${TRIALS} SIGKILL trials, ${acknowledged.length} acknowledged appends, all present and verified`);
  }, 120_000);
});
