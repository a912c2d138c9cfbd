import { type SettlementPolicyContent, settlementPolicy } from '../../../../events/policy';
import { type SchemaProblem } from '../../../../events/schema';
import { type SettlementPolicy } from './model';

/** The model (`model.ts`, with its glossary) and the published JSON Schema (`events/policy.ts`) describe the same data: checked by the compiler. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<SettlementPolicy, SettlementPolicyContent> = true;
void sameShape;

/** Every way `value` is not a policy's content under the published schema (empty when it is one). */
export const policySchemaProblems = (value: unknown, path = 'policy'): SchemaProblem[] => settlementPolicy.check(value, path);

/** The published JSON Schema of a policy's content (draft 2020-12). */
export const POLICY_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://huji.example/schemas/settlement-policy/v1.json',
  title: '落户政策 (settlement policy content)',
  ...settlementPolicy.json,
} as const;
