import { type PersonEvent } from '../../../../events';
import { type PersonCommand } from '../../src/person/commands';
import { personDecider } from '../../src/person/decide';
import { type PersonState } from '../../src/person/state';
import { isDomainError } from '../../src/shared/errors';
import { type Fact, factOf } from '../../src/shared/time';

/** A person's stream as the command loop would hold it: the state and the dated facts. */
export interface Stream {
  readonly state: PersonState;
  readonly timeline: readonly Fact[];
  readonly events: readonly PersonEvent[];
}

/** Given commands, each decided on the stream so far (as the command loop does); a refused one fails the test. */
export const given = (...commands: PersonCommand[]): Stream => commands.reduce<Stream>((s, c) => {
  const events = personDecider.decide(c, s.state, s.timeline);
  return {
    state: events.reduce(personDecider.evolve, s.state),
    timeline: [...s.timeline, ...events.map((e, i) => factOf('person-p', e, s.timeline.length + i, c.effectiveDate))],
    events: [...s.events, ...events],
  };
}, { state: personDecider.initialState(), timeline: [], events: [] });

/** When a command is decided on the stream: its events, or the refusal (status kind, code, problems with their facts). */
export const when = (s: Stream, command: PersonCommand) => {
  try {
    return { events: personDecider.decide(command, s.state, s.timeline) };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { kind: error.kind, code: error.code, problems: error.problems.map((p) => ({ code: p.code, ...(p.fact ? { fact: p.fact } : {}) })) };
  }
};
