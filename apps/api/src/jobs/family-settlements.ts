import { completeFamily, type MemberOutcome, pendingFamilies } from '../../../../libs/registry/src/family';
import { errorFields, logLine } from '../ops/log';
import { type RegistryRuntime } from '../runtime';

/**
 * 随迁的执行 in the API process: a family decision's members are moved right after it is recorded (the
 * request waits and answers with each member's outcome); at start, every decision the log holds without its
 * completion — a process killed between the decision and the moves — is completed. Both paths are the same
 * idempotent completion, so a member is never moved twice, whoever finishes first.
 */
export class FamilySettlements {
  private readonly running = new Map<string, Promise<MemberOutcome[]>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly runtime: RegistryRuntime) {}

  /** Completes one decision (joins a completion of it already running in this process). */
  complete(principal: string, applicationRef: string): Promise<MemberOutcome[]> {
    const key = `${principal}\n${applicationRef}`;
    const running = this.running.get(key);
    if (running) return running;
    const run = completeFamily(this.runtime.store, principal, applicationRef).finally(() => this.running.delete(key));
    this.running.set(key, run);
    return run;
  }

  /**
   * Completes a decision for a request: its outcomes, or — when the completion failed on something else than
   * a rule (the store busy, a lost race) — undefined, with the completion retried in the background.
   */
  async completeOrRetry(principal: string, applicationRef: string): Promise<MemberOutcome[] | undefined> {
    try {
      return await this.complete(principal, applicationRef);
    } catch (error) {
      logLine('error', 'completing a family settlement failed: retrying in the background', { principal, applicationRef, ...errorFields(error) });
      this.retry(principal, applicationRef, 1);
      return undefined;
    }
  }

  private retry(principal: string, applicationRef: string, attempt: number): void {
    if (this.closed || attempt > 8) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.complete(principal, applicationRef).catch((error: unknown) => {
        logLine('error', 'retrying a family settlement failed', { principal, applicationRef, attempt, ...errorFields(error) });
        this.retry(principal, applicationRef, attempt + 1);
      });
    }, Math.min(60_000, 1_000 * 2 ** attempt));
    this.timers.add(timer);
  }

  /** Completes every decision left without its completion (called at start). */
  async resumeAll(): Promise<number> {
    const pending = await pendingFamilies(this.runtime.store);
    for (const p of pending) {
      await this.complete(p.principal, p.applicationRef).catch((error: unknown) => logLine('error', 'completing a family settlement failed', { principal: p.principal, applicationRef: p.applicationRef, ...errorFields(error) }));
    }
    if (pending.length > 0 && this.runtime.config.log) logLine('info', 'completed family settlements left pending', { count: pending.length });
    return pending.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    await Promise.allSettled([...this.running.values()]);
  }
}
