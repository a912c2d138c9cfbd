import { householdStream, personStream } from '../../../../events';
import { legalDateOf } from '../../../../libs/domain/src/shared/dates';
import { formatPosition, type Position, type StoredEvent } from '../../../../libs/event-store/src';
import { deregistrationCandidates, householdHistory } from '../../../../projections/audit/candidates';
import { householdStateOf, personStateOf } from '../commands/context';
import { recordedAtOf } from '../../../../libs/registry/src/recorded';
import { ApiError } from '../http/problem';
import { type RegistryRuntime } from '../runtime';

/** One event as an auditor sees it: everything the log holds, attribution and hash included. */
export const auditEntry = (e: StoredEvent) => ({
  position: formatPosition(e.position), stream: e.stream, revision: e.revision, id: e.id, type: e.type,
  recordedAt: e.recordedAt.toISOString(), effectiveDate: e.metadata.effectiveDate, metadata: e.metadata, data: e.data, hash: e.hash,
});

/** Bitemporal filter: effective by `asOf`, and recorded (legal day, UTC+8) by `knownAt` when given. */
const within = (asOf: string, knownAt: string | undefined) => (e: StoredEvent): boolean =>
  (e.metadata.effectiveDate as string) <= asOf && (knownAt === undefined || legalDateOf(recordedAtOf(e)) <= knownAt);

/** 审计: full attributed histories, state as of a date (and as known on a date), 应销未销 candidates (integrity: integrity-checks.ts). */
export class AuditQueries {
  constructor(private readonly runtime: RegistryRuntime) {}

  private async stream(name: string, what: string): Promise<readonly StoredEvent[]> {
    const events = await this.runtime.store.readStream(name);
    if (events.length === 0) throw new ApiError(404, `${what.toUpperCase()}.NOT_FOUND`, `no ${what} stream ${name}`);
    return events;
  }

  async personHistory(citizenId: string) {
    const events = await this.stream(personStream(citizenId), 'person');
    return { citizenId, stream: personStream(citizenId), events: events.map(auditEntry) };
  }

  async personState(citizenId: string, asOf: string, knownAt?: string) {
    const events = (await this.stream(personStream(citizenId), 'person')).filter(within(asOf, knownAt));
    const state = personStateOf(events);
    return { citizenId, asOf, knownAt: knownAt ?? null, eventsApplied: events.length, lastPosition: events.at(-1) ? formatPosition(events.at(-1)!.position) : null, state };
  }

  async householdHistory(householdId: string, after?: Position) {
    await this.runtime.viewsAt(after);
    const events = await this.stream(householdStream(householdId), 'household');
    return { householdId, events: events.map(auditEntry), members: await householdHistory(this.runtime.views, householdId), membersAsOfPosition: this.runtime.projected ?? null };
  }

  async householdState(householdId: string, asOf: string, knownAt?: string, after?: Position) {
    await this.runtime.viewsAt(after);
    const events = (await this.stream(householdStream(householdId), 'household')).filter(within(asOf, knownAt));
    const state = householdStateOf(events);
    const members = new Set<string>();
    for (const entry of await householdHistory(this.runtime.views, householdId)) {
      if (entry.effectiveDate > asOf || (knownAt !== undefined && legalDateOf(new Date(entry.recordedAt)) > knownAt) || entry.citizenId === null) continue;
      if (entry.change === 'joined' || entry.change === 'death-withdrawn') members.add(entry.citizenId);
      if (entry.change === 'left' || entry.change === 'died') members.delete(entry.citizenId);
    }
    return { householdId, asOf, knownAt: knownAt ?? null, state, members: [...members].sort() };
  }

  async candidates(region: string, asOf: string, after?: Position) {
    await this.runtime.viewsAt(after);
    return { region, asOf, candidates: await deregistrationCandidates(this.runtime.views, { asOf, region }) };
  }
}
