import { type UpcastContext } from '../../../../events';
import { policyRefOf } from './content-hash';
import { BUILTIN_POLICIES } from './documents';

/**
 * What the upcasters need from the registry's catalogue: the content of a built-in document by its recorded
 * id, version and hash (SettlementPolicyEnacted v1 carried only the reference; every such event enacted one
 * of these documents, byte for byte).
 */
export const CATALOGUE_CONTENT: UpcastContext = {
  policyContent: (ref) => BUILTIN_POLICIES.find((p) => p.id === ref.policyId && String(p.version) === ref.version && policyRefOf(p).contentHash === ref.contentHash),
};
