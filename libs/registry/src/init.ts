import { randomUUID } from 'node:crypto';
import { jurisdictionStream } from '../../../events';
import { jurisdictionDecider, type JurisdictionCommand } from '../../domain/src/jurisdiction/jurisdiction';
import { type SeedStep, seedSteps } from '../../domain/src/jurisdiction/seed';
import { isDomainError } from '../../domain/src/shared/errors';
import { type EventStore } from '../../event-store/src';
import { type CommandMetadata, handleCommand } from './command-loop';
import { superiorFloorsFor } from './jurisdictions';

/** The actor of facts the registry records itself (its seed): attributed, never anonymous. */
export const SYSTEM_ACTOR: CommandMetadata['actor'] = { id: 'huji-init', role: 'system', office: 'huji' };

/** What happened to one seed fact: recorded now, found already recorded, or refused (with the code). */
export interface SeedOutcome {
  readonly step: string;
  readonly outcome: 'recorded' | 'already recorded' | 'refused';
  readonly code?: string;
  readonly message?: string;
}

const describe = (s: SeedStep): string => (s.kind === 'policy' ? `enact ${s.policy.id} v${s.policy.version} (${s.policy.documentNo}) in ${s.prefix}` : `cut-over of ${s.prefix} on ${s.cutover.date} (${s.cutover.documentNo})`);

const commandOf = async (store: EventStore, s: SeedStep, now: Date): Promise<JurisdictionCommand> => (s.kind === 'policy'
  ? { type: 'EnactSettlementPolicy', jurisdiction: s.prefix, policy: s.policy, superiorFloors: await superiorFloorsFor(store, s.policy), effectiveDate: s.effectiveDate, now }
  : { type: 'DeclareUnificationCutover', jurisdiction: s.prefix, cutoverDate: s.cutover.date, documentNo: s.cutover.documentNo, effectiveDate: s.effectiveDate, now });

/**
 * `huji init`: records the seed documents' enactments and cut-overs through the command loop, in date order,
 * attributed to the system actor and citing each document. Idempotent: what is already recorded is left as is.
 */
export const initRegistry = async (store: EventStore, now = new Date()): Promise<SeedOutcome[]> => {
  const outcomes: SeedOutcome[] = [];
  for (const step of seedSteps()) {
    try {
      const { events } = await handleCommand(store, jurisdictionStream(step.prefix), jurisdictionDecider, await commandOf(store, step, now), { actor: SYSTEM_ACTOR, correlationId: randomUUID() });
      outcomes.push({ step: describe(step), outcome: events.length > 0 ? 'recorded' : 'already recorded' });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      outcomes.push({ step: describe(step), outcome: 'refused', code: error.code, message: error.message });
    }
  }
  return outcomes;
};
