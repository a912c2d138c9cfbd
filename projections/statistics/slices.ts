/**
 * 分片计算: a long computation over the cube cut into slices. Each `yield` marks a point where it may pause
 * (nothing is yielded); it returns its answer. The API runs slices between other requests; tests and the
 * CLI run it through at once with `complete` — one code path, so both give the same answer.
 */
export type Sliced<T> = Generator<void, T, undefined>;

/** Rows a sliced scan visits between two pauses: well under a millisecond of work. */
export const SLICE_ROWS = 1 << 14;

/** Runs a sliced computation to its end, without pausing. */
export const complete = <T>(work: Sliced<T>): T => {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
};
