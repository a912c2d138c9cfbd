/**
 * A decider (STYLE.md §3): pure `decide` (command + state → events, or a DomainError thrown) and
 * `evolve` (state + event → state). Time, new ids and anything read from other streams come in with
 * the command; the command loop reads the stream, folds it with `evolve`, decides and appends.
 */
export interface Decider<Command, Event, State> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
  readonly decide: (command: Command, state: State) => readonly Event[];
}

/** Folds a stream's events into its state. */
export const fold = <Event, State>(decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>, events: readonly Event[]): State =>
  events.reduce(decider.evolve, decider.initialState());
