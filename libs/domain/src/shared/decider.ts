import { type Timeline } from './time';

/**
 * A decider (STYLE.md §3): pure `decide` (command + state + the stream's timeline → events, or a
 * DomainError thrown) and `evolve` (state + event → state). Time, new ids and anything read from other
 * streams come in with the command; the command loop reads the stream, folds it with `evolve`, gives
 * `decide` the stream's facts with their effective dates (the order of time), and appends.
 */
export interface Decider<Command, Event, State> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
  readonly decide: (command: Command, state: State, timeline: Timeline) => readonly Event[];
}

/** Folds a stream's events into its state. */
export const fold = <Event, State>(decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>, events: readonly Event[]): State =>
  events.reduce(decider.evolve, decider.initialState());
