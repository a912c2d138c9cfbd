import { type PersonEvent } from '../../../../events';
import { type Decider } from '../shared/decider';
import { decideWith, illegal } from '../shared/errors';
import { type Timeline } from '../shared/time';
import { type PersonCommand } from './commands';
import { completeFamilySettlement, migrate, refuseSettlement } from './decide-migration';
import { registerBirth, registerPerson } from './decide-registration';
import {
  cancelPermit, correctRecord, endActualResidence, issuePermit, registerActualResidence, registerDeath, renewPermit, unify,
} from './decide-status';
import { releaseForMigration } from './release';
import { evolvePerson, initialPersonState, type PersonState, type Registered } from './state';
import { personTimeProblems } from './time-order';

/** The person must be registered and alive: after death only corrections are accepted. */
const alive = (state: PersonState): Registered => {
  if (state.status === 'unregistered') throw illegal('PERSON.NOT_REGISTERED', 'the person is not registered');
  if (state.status === 'deceased') throw illegal('PERSON.DECEASED', `${state.citizenId} is deceased (deregistered ${state.dateOfDeath}); only corrections are accepted`);
  return state;
};

/** Decides a person command: its own rules and the order of time (every problem listed together). */
export const decidePerson = (command: PersonCommand, state: PersonState, timeline: Timeline): readonly PersonEvent[] =>
  decideWith(personTimeProblems(command, timeline), () => decideOn(command, state, timeline));

const decideOn = (command: PersonCommand, state: PersonState, timeline: Timeline): readonly PersonEvent[] => {
  switch (command.type) {
    case 'CompleteFamilySettlement':
      if (state.status === 'unregistered') throw illegal('PERSON.NOT_REGISTERED', 'the person is not registered');
      return completeFamilySettlement(command, state, timeline);
    case 'RegisterBirth': return registerBirth(command, state);
    case 'RegisterPerson': return registerPerson(command, state);
    case 'Migrate': return migrate(command, alive(state), timeline);
    case 'RefuseSettlement': return refuseSettlement(command, alive(state));
    case 'UnifyRegistrationType': return unify(command, alive(state));
    case 'IssueResidencePermit': return issuePermit(command, alive(state));
    case 'RenewResidencePermit': return renewPermit(command, alive(state));
    case 'CancelResidencePermit': return cancelPermit(command, alive(state));
    case 'RegisterActualResidence': return registerActualResidence(command, alive(state));
    case 'EndActualResidence': return endActualResidence(command, alive(state));
    case 'ReleaseForMigration': return releaseForMigration(command, alive(state));
    case 'RegisterDeath': return registerDeath(command, alive(state));
    case 'CorrectRecord':
      if (state.status === 'unregistered') throw illegal('PERSON.NOT_REGISTERED', 'the person is not registered');
      return correctRecord(command, state);
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
};

/** 人: the person aggregate, one stream per citizen id. */
export const personDecider: Decider<PersonCommand, PersonEvent, PersonState> = {
  initialState: initialPersonState,
  evolve: evolvePerson,
  decide: decidePerson,
};
