import { parseArgs } from 'node:util';
import { openEventStore } from '../../../../libs/event-store/src';
import { initRegistry } from '../../../../libs/registry/src/init';
import { type CommandIo } from '../command';

export const initUsage = `huji init [--json]
  Records what a fresh registry must know before anything else: the enactment of the five seed documents
  (their full content and hash) and their unification cut-overs, in date order, attributed to the system
  actor (huji-init) and citing each document. Idempotent: what is already recorded is left alone.
  npm start does this by itself on an empty log (HUJI_INIT=off to keep the log empty).
  Exit code 0: all recorded (now or before); 1: something was refused (shown).`;

/** `huji init`: the seed documents and cut-overs as events (the rules in force from the first day). */
export const initCommand = async (args: readonly string[], io: CommandIo): Promise<number> => {
  const { values } = parseArgs({ args: [...args], options: { json: { type: 'boolean' } }, strict: true });
  const store = await openEventStore(io.config);
  try {
    const outcomes = await initRegistry(store);
    if (values.json) io.out(JSON.stringify(outcomes, null, 2));
    else for (const o of outcomes) io.out(`${o.outcome.padEnd(16)} ${o.step}${o.code ? `: ${o.code} ${o.message ?? ''}` : ''}`);
    return outcomes.some((o) => o.outcome === 'refused') ? 1 : 0;
  } finally {
    await store.close();
  }
};
