import { type PersonEvent } from '../../events';
import { evolvePerson, initialPersonState, type Deceased, type Registered } from '../../libs/domain/src/person/state';
import { handles, type ProjectedEvent, type View } from '../view';

/**
 * 人口信息: a person as the registry holds them now — identity, status, household, region, current and
 * original registration type, permits, actual residence — folded by the person decider's own `evolve`,
 * so the view and the rules cannot disagree about what an event means.
 */
export type PersonRow = (Registered | Deceased) & {
  /** The stream revision the row reflects (the ETag of the person). */
  readonly revision: number;
  readonly registeredOn: string;
  readonly updatedAt: string;
};

const TYPES = [
  'BirthRegistered', 'PersonRegistered', 'HukouMigrated', 'SettlementRefused', 'RegistrationTypeUnified', 'ResidencePermitIssued',
  'ResidencePermitRenewed', 'ResidencePermitCancelled', 'ActualResidenceRegistered', 'ActualResidenceEnded', 'DeathRegistered', 'RecordCorrected',
] as const;

const evolve = (row: PersonRow | null, p: ProjectedEvent): PersonRow | null => {
  const state = evolvePerson(row ?? initialPersonState(), p.event as PersonEvent);
  if (state.status === 'unregistered') return null;
  // Object.assign rather than `{ ...state, revision, … }`: V8 builds spread-then-extend objects far slower.
  return Object.assign({}, state, { revision: p.revision, registeredOn: row?.registeredOn ?? p.effectiveDate, updatedAt: p.recordedAt });
};

export const personsView: View<PersonRow> = {
  name: 'persons',
  canHandle: handles(TYPES),
  keyOf: (p) => (p.event as PersonEvent).data.citizenId,
  evolve,
};
