import { type EventOfType, type RegistryEventType } from '../catalogue';
import { type Rule } from './rules';

/**
 * 公开事件白名单 (the allow-list): for every event type, what a subscriber WITHOUT the personal-data grant
 * receives — each payload field with its rule (rules.ts). It is an allow-list: a field it does not name is
 * withheld, and the types below make the compiler refuse an event field left unclassified (the unit tests check
 * the same against the published JSON Schemas). Free text never passes: names, addresses, reasons typed by a
 * registrar, notes, clauses, details, evidence and every ref of a person's documents are `withhold`.
 */

type FieldOf<V> = Rule | (NonNullable<V> extends readonly (infer I)[] ? (I extends object ? readonly [ShapeOf<I>] : never) : NonNullable<V> extends object ? ShapeOf<NonNullable<V>> : never);

/** A rule for each field of `D`; a nested object gets a shape of its own, an array of objects `[shape of one item]`. */
export type ShapeOf<D> = { readonly [K in keyof D]-?: FieldOf<D[K]> };

/** The same, untyped: how the redaction and the schema generation walk it. */
export type Shape = { readonly [field: string]: Rule | Shape | readonly [Shape] };

export interface PublicForm<T extends RegistryEventType = RegistryEventType> {
  readonly data: ShapeOf<EventOfType<T>['data']>;
  /** The CloudEvents `effectivedate`: as recorded, or its month where the fact's date is a birth (or a death). */
  readonly effectiveDate: 'pass' | 'month';
}

const placement = { householdId: 'pass', regionCode: 'pass' } as const;
const policyRef = { id: 'code', version: 'code', documentNo: 'document-no', contentHash: 'pass' } as const;

/** 落户政策 (the policy's content) is withheld: clauses, notes and titles are free text; `contentHash` passes, so the published document can be checked against it. */
const policyEvent = { jurisdiction: 'pass', policyId: 'code', version: 'code', documentNo: 'document-no', effectiveDate: 'pass', contentHash: 'pass', policy: 'withhold' } as const;

export const ALLOW_LIST: { readonly [T in RegistryEventType]: PublicForm<T> } = {
  BirthRegistered: {
    data: {
      citizenId: 'pseudonym', name: 'withhold', sex: 'pass', dateOfBirth: 'month', placeOfBirth: 'withhold', parents: { fatherId: 'pseudonym', motherId: 'pseudonym' },
      householdId: 'pass', relationToHead: 'pass', regionCode: 'pass', registrationType: 'pass',
    },
    effectiveDate: 'month',
  },
  PersonRegistered: {
    data: {
      citizenId: 'pseudonym', name: 'withhold', sex: 'pass', dateOfBirth: 'month', householdId: 'pass', relationToHead: 'pass', regionCode: 'pass',
      registrationType: 'pass', reason: 'pass', note: 'withhold',
    },
    effectiveDate: 'month',
  },
  HukouMigrated: {
    data: {
      citizenId: 'pseudonym', from: placement, to: placement, relationToHead: 'pass', category: 'code', policy: policyRef, ruleId: 'code',
      applicationRef: 'withhold', ownApplication: 'pass', consentRef: 'withhold', principalApplicant: 'pseudonym',
    },
    effectiveDate: 'pass',
  },
  SettlementRefused: {
    data: {
      citizenId: 'pseudonym', applicationRef: 'withhold', destination: placement, category: 'code', policy: policyRef, code: 'code',
      unmet: [{ ruleId: 'code', condition: 'code', required: 'withhold', actual: 'withhold', clause: 'withhold', placeholder: 'pass' }],
    },
    effectiveDate: 'pass',
  },
  FamilySettlementDecided: {
    data: {
      citizenId: 'pseudonym', applicationRef: 'withhold', destination: placement, policy: policyRef, ruleId: 'code', category: 'code', clause: 'withhold',
      members: [{
        citizenId: 'pseudonym', relation: 'pass', follows: 'pass', reason: 'code', detail: 'withhold', facts: 'withhold', evidence: 'withhold', consentRef: 'withhold',
        from: placement, relationToHead: 'pass',
      }],
    },
    effectiveDate: 'pass',
  },
  FamilySettlementCompleted: {
    data: { citizenId: 'pseudonym', applicationRef: 'withhold', members: [{ citizenId: 'pseudonym', outcome: 'pass', code: 'code', message: 'withhold', revision: 'pass' }] },
    effectiveDate: 'pass',
  },
  RegistrationTypeUnified: {
    data: { citizenId: 'pseudonym', previousType: 'pass', newType: 'pass', cutover: { jurisdiction: 'pass', effectiveDate: 'pass', documentNo: 'document-no' } },
    effectiveDate: 'pass',
  },
  ResidencePermitIssued: {
    data: { citizenId: 'pseudonym', permitNo: 'withhold', residenceRegionCode: 'pass', validFrom: 'pass', validUntil: 'pass', basis: 'pass' },
    effectiveDate: 'pass',
  },
  ResidencePermitRenewed: { data: { citizenId: 'pseudonym', permitNo: 'withhold', validUntil: 'pass' }, effectiveDate: 'pass' },
  ResidencePermitCancelled: { data: { citizenId: 'pseudonym', permitNo: 'withhold', reason: 'withhold' }, effectiveDate: 'pass' },
  ActualResidenceRegistered: { data: { citizenId: 'pseudonym', regionCode: 'pass', since: 'pass', address: 'withhold' }, effectiveDate: 'pass' },
  ActualResidenceEnded: { data: { citizenId: 'pseudonym', regionCode: 'pass', until: 'pass' }, effectiveDate: 'pass' },
  MigrationReleased: {
    data: { citizenId: 'pseudonym', releaseRef: 'withhold', to: 'pass', consentRef: 'withhold', releasedOn: 'pass', validUntil: 'pass' },
    effectiveDate: 'pass',
  },
  DeathRegistered: { data: { citizenId: 'pseudonym', dateOfDeath: 'month', placeOfDeath: 'withhold', deathCertificateRef: 'withhold' }, effectiveDate: 'month' },
  RecordCorrected: {
    data: { citizenId: 'pseudonym', field: 'pass', previous: 'correction', corrected: 'correction', reason: 'withhold', evidence: 'withhold', revokesDeath: 'pass' },
    effectiveDate: 'pass',
  },
  HouseholdEstablished: { data: { householdId: 'pass', kind: 'pass', regionCode: 'pass', address: 'withhold', head: 'pseudonym' }, effectiveDate: 'pass' },
  // A head changed on the death of the head, a household dissolved when its last member died: the day is a death's day.
  HouseholdHeadChanged: { data: { householdId: 'pass', previousHead: 'pseudonym', newHead: 'pseudonym', reason: 'pass' }, effectiveDate: 'month' },
  HouseholdAddressChanged: {
    data: { householdId: 'pass', previousAddress: 'withhold', address: 'withhold', previousRegionCode: 'pass', regionCode: 'pass' },
    effectiveDate: 'pass',
  },
  HouseholdDissolved: { data: { householdId: 'pass', reason: 'pass' }, effectiveDate: 'month' },
  UnificationCutoverDeclared: { data: { jurisdiction: 'pass', effectiveDate: 'pass', documentNo: 'document-no' }, effectiveDate: 'pass' },
  SettlementPolicyEnacted: { data: policyEvent, effectiveDate: 'pass' },
  SettlementPolicyAmended: { data: { ...policyEvent, previousVersion: 'code', previousContentHash: 'pass', reason: 'withhold' }, effectiveDate: 'pass' },
  SettlementPolicyRepealed: {
    data: { jurisdiction: 'pass', policyId: 'code', version: 'code', contentHash: 'pass', effectiveDate: 'pass', documentNo: 'document-no', reason: 'withhold' },
    effectiveDate: 'pass',
  },
  RegionReclassified: {
    data: { jurisdiction: 'pass', region: 'pass', effectiveFrom: 'pass', class: 'pass', name: 'withhold', parent: 'pass', reason: 'withhold' },
    effectiveDate: 'pass',
  },
};

/** The allow-list of one type, untyped (for the walks). */
export const shapeOf = (type: RegistryEventType): Shape => ALLOW_LIST[type].data;
