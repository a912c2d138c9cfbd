import { join } from 'node:path';
import { personStream } from '../events';
import { checkCharacter } from '../libs/domain/src/citizen-id';
import { type PersonCommand } from '../libs/domain/src/person/commands';
import { personDecider } from '../libs/domain/src/person/decide';
import { addDays } from '../libs/domain/src/shared/dates';
import { type EventStore, openSqliteEventStore } from '../libs/event-store/src';
import { handleCommand } from '../libs/registry/src';
import { type Figure, rate, tempDir } from './harness';

const WRITERS = 64;
const PERSONS = 19_200;
const NOW = new Date('2026-11-23T02:00:00Z');
const META = { actor: { id: 'bench', role: 'registrar' as const, office: '410105' }, correlationId: '3b241101-e2bb-4255-8caf-4136c566a962' };

/** The i-th newborn: distinct valid citizen ids (female order codes 002..998 over 300 birth dates). */
const newborn = (i: number, offset: number): PersonCommand => {
  const dateOfBirth = addDays('2025-11-01', i % 300);
  const first17 = `410105${dateOfBirth.replaceAll('-', '')}${String(2 * (Math.floor(i / 300) + offset) + 2).padStart(3, '0')}`;
  return {
    type: 'RegisterBirth', citizenId: first17 + checkCharacter(first17), name: '张晓梅', sex: 'female', dateOfBirth, placeOfBirth: '410105001001',
    household: { status: 'active', householdId: `h-${i % 5_000}`, regionCode: '410105001001', kind: 'family' }, relationToHead: 'child',
    jurisdiction: { cutoverDate: '2017-06-30' }, effectiveDate: dateOfBirth, now: NOW,
  };
};

const stream = (c: PersonCommand): string => personStream(c.type === 'RegisterBirth' ? c.citizenId : '');

const concurrently = async (count: number, work: (i: number) => Promise<unknown>): Promise<void> => {
  await Promise.all(Array.from({ length: WRITERS }, async (_, w) => {
    for (let i = w; i < count; i += WRITERS) await work(i);
  }));
};

/** Decisions/s through the one command loop (read stream → fold → decide → append), against direct appends of the same events. */
export const deciderBench = async (): Promise<Figure[]> => {
  const { dir, remove } = tempDir('decider');
  let store: EventStore | undefined;
  try {
    store = openSqliteEventStore(join(dir, 'events.sqlite'));
    const s = store;
    const sequential = await rate(2_000, async () => {
      for (let i = 0; i < 2_000; i++) await handleCommand(s, stream(newborn(i, 0)), personDecider, newborn(i, 0), META);
    });
    const loop = await rate(PERSONS, () => concurrently(PERSONS, (i) => handleCommand(s, stream(newborn(i, 10)), personDecider, newborn(i, 10), META)));
    const deaths = await rate(PERSONS, () => concurrently(PERSONS, (i) => {
      const born = newborn(i, 10);
      const death: PersonCommand = { type: 'RegisterDeath', dateOfDeath: '2026-11-01', placeOfDeath: '410105001001', deathCertificateRef: `DC-${i}`, effectiveDate: '2026-11-02', now: NOW };
      return handleCommand(s, stream(born), personDecider, death, META);
    }));
    const direct = await rate(PERSONS, () => concurrently(PERSONS, (i) => {
      const c = newborn(i, 100);
      const events = personDecider.decide(c, personDecider.initialState(), []);
      return s.appendToStream(stream(c), events.map((e) => ({ type: e.type, data: e.data, metadata: { ...META, schemaVersion: 1, effectiveDate: c.effectiveDate } })), { expectedRevision: 'no_stream' });
    }));
    return [
      { name: 'decider loop, sequential (read → decide → append)', value: sequential, unit: 'decisions/s' },
      { name: `decider loop, ${WRITERS} concurrent (births: new streams)`, value: loop, unit: 'decisions/s' },
      { name: `decider loop, ${WRITERS} concurrent (deaths: read and fold a stream with history)`, value: deaths, unit: 'decisions/s' },
      { name: `ceiling: the same events appended directly, ${WRITERS} concurrent`, value: direct, unit: 'events/s' },
      { name: 'decider loop / direct appends', value: (100 * loop) / direct, unit: '%' },
    ];
  } finally {
    await store?.close();
    remove();
  }
};
