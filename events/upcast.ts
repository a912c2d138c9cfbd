import { type SettlementPolicyContent } from './policy';
import { type settlementPolicyEnactedV1 } from './jurisdiction';
import { CATALOGUE, isRegistryEventType, type RegistryEvent } from './catalogue';
import { type Infer } from './schema';

/**
 * 升级 (upcasting): an event stored under an older schema version is read in the current shape; the stored
 * bytes never change (history is never rewritten). One upcaster per (type, version) step, each with a test.
 */

/** What an upcaster may need that the old event did not carry: a policy's content by its reference. */
export interface UpcastContext {
  /** The content of a policy the registry's catalogue holds, by id, version and content hash; undefined when unknown. */
  readonly policyContent: (ref: { readonly policyId: string; readonly version: string; readonly contentHash: string }) => SettlementPolicyContent | undefined;
}

/** Why an old event could not be read in the current shape. */
export class UpcastError extends Error {
  constructor(readonly type: string, readonly fromVersion: number, message: string) {
    super(message);
    this.name = 'UpcastError';
  }
}

type Upcaster = (data: unknown, context: UpcastContext) => unknown;

/**
 * SettlementPolicyEnacted v1 → v2: version 1 recorded only the reference (id, version, 文号, hash) of a policy of
 * the registry's own catalogue; version 2 carries the content. The content is the catalogue's document whose hash
 * is the recorded one — so the upcast adds exactly the bytes that were enacted, or fails if they are unknown.
 */
const enactedV1toV2: Upcaster = (data, context) => {
  const v1 = data as Infer<typeof settlementPolicyEnactedV1>;
  const policy = context.policyContent(v1);
  if (!policy) throw new UpcastError('SettlementPolicyEnacted', 1, `policy ${v1.policyId} version ${v1.version} (${v1.contentHash.slice(0, 12)}…) is not in the catalogue: its content cannot be read`);
  return { ...v1, policy };
};

const UPCASTERS: Readonly<Record<string, Readonly<Record<number, Upcaster>>>> = {
  SettlementPolicyEnacted: { 1: enactedV1toV2 },
};

/** The payload of a stored event in its type's current schema version (applying each upcaster in turn). */
export const upcast = (type: string, schemaVersion: number, data: unknown, context: UpcastContext): unknown => {
  if (!isRegistryEventType(type)) return data;
  let version = schemaVersion;
  let current = data;
  while (version < CATALOGUE[type].schemaVersion) {
    const step = UPCASTERS[type]?.[version];
    if (!step) throw new UpcastError(type, version, `no upcaster for ${type} from schema version ${version}`);
    current = step(current, context);
    version++;
  }
  return current;
};

/** A stored event (type, payload, metadata's schemaVersion) as the current typed event. */
export const decodeEvent = (stored: { readonly type: string; readonly data: unknown; readonly metadata: { readonly [key: string]: unknown } }, context: UpcastContext): RegistryEvent => {
  const version = typeof stored.metadata.schemaVersion === 'number' ? stored.metadata.schemaVersion : 1;
  return { type: stored.type, data: upcast(stored.type, version, stored.data, context) } as RegistryEvent;
};
