import { type Fact } from './time';

/** One thing wrong with a command: a stable code, a message, and where (a field path) when it applies. */
export interface Problem {
  readonly code: string;
  readonly message: string;
  readonly path?: string;
  /**
   * True when a rule of the registry refuses the command (a cut-over, a policy, the order of time, a state):
   * the input is well formed but may not be recorded (422). Absent: the input itself is wrong (400).
   */
  readonly rule?: true;
  /** The recorded fact the command conflicts with (its stream, event, revision and effective date). */
  readonly fact?: Fact;
}

/**
 * A command the rules refuse. `code` is stable (clients switch on it); `problems` lists every reason.
 * `kind` says how a transport should answer: invalid input (400), not found (404), or a state the
 * rules forbid (409/422).
 */
export class DomainError extends Error {
  constructor(
    readonly kind: 'invalid' | 'not-found' | 'illegal-state',
    readonly code: string,
    message: string,
    readonly problems: readonly Problem[] = [{ code, message }],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

/** A problem a rule raises (422) rather than malformed input (400). */
export const rule = (problem: Omit<Problem, 'rule'>): Problem => ({ ...problem, rule: true });

/**
 * Throws one error listing every problem found, or returns when there are none. When every problem is a
 * rule's (`rule: true`) the error is an illegal state (422); otherwise `kind` (invalid input, 400, by default).
 */
export const refuseIfAny = (problems: readonly Problem[], code = 'COMMAND.INVALID', kind: DomainError['kind'] = 'invalid'): void => {
  if (problems.length === 0) return;
  const refusedBy = problems.every((p) => p.rule) ? 'illegal-state' : kind;
  if (problems.length === 1) throw new DomainError(refusedBy, problems[0]!.code, problems[0]!.message, problems);
  const codes = [...new Set(problems.map((p) => p.code))];
  throw new DomainError(refusedBy, codes.length === 1 ? codes[0]! : code, `${problems.length} problems: ${problems.map((p) => p.code).join(', ')}`, problems);
};

/**
 * Runs a decision with problems found beside it (the order of time): every problem is listed together
 * — the decision's own and these — and nothing is decided while any remains.
 */
export const decideWith = <T>(problems: readonly Problem[], decide: () => T): T => {
  if (problems.length === 0) return decide();
  try {
    decide();
  } catch (error) {
    if (isDomainError(error) && error.kind !== 'not-found') refuseIfAny([...error.problems, ...problems], 'COMMAND.INVALID', error.kind);
    throw error;
  }
  refuseIfAny(problems);
  throw new Error('unreachable: problems refused');
};

export const illegal = (code: string, message: string, fact?: Fact): DomainError =>
  new DomainError('illegal-state', code, message, [{ code, message, rule: true, ...(fact ? { fact } : {}) }]);
export const notFound = (code: string, message: string): DomainError => new DomainError('not-found', code, message);
