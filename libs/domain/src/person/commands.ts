import { type PolicyRef, type RegistrationType, type RelationToHead, type Sex } from '../../../../events';
import { type CommandTime, type HouseholdContext, type JurisdictionContext } from '../shared/context';
import { type IsoDate } from '../shared/dates';
import { type Fact } from '../shared/time';

/** 出生登记. No birth permit (准生证) or fee receipt is part of it: the law forbids requiring one. */
export interface RegisterBirth extends CommandTime {
  readonly type: 'RegisterBirth';
  /** Allocated by the registry before deciding (see `allocateCitizenId`). */
  readonly citizenId: string;
  readonly name: string;
  readonly sex: Sex;
  readonly dateOfBirth: IsoDate;
  readonly placeOfBirth: string;
  readonly parents?: { readonly fatherId?: string; readonly motherId?: string };
  readonly household: HouseholdContext;
  readonly relationToHead: RelationToHead;
  /** Default `resident`; a historical type only before the jurisdiction's cut-over. */
  readonly registrationType?: RegistrationType;
  readonly jurisdiction: JurisdictionContext;
}

/** 无户口人员登记 or a historical import. */
export interface RegisterPerson extends CommandTime {
  readonly type: 'RegisterPerson';
  readonly citizenId: string;
  readonly name: string;
  readonly sex: Sex;
  readonly dateOfBirth: IsoDate;
  readonly household: HouseholdContext;
  readonly relationToHead: RelationToHead;
  readonly registrationType: RegistrationType;
  readonly reason: 'no-hukou' | 'historical-import' | 'returned-from-abroad' | 'other';
  readonly jurisdiction: JurisdictionContext;
}

/** What the settlement policy engine answered for the application (evaluated by the command handler). */
export type Admission =
  | { readonly outcome: 'admitted'; readonly category: string; readonly policy: PolicyRef | null; readonly ruleId: string | null }
  | { readonly outcome: 'refused'; readonly category: string; readonly code: string; readonly policy: PolicyRef | null; readonly unmet: readonly Unmet[] };

export interface Unmet {
  readonly ruleId?: string;
  readonly condition: string;
  readonly required?: string;
  readonly actual?: string;
  readonly clause?: string;
  readonly placeholder?: boolean;
}

/** 随迁: one family member as the family decision records them (decided by the engine on the member's own facts). */
export interface FamilyMemberDecision {
  readonly citizenId: string;
  readonly relation: 'spouse' | 'child' | 'parent';
  readonly follows: boolean;
  readonly reason?: string;
  readonly detail?: string;
  readonly facts: { readonly age: number; readonly minor: boolean; readonly married?: boolean; readonly hasIncome?: boolean; readonly coResiding: boolean };
  readonly evidence: readonly string[];
  readonly consentRef?: string;
  readonly from: { readonly householdId: string; readonly regionCode: string };
  readonly relationToHead: RelationToHead;
}

/** 户口迁移 by application: admitted → HukouMigrated; refused → SettlementRefused (recorded, then reported). */
export interface Migrate extends CommandTime {
  readonly type: 'Migrate';
  readonly applicationRef: string;
  /** The person (or the principal applicant they follow) applied: settlement is never imposed (被落户). */
  readonly ownApplication: boolean;
  /** The record of that will: the signed application or consent form. */
  readonly consentRef: string;
  readonly principalApplicant?: string;
  /** The household the person would join; it need not exist for a refused application. */
  readonly to: HouseholdContext;
  readonly destinationRegionCode: string;
  /** The destination's cut-over: a non-resident arriving after it is registered as resident with the move. */
  readonly destinationJurisdiction: JurisdictionContext & { readonly prefix?: string; readonly documentNo?: string };
  readonly relationToHead: RelationToHead;
  readonly admission: Admission;
  /** The household fact naming the person its head (立户 or 变更户主), read from their household's stream: the move may not precede it. */
  readonly headSince?: Fact;
  /** 随迁: the family decision, recorded first in the same append when the principal is admitted (the members move after). */
  readonly family?: { readonly clause: string; readonly members: readonly FamilyMemberDecision[] };
}

/** 随迁完成: records what became of each member of a family decision (once; allowed whatever became of the principal since). */
export interface CompleteFamilySettlement extends CommandTime {
  readonly type: 'CompleteFamilySettlement';
  readonly applicationRef: string;
  readonly members: readonly {
    readonly citizenId: string;
    readonly outcome: 'moved' | 'not-moved' | 'does-not-follow';
    readonly code?: string;
    readonly message?: string;
    readonly revision?: number;
  }[];
}

/** Records a refusal decided outside the engine (e.g. at the counter), with every unmet condition. */
export interface RefuseSettlement extends CommandTime {
  readonly type: 'RefuseSettlement';
  readonly applicationRef: string;
  readonly destinationRegionCode: string;
  readonly category: string;
  readonly unmet: readonly Unmet[];
}

/** 统一登记为居民户口 under the jurisdiction's declared cut-over. Idempotent. */
export interface UnifyRegistrationType extends CommandTime {
  readonly type: 'UnifyRegistrationType';
  readonly jurisdiction: JurisdictionContext & { readonly prefix: string; readonly documentNo: string };
}

export interface IssueResidencePermit extends CommandTime {
  readonly type: 'IssueResidencePermit';
  readonly permitNo: string;
  readonly residenceRegionCode: string;
  readonly validFrom: IsoDate;
  readonly validUntil: IsoDate;
  readonly basis: 'stable-employment' | 'stable-residence' | 'continuous-study';
}

export interface RenewResidencePermit extends CommandTime {
  readonly type: 'RenewResidencePermit';
  readonly permitNo: string;
  readonly validUntil: IsoDate;
}

export interface CancelResidencePermit extends CommandTime {
  readonly type: 'CancelResidencePermit';
  readonly permitNo: string;
  readonly reason: string;
}

export interface RegisterActualResidence extends CommandTime {
  readonly type: 'RegisterActualResidence';
  readonly regionCode: string;
  readonly address?: string;
}

export interface EndActualResidence extends CommandTime {
  readonly type: 'EndActualResidence';
}

/** 准予迁出: the registering office releases the person to settle in `to` (another office decides the settlement). */
export interface ReleaseForMigration extends CommandTime {
  readonly type: 'ReleaseForMigration';
  readonly releaseRef: string;
  readonly to: string;
  readonly consentRef: string;
  readonly validUntil: IsoDate;
}

/** 死亡注销 */
export interface RegisterDeath extends CommandTime {
  readonly type: 'RegisterDeath';
  readonly dateOfDeath: IsoDate;
  readonly placeOfDeath: string;
  readonly deathCertificateRef: string;
  /** The household fact naming the person its head (立户 or 变更户主), read from their household's stream: the death may not precede it. */
  readonly headSince?: Fact;
}

/** 户口项目更正: the previous value is taken from the stream, not from the caller. */
export interface CorrectRecord extends CommandTime {
  readonly type: 'CorrectRecord';
  readonly field: 'name' | 'sex' | 'dateOfBirth' | 'placeOfBirth' | 'relationToHead' | 'registrationType' | 'dateOfDeath';
  readonly corrected: string;
  readonly reason: string;
  readonly evidence: readonly string[];
  /** Only with `field: 'dateOfDeath'`: the death was registered in error. */
  readonly revokesDeath?: boolean;
  /** With `revokesDeath`: the household the withdrawal restores the person to (it must not have been dissolved since). */
  readonly household?: HouseholdContext;
  /** The cut-over where the person is registered: no correction may bring back a historical type after it. */
  readonly jurisdiction: JurisdictionContext;
}

export type PersonCommand =
  | RegisterBirth | RegisterPerson | Migrate | CompleteFamilySettlement | RefuseSettlement | UnifyRegistrationType
  | IssueResidencePermit | RenewResidencePermit | CancelResidencePermit
  | RegisterActualResidence | EndActualResidence | ReleaseForMigration | RegisterDeath | CorrectRecord;
