import { type PersonEvent, type RelationToHead } from '../../events';
import { handles, type ProjectedEvent, type View } from '../view';

/**
 * 户成员: which household a person's hukou is in, keyed by person (membership is derived from person
 * events; household streams hold household-level facts only). A death ends the membership but keeps
 * the row, so a death withdrawn by correction restores it.
 */
export interface MembershipRow {
  readonly citizenId: string;
  readonly householdId: string;
  readonly relationToHead: RelationToHead;
  readonly since: string;
  readonly status: 'member' | 'deceased';
}

const TYPES = ['BirthRegistered', 'PersonRegistered', 'HukouMigrated', 'DeathRegistered', 'RecordCorrected'] as const;

const evolve = (row: MembershipRow | null, p: ProjectedEvent): MembershipRow | null => {
  const e = p.event as PersonEvent;
  switch (e.type) {
    case 'BirthRegistered':
    case 'PersonRegistered':
      return { citizenId: e.data.citizenId, householdId: e.data.householdId, relationToHead: e.data.relationToHead, since: p.effectiveDate, status: 'member' };
    case 'HukouMigrated':
      return { citizenId: e.data.citizenId, householdId: e.data.to.householdId, relationToHead: e.data.relationToHead, since: p.effectiveDate, status: 'member' };
    case 'DeathRegistered':
      return row && { ...row, status: 'deceased' };
    case 'RecordCorrected':
      if (!row) return row;
      if (e.data.revokesDeath) return { ...row, status: 'member' };
      return e.data.field === 'relationToHead' ? { ...row, relationToHead: e.data.corrected as RelationToHead } : row;
    case 'SettlementRefused':
    case 'FamilySettlementDecided':
    case 'FamilySettlementCompleted':
    case 'RegistrationTypeUnified':
    case 'ResidencePermitIssued':
    case 'ResidencePermitRenewed':
    case 'ResidencePermitCancelled':
    case 'ActualResidenceRegistered':
    case 'ActualResidenceEnded':
    case 'MigrationReleased':
      return row; // they do not change where the hukou is
    default: {
      const _exhaustive: never = e;
      return _exhaustive;
    }
  }
};

/** The memberships view: one row per person ever registered, pointing at their household. */
export const membershipsView: View<MembershipRow> = {
  name: 'memberships',
  canHandle: handles(TYPES),
  keyOf: (p) => (p.event as PersonEvent).data.citizenId,
  evolve,
};
