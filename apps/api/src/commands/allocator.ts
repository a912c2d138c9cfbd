import { allocateCitizenId } from '../../../../libs/domain/src/citizen-id';
import { DomainError } from '../../../../libs/domain/src/shared/errors';

const MAX_REMEMBERED = 1_000_000;

/**
 * 公民身份号码分配 for births: the domain picks the lowest free order code; "free" is answered here from
 * the numbers this process has handed out or found taken. The command loop then reads the new stream
 * anyway: a number someone else holds shows up there as PERSON.ALREADY_REGISTERED, the caller marks it
 * taken and asks again — so no separate existence check costs a read per birth.
 */
export class CitizenIdAllocator {
  private readonly taken = new Set<string>();

  allocate(countyCode: string, dateOfBirth: string, sex: 'male' | 'female', today: string): string {
    if (this.taken.size > MAX_REMEMBERED) this.taken.clear();
    const result = allocateCitizenId({ countyCode, dateOfBirth, sex, today, isTaken: (id) => this.taken.has(id) });
    if (!result.ok) {
      const problems = result.problems.map((p) => ({ code: p.code, message: p.message, path: p.path === 'countyCode' ? 'householdId' : (p.path ?? 'dateOfBirth') }));
      const kind = problems.some((p) => p.code === 'CITIZEN_ID.SEQUENCE_EXHAUSTED') ? 'illegal-state' : 'invalid';
      throw new DomainError(kind, problems[0]!.code, problems[0]!.message, problems);
    }
    this.taken.add(result.id);
    return result.id;
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
