import { householdId, regionPrefix, text } from '../../../../events/common';
import { string } from '../../../../events/schema';
import { validCitizenId } from '../http/citizen-id';
import { type ParameterSpec } from '../http/operation';

/** Path parameters shared by the routes (checked like bodies, listed in OpenAPI). */
export const CITIZEN: Record<string, ParameterSpec> = { citizenId: { schema: validCitizenId(), description: '公民身份号码 (18 characters, GB 11643-1999)', required: true } };
export const HOUSEHOLD: Record<string, ParameterSpec> = { householdId: { schema: householdId, description: '户号', required: true } };
export const JURISDICTION: Record<string, ParameterSpec> = { prefix: { schema: regionPrefix, description: 'the jurisdiction: a region code prefix (2, 4 or 6 digits)', required: true } };
export const POLICY: Record<string, ParameterSpec> = { ...JURISDICTION, policyId: { schema: string({ maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', formatHint: 'a policy id' }), description: 'the policy id (e.g. zhengzhou-2017)', required: true } };
export const PERMIT: Record<string, ParameterSpec> = { ...CITIZEN, permitNo: { schema: text(40), description: '居住证号', required: true } };

/** The answers every command may give besides problems. */
export const COMMAND_RESPONSES = { 200: 'the events appended (or, on an Idempotency-Key retry, those appended the first time); ETag is the stream revision' } as const;
export const CREATE_RESPONSES = { 201: 'created: the events appended; Location names the new resource, ETag its stream revision' } as const;
