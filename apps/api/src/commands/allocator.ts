import { randomInt } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { personStream } from '../../../../events';
import { allocateCitizenId, type Draw } from '../../../../libs/domain/src/citizen-id';
import { DomainError } from '../../../../libs/domain/src/shared/errors';
import { type EventStore } from '../../../../libs/event-store/src';
import { citizenIdsWithPrefix } from '../../../../projections/store/person-ids';

/** How many taken ids (and prefixes: each costs one) the allocator keeps in memory at most (whole prefixes are forgotten, least recently used first). */
const MAX_REMEMBERED = 100_000;

/** Where the allocator learns which numbers are taken: the views (one query per prefix) and the log (one stream). */
export interface TakenIds {
  /** Every citizen id the persons view holds that starts with `prefix` (county + date of birth, 14 digits). */
  readonly withPrefix: (prefix: string) => Promise<readonly string[]>;
  /** Whether the id's stream holds an event: the log knows what the views have not yet seen. */
  readonly inLog: (citizenId: string) => Promise<boolean>;
}

/** The registry's answers: the read store's persons view and the event log. */
export const takenIdsIn = (store: EventStore, views: DataSource): TakenIds => ({
  withPrefix: (prefix) => citizenIdsWithPrefix(views, prefix),
  inLog: async (citizenId) => (await store.readStream(personStream(citizenId), { maxCount: 1 })).length > 0,
});

/** County + date of birth, the part of the number the order code completes; undefined for input the domain will refuse. */
const prefixOf = (countyCode: string, dateOfBirth: string): string | undefined =>
  (/^\d{6}$/.test(countyCode) && /^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth) ? countyCode + dateOfBirth.replaceAll('-', '') : undefined);

/** A uniform integer in [0, n) from the operating system's CSPRNG: an order code nobody can predict. */
const secureDraw: Draw = (n) => randomInt(n);

/**
 * 公民身份号码分配 for births: the domain draws a free order code at random (`crypto.randomInt`, so the first
 * boy of a day is not 001 and a birth's county, day and sex do not give its number); "free" is answered here. On the
 * first birth of a (county, date of birth) the taken numbers of that prefix are read from the persons view in
 * one query; every candidate is then checked against its stream in the log (one short read), which catches
 * what the views have not yet projected — so a number whose stream holds anything is never handed out, even
 * right after a restart. Memory is bounded: past MAX_REMEMBERED ids, the least recently used prefixes are
 * forgotten and read again on their next birth.
 */
export class CitizenIdAllocator {
  private readonly prefixes = new Map<string, Set<string>>();
  private readonly seeding = new Map<string, Promise<Set<string>>>();
  private remembered = 0;

  constructor(private readonly source: TakenIds, private readonly maxRemembered = MAX_REMEMBERED, private readonly draw: Draw = secureDraw) {}

  /** A number for a newborn whose stream is empty now; it stays taken here until released. */
  async allocate(countyCode: string, dateOfBirth: string, sex: 'male' | 'female', today: string): Promise<string> {
    const prefix = prefixOf(countyCode, dateOfBirth);
    const taken = prefix === undefined ? new Set<string>() : await this.takenFor(prefix);
    for (;;) {
      const id = this.pick(taken, countyCode, dateOfBirth, sex, today);
      if (!(await this.source.inLog(id))) return id;
    }
  }

  /** A number allocated but not used (the birth was refused) may be handed out again. */
  release(citizenId: string): void {
    const taken = this.prefixes.get(citizenId.slice(0, 14));
    if (taken?.delete(citizenId)) this.remembered--;
  }

  /** A number another writer took between the check and the append. */
  markTaken(citizenId: string): void {
    const taken = this.prefixes.get(citizenId.slice(0, 14));
    if (taken) this.add(taken, citizenId);
  }

  /** How many prefixes are in memory, and how many ids (for tests). */
  get size(): { readonly prefixes: number; readonly ids: number } {
    return { prefixes: this.prefixes.size, ids: this.remembered };
  }

  /** The domain's choice given `taken`, marked taken at once (synchronously: two births in flight never get the same number). */
  private pick(taken: Set<string>, countyCode: string, dateOfBirth: string, sex: 'male' | 'female', today: string): string {
    const result = allocateCitizenId({ countyCode, dateOfBirth, sex, today, isTaken: (id) => taken.has(id), draw: this.draw });
    if (!result.ok) {
      const problems = result.problems.map((p) => ({ code: p.code, message: p.message, path: p.path === 'countyCode' ? 'householdId' : (p.path ?? 'dateOfBirth') }));
      const kind = problems.some((p) => p.code === 'CITIZEN_ID.SEQUENCE_EXHAUSTED') ? 'illegal-state' : 'invalid';
      throw new DomainError(kind, problems[0]!.code, problems[0]!.message, problems);
    }
    this.add(taken, result.id);
    return result.id;
  }

  /** Counts only into a set still remembered (one forgotten meanwhile no longer costs memory here). */
  private add(taken: Set<string>, citizenId: string): void {
    if (taken.has(citizenId)) return;
    taken.add(citizenId);
    if (this.prefixes.get(citizenId.slice(0, 14)) !== taken) return;
    this.remembered++;
    this.forgetOldest();
  }

  /** The prefix's taken set: from memory (most recently used last), or one query shared by every birth waiting for it. */
  private async takenFor(prefix: string): Promise<Set<string>> {
    const known = this.prefixes.get(prefix);
    if (known) {
      this.prefixes.delete(prefix);
      this.prefixes.set(prefix, known);
      return known;
    }
    return this.seeding.get(prefix) ?? this.seed(prefix);
  }

  private seed(prefix: string): Promise<Set<string>> {
    const pending = this.source.withPrefix(prefix).then((ids) => {
      const taken = new Set(ids);
      this.prefixes.set(prefix, taken);
      this.remembered += 1 + taken.size; // each prefix costs one besides its ids: many empty prefixes are memory too
      this.forgetOldest();
      return taken;
    }).finally(() => this.seeding.delete(prefix));
    this.seeding.set(prefix, pending);
    return pending;
  }

  private forgetOldest(): void {
    for (const [prefix, taken] of this.prefixes) {
      if (this.remembered <= this.maxRemembered || this.prefixes.size <= 1) return;
      this.prefixes.delete(prefix);
      this.remembered -= 1 + taken.size;
    }
  }
}
