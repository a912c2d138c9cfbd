import { type HouseholdEvent, type PersonEvent } from '../../events';
import { handles, type ProjectedEvent, type View } from '../view';

/** What an entry of a household's history says happened to it. */
export type HouseholdChange = 'established' | 'head-changed' | 'address-changed' | 'dissolved' | 'joined' | 'left' | 'died' | 'death-withdrawn';

/** 户历史: one event in a household's history (its own, or a member joining or leaving), pointing at the event. */
export interface HouseholdEntry {
  readonly householdId: string;
  readonly citizenId: string | null;
  readonly change: HouseholdChange;
  readonly eventType: string;
  readonly stream: string;
  readonly revision: number;
  readonly effectiveDate: string;
  readonly recordedAt: string;
}

/**
 * What the audit checks need of a person (应销未销 candidates): where the hukou is, whether registered,
 * and the identity that a duplicate registration (一人多户) would share.
 */
export interface AuditPersonRow {
  readonly citizenId: string;
  readonly householdId: string;
  readonly regionCode: string;
  readonly status: 'registered' | 'deceased';
  readonly name: string;
  readonly sex: string;
  readonly dateOfBirth: string;
}

/** Name, sex and date of birth: two registered records sharing it are a suspected duplicate. */
export const identityKeyOf = (r: Pick<AuditPersonRow, 'name' | 'sex' | 'dateOfBirth'>): string => `${r.name}|${r.sex}|${r.dateOfBirth}`;

const PERSON_TYPES = ['BirthRegistered', 'PersonRegistered', 'HukouMigrated', 'DeathRegistered', 'RecordCorrected'] as const;

const evolvePerson = (row: AuditPersonRow | null, p: ProjectedEvent): AuditPersonRow | null => {
  const e = p.event as PersonEvent;
  switch (e.type) {
    case 'BirthRegistered':
    case 'PersonRegistered': {
      const { citizenId, householdId, regionCode, name, sex, dateOfBirth } = e.data;
      return { citizenId, householdId, regionCode, status: 'registered', name, sex, dateOfBirth };
    }
    case 'HukouMigrated': return row && { ...row, householdId: e.data.to.householdId, regionCode: e.data.to.regionCode };
    case 'DeathRegistered': return row && { ...row, status: 'deceased' };
    case 'RecordCorrected': {
      if (!row) return row;
      if (e.data.revokesDeath) return { ...row, status: 'registered' };
      const field = e.data.field;
      return field === 'name' || field === 'sex' || field === 'dateOfBirth' ? { ...row, [field]: e.data.corrected } : row;
    }
    case 'SettlementRefused': case 'FamilySettlementDecided': case 'FamilySettlementCompleted': case 'RegistrationTypeUnified': case 'ResidencePermitIssued': case 'ResidencePermitRenewed': case 'ResidencePermitCancelled':
    case 'ActualResidenceRegistered': case 'ActualResidenceEnded': case 'MigrationReleased':
      return row; // not among the types this view handles
    default: {
      const _exhaustive: never = e;
      return _exhaustive;
    }
  }
};

const entry = (p: ProjectedEvent, householdId: string, citizenId: string | null, change: HouseholdChange): HouseholdEntry => ({
  householdId, citizenId, change, eventType: p.event.type, stream: p.stream, revision: p.revision, effectiveDate: p.effectiveDate, recordedAt: p.recordedAt,
});

/** The household entries of a person event: who joined or left which household. */
const personEntries = (before: AuditPersonRow | null, after: AuditPersonRow | null, p: ProjectedEvent): HouseholdEntry[] => {
  if (!after) return [];
  const id = after.citizenId;
  if (!before) return [entry(p, after.householdId, id, 'joined')];
  if (before.householdId !== after.householdId) return [entry(p, before.householdId, id, 'left'), entry(p, after.householdId, id, 'joined')];
  if (before.status !== after.status) return [entry(p, after.householdId, id, after.status === 'deceased' ? 'died' : 'death-withdrawn')];
  return [];
};

/** 审计索引 (persons): one row per person for the 应销未销 checks, and the membership entries of household histories. */
export const auditPersonsView: View<AuditPersonRow, HouseholdEntry> = {
  name: 'audit-persons',
  canHandle: handles(PERSON_TYPES),
  keyOf: (p) => (p.event as PersonEvent).data.citizenId,
  evolve: evolvePerson,
  emit: personEntries,
};

const HOUSEHOLD_CHANGES: Record<HouseholdEvent['type'], HouseholdChange> = {
  HouseholdEstablished: 'established', HouseholdHeadChanged: 'head-changed', HouseholdAddressChanged: 'address-changed', HouseholdDissolved: 'dissolved',
};

/** 审计索引 (households): the household's own events as history entries; it keeps no row. */
export const auditHouseholdsView: View<null, HouseholdEntry> = {
  name: 'audit-households',
  canHandle: handles(Object.keys(HOUSEHOLD_CHANGES) as HouseholdEvent['type'][]),
  keyOf: (p) => (p.event as HouseholdEvent).data.householdId,
  evolve: () => null,
  emit: (_before, _after, p) => {
    const e = p.event as HouseholdEvent;
    return [entry(p, e.data.householdId, null, HOUSEHOLD_CHANGES[e.type])];
  },
};
