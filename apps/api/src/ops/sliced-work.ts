import { type Sliced } from '../../../../projections/statistics/slices';
import { ApiError } from '../http/problem';

interface Task {
  readonly work: Sliced<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly caller: string | undefined;
}

/** Scans one caller may have pending at once; one more → 429 RATE.TOO_MANY_SCANS. */
export const SCANS_PER_CALLER = 4;

/** Why a scan was dropped: its client left before the answer (nginx's 499, "client closed request"); nobody reads it. */
const abandoned = (): ApiError => new ApiError(499, 'REQUEST.ABANDONED', 'the client closed the request before its answer: the scan was dropped');

/**
 * 分片调度: long computations held in memory (statistics scans over the cube) run a slice at a time, taking
 * turns, and all of them together use at most `budgetMs` of each turn of the event loop. Between two turns
 * Node serves sockets, so /health and every other request waits at most one budget (plus one slice),
 * however many scans are running — the scans share the time left, they do not add up. A caller has at most
 * `perCaller` scans pending, and a scan whose client has left is dropped at its next turn.
 */
export class SlicedWork {
  private readonly tasks: Task[] = [];
  private readonly perCallerPending = new Map<string, number>();
  private scheduled = false;
  /** Scans dropped because their client left (metrics). */
  dropped = 0;

  /** `budgetMs`: 2 ms keeps /health's p99 low with eight whole-country scans at the 1M-person city on two shared cores (bench/health.bench.ts). */
  constructor(private readonly budgetMs = 2, private readonly perCaller = SCANS_PER_CALLER) {}

  /**
   * Runs `work` to its end between other requests; resolves with its answer. `signal`: the client left — the
   * scan is dropped at its next turn (rejected, 499 REQUEST.ABANDONED). `caller` (a principal's subject):
   * with `perCaller` of its scans pending already, rejected at once with 429 RATE.TOO_MANY_SCANS.
   */
  run<T>(work: Sliced<T>, signal?: AbortSignal, caller?: string): Promise<T> {
    if (signal?.aborted) {
      this.dropped++;
      return Promise.reject(abandoned());
    }
    const pending = caller === undefined ? 0 : this.perCallerPending.get(caller) ?? 0;
    if (caller !== undefined && this.perCaller > 0 && pending >= this.perCaller)
      return Promise.reject(new ApiError(429, 'RATE.TOO_MANY_SCANS', `subject ${caller} has ${this.perCaller} statistics queries running already: wait for their answers`, [], { retryAfter: 5 }));
    if (caller !== undefined) this.perCallerPending.set(caller, pending + 1);
    return new Promise<T>((resolve, reject) => {
      this.tasks.push({ work, resolve: resolve as (value: unknown) => void, reject, signal, caller });
      this.schedule();
    });
  }

  /** Computations started and not finished (metrics). */
  get pending(): number {
    return this.tasks.length;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.turn);
  }

  /** A task leaves the queue: its caller's count goes down. */
  private settled(task: Task): void {
    if (task.caller === undefined) return;
    const left = (this.perCallerPending.get(task.caller) ?? 1) - 1;
    if (left > 0) this.perCallerPending.set(task.caller, left);
    else this.perCallerPending.delete(task.caller);
  }

  /** One turn: slices of the tasks in round-robin until the budget is spent; the rest wait for the next turn. */
  private readonly turn = (): void => {
    this.scheduled = false;
    const deadline = performance.now() + this.budgetMs;
    while (this.tasks.length > 0 && performance.now() < deadline) {
      const task = this.tasks.shift()!;
      if (task.signal?.aborted) {
        this.settled(task);
        this.dropped++;
        task.work.return(undefined);
        task.reject(abandoned());
        continue;
      }
      try {
        const step = task.work.next();
        if (step.done) {
          this.settled(task);
          task.resolve(step.value);
        } else this.tasks.push(task);
      } catch (error) {
        this.settled(task);
        task.reject(error);
      }
    }
    if (this.tasks.length > 0) this.schedule();
  };
}
