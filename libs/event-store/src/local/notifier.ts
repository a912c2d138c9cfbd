/**
 * Wakes followers when the log grows. A version counter closes the lost-wake-up window: a follower
 * remembers the version it read at and returns at once if an append happened since.
 */
export class AppendNotifier {
  private currentVersion = 0;
  private waiters = new Set<() => void>();

  get version(): number {
    return this.currentVersion;
  }

  notify(): void {
    this.currentVersion++;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /** Resolves after an append newer than `seenVersion`, after `pollMs` (for other processes' appends), or on abort. */
  waitSince(seenVersion: number, pollMs: number, signal: AbortSignal): Promise<void> {
    if (this.currentVersion !== seenVersion || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, pollMs);
      timer.unref();
      signal.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }
}
