import { type HouseholdKind, type RegistrationType, type Sex } from '../../../../events';
import { type HouseholdState } from '../household/household';
import { type PersonState } from '../person/state';
import { type HouseholdContext } from '../shared/context';
import { type IsoDate } from '../shared/dates';
import { cutoverOf, type Group } from './geography';
import { type CitizenIdAllocator, type HouseholdIds } from './ids';
import { type Ledger, type Tracked } from './ledger';
import { type Act } from './acts';
import { type Random } from './random';

/** What the whole generation shares: the seeded source, the ledger, the allocators, the collective households. */
export interface World {
  readonly random: Random;
  readonly ledger: Ledger;
  readonly groups: readonly Group[];
  readonly ids: CitizenIdAllocator;
  readonly householdIds: HouseholdIds;
  /** The ids of the collective households established so far (社区公共户口 `hc-`, institutions' 集体户 `hi-`): on the start date, for the whole run. */
  readonly collectives: Set<string>;
  /** 普查标准时点: the backcast decides everything up to this day; the yearly chances start after it. */
  readonly census: IsoDate;
  /** Plans an act for the unit being lived (set by `liveUnit`). */
  later: (date: IsoDate, run: (date: IsoDate) => void) => void;
  readonly now: Date;
  readonly start: IsoDate;
  readonly end: IsoDate;
  permits: number;
}

export interface SimPerson {
  readonly id: string;
  readonly sex: Sex;
  readonly dateOfBirth: IsoDate;
  readonly t: Tracked<PersonState>;
  householdId: string;
  spouse?: string;
  /** The day the registry recorded the person's registration, when later than it took effect (a birth registered late). */
  knownFrom?: IsoDate;
  permit?: { readonly permitNo: string; validUntil: IsoDate };
}

export interface SimHousehold {
  readonly id: string;
  readonly kind: HouseholdKind;
  readonly regionCode: string;
  readonly t: Tracked<HouseholdState>;
  /** Current members (not tracked for collective households, which are never dissolved here). */
  members: string[];
}

/** A source household and everyone who descends from it or moves out of it: simulated together, then dropped. */
export interface Unit {
  readonly persons: Map<string, SimPerson>;
  readonly households: Map<string, SimHousehold>;
  /** The acts planned for it before it is lived (the backcast). */
  readonly schedule: Act[];
}

export const isAlive = (p: SimPerson): boolean => p.t.state.status === 'registered';

export const regionOf = (p: SimPerson): string => (p.t.state.status === 'unregistered' ? '' : p.t.state.regionCode);

export const typeOf = (p: SimPerson): RegistrationType => (p.t.state.status === 'unregistered' ? 'resident' : p.t.state.registrationType);

export const contextOf = (h: SimHousehold): HouseholdContext =>
  h.t.state.status === 'none' ? { status: 'missing', householdId: h.id } : { status: h.t.state.status, householdId: h.id, regionCode: h.regionCode, kind: h.kind };

export const jurisdictionOf = (regionCode: string) => {
  const c = cutoverOf(regionCode);
  return c ? { cutoverDate: c.date, prefix: c.prefix } : {};
};

export { countyOf } from '../regions/codes';
