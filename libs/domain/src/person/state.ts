import { type PersonEvent, type RegistrationType, type RelationToHead, type Sex } from '../../../../events';
import { type IsoDate } from '../shared/dates';

/** 居住证: a residence permit held by the person. */
export interface Permit {
  readonly permitNo: string;
  readonly residenceRegionCode: string;
  readonly validFrom: IsoDate;
  readonly validUntil: IsoDate;
}

interface Identity {
  readonly citizenId: string;
  readonly name: string;
  readonly sex: Sex;
  readonly dateOfBirth: IsoDate;
  readonly placeOfBirth?: string;
}

/** 准予迁出: the registering office's release of the person to settle in `to` (a region prefix), with the applicant's consent reference. */
export interface Release {
  readonly releaseRef: string;
  readonly to: string;
  readonly consentRef: string;
  readonly releasedOn: IsoDate;
  readonly validUntil: IsoDate;
}

/** A person with hukou in exactly one household (户籍在册). */
export interface Registered extends Identity {
  readonly status: 'registered';
  readonly householdId: string;
  readonly regionCode: string;
  readonly relationToHead: RelationToHead;
  readonly registrationType: RegistrationType;
  /** The type first registered: statistics may still count by it (以历史数据库作为统计依据). */
  readonly originalRegistrationType: RegistrationType;
  readonly permits: readonly Permit[];
  readonly actualResidence?: { readonly regionCode: string; readonly since: IsoDate };
  /** An open release to another office (cleared by the move). */
  readonly release?: Release;
}

/** 已死亡注销: deregistered by death. Only corrections may follow. */
export interface Deceased extends Omit<Registered, 'status'> {
  readonly status: 'deceased';
  readonly dateOfDeath: IsoDate;
}

/** The state of a person's stream, keyed on status so the compiler sees every branch. */
export type PersonState = { readonly status: 'unregistered' } | Registered | Deceased;

export const initialPersonState = (): PersonState => ({ status: 'unregistered' });

const registered = (s: PersonState): Registered | undefined => (s.status === 'registered' ? s : undefined);

export const evolvePerson = (state: PersonState, event: PersonEvent): PersonState => {
  const r = registered(state);
  switch (event.type) {
    case 'BirthRegistered':
    case 'PersonRegistered': {
      const { citizenId, name, sex, dateOfBirth, householdId, regionCode, relationToHead, registrationType } = event.data;
      const placeOfBirth = event.type === 'BirthRegistered' ? event.data.placeOfBirth : undefined;
      return {
        status: 'registered', citizenId, name, sex, dateOfBirth, householdId, regionCode, relationToHead, registrationType,
        originalRegistrationType: registrationType, permits: [], ...(placeOfBirth ? { placeOfBirth } : {}),
      };
    }
    case 'HukouMigrated': {
      if (!r) return state;
      const { release: _used, ...rest } = r;
      return { ...rest, householdId: event.data.to.householdId, regionCode: event.data.to.regionCode, relationToHead: event.data.relationToHead };
    }
    case 'MigrationReleased': {
      const { releaseRef, to, consentRef, releasedOn, validUntil } = event.data;
      return r ? { ...r, release: { releaseRef, to, consentRef, releasedOn, validUntil } } : state;
    }
    case 'RegistrationTypeUnified':
      return r ? { ...r, registrationType: 'resident' } : state;
    case 'ResidencePermitIssued': {
      const { permitNo, residenceRegionCode, validFrom, validUntil } = event.data;
      return r ? { ...r, permits: [...r.permits, { permitNo, residenceRegionCode, validFrom, validUntil }] } : state;
    }
    case 'ResidencePermitRenewed':
      return r ? { ...r, permits: r.permits.map((p) => (p.permitNo === event.data.permitNo ? { ...p, validUntil: event.data.validUntil } : p)) } : state;
    case 'ResidencePermitCancelled':
      return r ? { ...r, permits: r.permits.filter((p) => p.permitNo !== event.data.permitNo) } : state;
    case 'ActualResidenceRegistered':
      return r ? { ...r, actualResidence: { regionCode: event.data.regionCode, since: event.data.since } } : state;
    case 'ActualResidenceEnded': {
      if (!r) return state;
      const { actualResidence: _ended, ...rest } = r;
      return rest;
    }
    case 'DeathRegistered':
      return r ? { ...r, status: 'deceased', dateOfDeath: event.data.dateOfDeath } : state;
    case 'RecordCorrected':
      return correct(state, event.data);
    case 'SettlementRefused':
    case 'FamilySettlementDecided':
    case 'FamilySettlementCompleted':
      return state; // records of decisions: they change nothing of the person's registration
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
};

type Correction = Extract<PersonEvent, { type: 'RecordCorrected' }>['data'];

/** A correction changes the current value; the event keeps the previous one. Withdrawing a death restores the registration. */
const correct = (state: PersonState, c: Correction): PersonState => {
  if (state.status === 'unregistered') return state;
  if (c.revokesDeath && state.status === 'deceased') {
    const { dateOfDeath: _revoked, ...rest } = state;
    return { ...rest, status: 'registered' };
  }
  switch (c.field) {
    case 'name': return { ...state, name: c.corrected };
    case 'sex': return { ...state, sex: c.corrected === 'male' ? 'male' : 'female' };
    case 'dateOfBirth': return { ...state, dateOfBirth: c.corrected };
    case 'placeOfBirth': return { ...state, placeOfBirth: c.corrected };
    case 'relationToHead': return { ...state, relationToHead: c.corrected as RelationToHead };
    case 'registrationType': return { ...state, registrationType: c.corrected as RegistrationType };
    case 'dateOfDeath': return state.status === 'deceased' ? { ...state, dateOfDeath: c.corrected } : state;
    default: {
      const _exhaustive: never = c.field;
      return _exhaustive;
    }
  }
};
