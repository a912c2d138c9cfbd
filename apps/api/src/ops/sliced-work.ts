import { type Sliced } from '../../../../projections/statistics/slices';

interface Task {
  readonly work: Sliced<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * 分片调度: long computations held in memory (statistics scans over the cube) run a slice at a time, taking
 * turns, and all of them together use at most `budgetMs` of each turn of the event loop. Between two turns
 * Node serves sockets, so /health and every other request waits at most one budget (plus one slice),
 * however many scans are running — the scans share the time left, they do not add up.
 */
export class SlicedWork {
  private readonly tasks: Task[] = [];
  private scheduled = false;

  /** `budgetMs`: 2 ms keeps /health's p99 near 26 ms with eight whole-country scans at the 1M-person city on two shared cores (bench/health.bench.ts). */
  constructor(private readonly budgetMs = 2) {}

  /** Runs `work` to its end between other requests; resolves with its answer. */
  run<T>(work: Sliced<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.tasks.push({ work, resolve: resolve as (value: unknown) => void, reject });
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

  /** One turn: slices of the tasks in round-robin until the budget is spent; the rest wait for the next turn. */
  private readonly turn = (): void => {
    this.scheduled = false;
    const deadline = performance.now() + this.budgetMs;
    while (this.tasks.length > 0 && performance.now() < deadline) {
      const task = this.tasks.shift()!;
      try {
        const step = task.work.next();
        if (step.done) task.resolve(step.value);
        else this.tasks.push(task);
      } catch (error) {
        task.reject(error);
      }
    }
    if (this.tasks.length > 0) this.schedule();
  };
}
