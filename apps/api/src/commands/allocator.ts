import { personStream } from '../../../../events';
import { allocateCitizenId } from '../../../../libs/domain/src/citizen-id';
import { DomainError } from '../../../../libs/domain/src/shared/errors';
import { type EventStore } from '../../../../libs/event-store/src';

const MAX_REMEMBERED = 1_000_000;

/**
 * 公民身份号码分配 for births: the domain picks the lowest free order code; "free" is answered here. Ids
 * handed out or found taken are remembered (so concurrent births of one county and day get different
 * codes without a round trip each); a candidate not remembered is checked against the log. The append
 * itself expects no stream, so a number taken by another process in between is refused and retried.
 */
export class CitizenIdAllocator {
  private readonly taken = new Set<string>();

  constructor(private readonly store: EventStore) {}

  async allocate(countyCode: string, dateOfBirth: string, sex: 'male' | 'female', today: string): Promise<string> {
    if (this.taken.size > MAX_REMEMBERED) this.taken.clear();
    for (;;) {
      const result = allocateCitizenId({ countyCode, dateOfBirth, sex, today, isTaken: (id) => this.taken.has(id) });
      if (!result.ok) {
        const problems = result.problems.map((p) => ({ code: p.code, message: p.message, path: p.path === 'countyCode' ? 'householdId' : (p.path ?? 'dateOfBirth') }));
        const kind = problems.some((p) => p.code === 'CITIZEN_ID.SEQUENCE_EXHAUSTED') ? 'illegal-state' : 'invalid';
        throw new DomainError(kind, problems[0]!.code, problems[0]!.message, problems);
      }
      this.taken.add(result.id);
      const existing = await this.store.readStream(personStream(result.id), { maxCount: 1 });
      if (existing.length === 0) return result.id;
    }
  }

  /** A number allocated but not used (the birth was refused) may be handed out again. */
  release(citizenId: string): void {
    this.taken.delete(citizenId);
  }

  /** A number another writer took between the check and the append. */
  markTaken(citizenId: string): void {
    this.taken.add(citizenId);
  }
}
