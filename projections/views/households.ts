import { type HouseholdEvent, type HouseholdKind } from '../../events';
import { handles, type ProjectedEvent, type View } from '../view';

/** 户: a household as the registry holds it now. Its members are the `memberships` view. */
export interface HouseholdRow {
  readonly householdId: string;
  readonly kind: HouseholdKind;
  readonly status: 'active' | 'dissolved';
  readonly regionCode: string;
  readonly address: string;
  readonly head: string | null;
  readonly establishedOn: string;
  readonly dissolvedOn: string | null;
  /** The stream revision the row reflects (the ETag of the household). */
  readonly revision: number;
}

const TYPES = ['HouseholdEstablished', 'HouseholdHeadChanged', 'HouseholdAddressChanged', 'HouseholdDissolved'] as const;

const evolve = (row: HouseholdRow | null, p: ProjectedEvent): HouseholdRow | null => {
  const e = p.event as HouseholdEvent;
  if (e.type === 'HouseholdEstablished') {
    const { householdId, kind, regionCode, address, head } = e.data;
    return { householdId, kind, status: 'active', regionCode, address, head: head ?? null, establishedOn: p.effectiveDate, dissolvedOn: null, revision: p.revision };
  }
  if (!row) return row; // an event for a household never established: nothing to change (the log's order guarantees it)
  switch (e.type) {
    case 'HouseholdHeadChanged': return { ...row, head: e.data.newHead, revision: p.revision };
    case 'HouseholdAddressChanged': return { ...row, address: e.data.address, regionCode: e.data.regionCode, revision: p.revision };
    case 'HouseholdDissolved': return { ...row, status: 'dissolved', dissolvedOn: p.effectiveDate, revision: p.revision };
    default: {
      const _exhaustive: never = e;
      return _exhaustive;
    }
  }
};

/** The households view: one row per household stream. */
export const householdsView: View<HouseholdRow> = {
  name: 'households',
  canHandle: handles(TYPES),
  keyOf: (p) => (p.event as HouseholdEvent).data.householdId,
  evolve,
};
