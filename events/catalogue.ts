import { type HouseholdEvent, householdAddressChanged, householdDissolved, householdEstablished, householdHeadChanged } from './household';
import {
  type JurisdictionEvent, regionReclassified, settlementPolicyAmended, settlementPolicyEnacted, settlementPolicyRepealed, unificationCutoverDeclared,
} from './jurisdiction';
import {
  actualResidenceEnded, actualResidenceRegistered, birthRegistered, deathRegistered, familySettlementCompleted, familySettlementDecided, hukouMigrated, migrationReleased, type PersonEvent, personRegistered,
  recordCorrected, registrationTypeUnified, residencePermitCancelled, residencePermitIssued, residencePermitRenewed, settlementRefused,
} from './person';
import { type JsonSchema, type Schema, type SchemaProblem } from './schema';
import { type StreamCategory } from './streams';

/** Every event of the registry. */
export type RegistryEvent = PersonEvent | HouseholdEvent | JurisdictionEvent;
export type RegistryEventType = RegistryEvent['type'];
export type EventOfType<T extends RegistryEventType> = Extract<RegistryEvent, { type: T }>;

/** One entry of the catalogue: where the event lives, its current schema version and its payload schema. */
export interface CatalogueEntry {
  readonly category: StreamCategory;
  readonly schemaVersion: number;
  /** The Chinese term, once (the code doubles as a glossary). */
  readonly term: string;
  readonly data: Schema<unknown>;
}

const entry = (category: StreamCategory, term: string, data: Schema<unknown>, schemaVersion = 1): CatalogueEntry => ({ category, term, data, schemaVersion });

/** 事件目录: the published contract. A type, once published, is never renamed or reshaped in place. */
export const CATALOGUE: { readonly [T in RegistryEventType]: CatalogueEntry } = {
  BirthRegistered: entry('person', '出生登记', birthRegistered),
  PersonRegistered: entry('person', '户口登记（无户口人员、历史数据导入）', personRegistered),
  HukouMigrated: entry('person', '户口迁移', hukouMigrated),
  SettlementRefused: entry('person', '落户申请不予受理', settlementRefused),
  FamilySettlementDecided: entry('person', '随迁决定', familySettlementDecided),
  FamilySettlementCompleted: entry('person', '随迁完成', familySettlementCompleted),
  RegistrationTypeUnified: entry('person', '统一登记为居民户口', registrationTypeUnified),
  ResidencePermitIssued: entry('person', '居住证签发', residencePermitIssued),
  ResidencePermitRenewed: entry('person', '居住证签注', residencePermitRenewed),
  ResidencePermitCancelled: entry('person', '居住证注销', residencePermitCancelled),
  ActualResidenceRegistered: entry('person', '实际居住登记', actualResidenceRegistered),
  ActualResidenceEnded: entry('person', '实际居住登记终止', actualResidenceEnded),
  MigrationReleased: entry('person', '准予迁出', migrationReleased),
  DeathRegistered: entry('person', '死亡注销', deathRegistered),
  RecordCorrected: entry('person', '户口项目变更更正', recordCorrected),
  HouseholdEstablished: entry('household', '立户', householdEstablished),
  HouseholdHeadChanged: entry('household', '变更户主', householdHeadChanged),
  HouseholdAddressChanged: entry('household', '住址变动', householdAddressChanged),
  HouseholdDissolved: entry('household', '销户', householdDissolved),
  UnificationCutoverDeclared: entry('jurisdiction', '统一城乡户口登记制度', unificationCutoverDeclared),
  SettlementPolicyEnacted: entry('jurisdiction', '落户政策施行', settlementPolicyEnacted, 2),
  SettlementPolicyAmended: entry('jurisdiction', '落户政策修订', settlementPolicyAmended),
  SettlementPolicyRepealed: entry('jurisdiction', '落户政策废止', settlementPolicyRepealed),
  RegionReclassified: entry('jurisdiction', '城乡属性调整', regionReclassified),
};

export const EVENT_TYPES = Object.keys(CATALOGUE) as readonly RegistryEventType[];

export const isRegistryEventType = (type: string): type is RegistryEventType => Object.hasOwn(CATALOGUE, type);

/** The published JSON Schema of one event type's payload (draft 2020-12). */
export const jsonSchemaOf = (type: RegistryEventType): JsonSchema => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `https://huji.example/events/${type}/v${CATALOGUE[type].schemaVersion}.json`,
  title: `${type} (${CATALOGUE[type].term})`,
  'x-stream-category': CATALOGUE[type].category,
  'x-schema-version': CATALOGUE[type].schemaVersion,
  ...CATALOGUE[type].data.json,
});

/** Every way an event's payload violates its published schema (an unknown type is one problem). */
export const eventProblems = (type: string, data: unknown): SchemaProblem[] =>
  isRegistryEventType(type) ? CATALOGUE[type].data.check(data, '') : [{ code: 'EVENT.SCHEMA', path: 'type', message: `${type} is not an event of the catalogue` }];
