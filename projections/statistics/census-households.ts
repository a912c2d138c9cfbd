import { type HouseholdKind, type PersonEvent } from '../../events';
import { evolvePerson, initialPersonState, type PersonState } from '../../libs/domain/src/person/state';
import { legalDateOf } from '../../libs/domain/src/shared/dates';
import { type ProjectedEvent } from '../view';

type Registered = Extract<PersonState, { status: 'registered' }>;

/**
 * 户别 on a date, as the registry can tell it: every person folded to that date (effective basis; on the
 * recorded basis only what had been recorded by then), the kind of each household, the basis of each
 * residence permit. Statistics by household need persons and households together, which the cube does not hold.
 */
export interface HouseholdsOn {
  readonly date: string;
  readonly persons: ReadonlyMap<string, PersonState>;
  readonly kinds: ReadonlyMap<string, HouseholdKind>;
  readonly permitBases: ReadonlyMap<string, string>;
}

/** Folds a history to `date` one event at a time (an import's worth of events need not be held); `recordedBy` (a legal day, Beijing) keeps only the events recorded by then, as the cube's recorded basis does. */
export class HouseholdsFold {
  private readonly persons = new Map<string, PersonState>();
  private readonly kinds = new Map<string, HouseholdKind>();
  private readonly permitBases = new Map<string, string>();

  constructor(private readonly date: string, private readonly recordedBy: string | null = null) {}

  add(e: ProjectedEvent): void {
    if (e.effectiveDate > this.date || (this.recordedBy !== null && legalDateOf(new Date(e.recordedAt)) > this.recordedBy)) return;
    if (e.event.type === 'HouseholdEstablished') this.kinds.set(e.event.data.householdId, e.event.data.kind);
    if (!e.stream.startsWith('person-')) return;
    const event = e.event as PersonEvent;
    if (event.type === 'ResidencePermitIssued') this.permitBases.set(event.data.permitNo, event.data.basis);
    this.persons.set(event.data.citizenId, evolvePerson(this.persons.get(event.data.citizenId) ?? initialPersonState(), event));
  }

  result(): HouseholdsOn {
    return { date: this.date, persons: this.persons, kinds: this.kinds, permitBases: this.permitBases };
  }
}

/** Folds a whole history to `date` (see `HouseholdsFold`). */
export const householdsOn = (events: Iterable<ProjectedEvent>, date: string, recordedBy: string | null = null): HouseholdsOn => {
  const fold = new HouseholdsFold(date, recordedBy);
  for (const e of events) fold.add(e);
  return fold.result();
};

/** Where a person lives on `date` and on what footing: an actual residence, else the latest permit valid that day, else the hukou. */
const dwellingOf = (s: Registered, date: string): { regionCode: string; permitNo?: string; actual?: boolean } => {
  if (s.actualResidence && s.actualResidence.since <= date) return { regionCode: s.actualResidence.regionCode, actual: true };
  const valid = s.permits.filter((p) => p.validFrom <= date && date <= p.validUntil).sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
  const permit = valid.at(-1);
  return permit && permit.residenceRegionCode !== s.regionCode ? { regionCode: permit.residenceRegionCode, permitNo: permit.permitNo } : { regionCode: s.regionCode };
};

/** The residents of an area by 户别, and the family households they form. */
export interface HouseholdFigures {
  readonly familyPersons: number;
  readonly collectivePersons: number;
  readonly familyHouseholds: number;
}

/**
 * 家庭户 and 集体户 of the residents (常住人口) of a region prefix. The census counts people where they live;
 * the registry knows the household they are registered in and why they live elsewhere, so:
 * - living at the hukou: the registered household's kind (family; collective or 社区公共户口 → collective);
 * - living elsewhere in the county (实际居住登记): their own home there — a family household of the registered
 *   household's members who live in that unit (a collective-household member stays collective);
 * - on a residence permit: for a stable residence (合法稳定住所) a family household of the registered
 *   household's members on permits in that unit; for employment or study (合法稳定就业, 连续就读) a collective one.
 */
export const householdFigures = (on: HouseholdsOn, prefix: string): HouseholdFigures => {
  const families = new Set<string>();
  let familyPersons = 0;
  let collectivePersons = 0;
  for (const s of on.persons.values()) {
    if (s.status !== 'registered') continue;
    const lives = dwellingOf(s, on.date);
    if (!lives.regionCode.startsWith(prefix)) continue;
    const registeredKind = on.kinds.get(s.householdId) ?? 'family';
    const family = lives.permitNo !== undefined ? on.permitBases.get(lives.permitNo) === 'stable-residence' : registeredKind === 'family';
    if (!family) {
      collectivePersons++;
      continue;
    }
    familyPersons++;
    families.add(lives.permitNo === undefined && !lives.actual ? s.householdId : `${s.householdId}@${lives.regionCode}`);
  }
  return { familyPersons, collectivePersons, familyHouseholds: families.size };
};
