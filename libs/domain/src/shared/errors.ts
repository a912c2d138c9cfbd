/** One thing wrong with a command: a stable code, a message, and where (a field path) when it applies. */
export interface Problem {
  readonly code: string;
  readonly message: string;
  readonly path?: string;
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

/** Throws one error listing every problem found, or returns when there are none. */
export const refuseIfAny = (problems: readonly Problem[], code = 'COMMAND.INVALID', kind: DomainError['kind'] = 'invalid'): void => {
  if (problems.length === 1) throw new DomainError(kind, problems[0]!.code, problems[0]!.message, problems);
  if (problems.length > 1) throw new DomainError(kind, code, `${problems.length} problems: ${problems.map((p) => p.code).join(', ')}`, problems);
};

export const illegal = (code: string, message: string): DomainError => new DomainError('illegal-state', code, message);
export const notFound = (code: string, message: string): DomainError => new DomainError('not-found', code, message);
