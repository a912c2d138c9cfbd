import { jurisdictionStream } from '../../../../events';
import { type Infer } from '../../../../events/schema';
import { jurisdictionDecider, type JurisdictionCommand } from '../../../../libs/domain/src/jurisdiction/jurisdiction';
import { BUILTIN_POLICIES, type SettlementPolicy } from '../../../../libs/domain/src/policy';
import { legalDateOf } from '../../../../libs/domain/src/shared/dates';
import { superiorFloorsFor } from '../../../../libs/registry/src/jurisdictions';
import { type Principal } from '../auth/jwt';
import { ApiError } from '../http/problem';
import { type CommandHeaders } from '../http/request';
import { type RegistryRuntime } from '../runtime';
import { assertKnownRegion } from './context';
import { type CommandResult, runCommand } from './runner';
import { type amendBody, type cutoverBody, type policyBody, type reclassifyBody, type repealBody } from './schemas';

const POLICY_LEVELS = [2, 4, 6];

/** 辖区 commands (admin): the unification cut-over, a settlement policy's enactment, amendment and repeal, reclassifying a unit. */
export class JurisdictionCommands {
  constructor(private readonly runtime: RegistryRuntime) {}

  private async run(principal: Principal, headers: CommandHeaders, prefix: string, command: JurisdictionCommand): Promise<CommandResult> {
    assertKnownRegion(prefix.padEnd(12, '0'), 'path.prefix');
    try {
      return await runCommand(this.runtime, principal, headers, jurisdictionStream(prefix), jurisdictionDecider, command);
    } finally {
      this.runtime.contexts.jurisdictionsChanged(); // the next command sees the new cut-over and policies at once
    }
  }

  private time(effectiveDate: string | undefined, inForceFrom?: string) {
    const now = new Date();
    const today = legalDateOf(now);
    // A fact is dated when it took effect, never later than today: a policy enacted ahead of its date is recorded today.
    return { effectiveDate: effectiveDate ?? (inForceFrom !== undefined && inForceFrom < today ? inForceFrom : today), now };
  }

  /** Policies are issued by provinces, prefectures and counties (2, 4 or 6 digits). */
  private assertPolicyLevel(prefix: string): void {
    if (!POLICY_LEVELS.includes(prefix.length))
      throw new ApiError(400, 'POLICY.JURISDICTION_LEVEL', `policies are enacted by a province, prefecture or county (2, 4 or 6 digits), not ${prefix}`, [{ code: 'POLICY.JURISDICTION_LEVEL', message: 'use a 2, 4 or 6-digit prefix', path: 'path.prefix' }]);
  }

  declareCutover(principal: Principal, headers: CommandHeaders, prefix: string, body: Infer<typeof cutoverBody>): Promise<CommandResult> {
    this.assertPolicyLevel(prefix);
    return this.run(principal, headers, prefix, { type: 'DeclareUnificationCutover', jurisdiction: prefix, cutoverDate: body.cutoverDate, documentNo: body.documentNo, ...this.time(body.effectiveDate) });
  }

  /** The content to enact: given in full, or a document of the catalogue by id and version (never both). */
  private contentOf(body: Infer<typeof policyBody>): SettlementPolicy {
    if (body.policy !== undefined && (body.policyId !== undefined || body.version !== undefined))
      throw new ApiError(400, 'POLICY.CONTENT_OR_CATALOGUE', 'give the policy\'s content, or a catalogue document by policyId and version, not both', [{ code: 'POLICY.CONTENT_OR_CATALOGUE', message: 'policy, or policyId with version', path: 'policy' }]);
    if (body.policy !== undefined) return body.policy;
    if (body.policyId === undefined || body.version === undefined)
      throw new ApiError(400, 'POLICY.CONTENT_OR_CATALOGUE', 'give the policy\'s content, or a catalogue document by policyId and version', [{ code: 'POLICY.CONTENT_OR_CATALOGUE', message: 'policy, or policyId with version', path: 'policyId' }]);
    const policy = BUILTIN_POLICIES.find((p) => p.id === body.policyId && String(p.version) === body.version);
    if (!policy) throw new ApiError(404, 'POLICY.NOT_FOUND', `no policy ${body.policyId} version ${body.version} in the catalogue`, [{ code: 'POLICY.NOT_FOUND', message: `the catalogue holds ${BUILTIN_POLICIES.map((p) => `${p.id} v${p.version}`).join(', ')} (GET /policies/catalogue)`, path: 'policyId' }]);
    return policy;
  }

  /**
   * 落户政策施行: the content is checked against the published schema, its structure, and the floors of the
   * superior documents in force on its date (as the log records them); the event carries it whole with its hash.
   */
  async enactPolicy(principal: Principal, headers: CommandHeaders, prefix: string, body: Infer<typeof policyBody>): Promise<CommandResult> {
    this.assertPolicyLevel(prefix);
    const policy = this.contentOf(body);
    return this.run(principal, headers, prefix, {
      type: 'EnactSettlementPolicy', jurisdiction: prefix, policy, superiorFloors: await superiorFloorsFor(this.runtime.store, { jurisdiction: prefix, effectiveDate: policy.effectiveDate }),
      ...this.time(body.effectiveDate, policy.effectiveDate),
    });
  }

  /** 落户政策修订: a new version of an enacted policy, in force from its own effectiveDate; decisions before it keep the old one. */
  async amendPolicy(principal: Principal, headers: CommandHeaders, prefix: string, policyId: string, body: Infer<typeof amendBody>): Promise<CommandResult> {
    this.assertPolicyLevel(prefix);
    const policy = body.policy;
    if (policy.id !== policyId) throw new ApiError(400, 'POLICY.ID_MISMATCH', `the content is policy ${policy.id}, the path names ${policyId}`, [{ code: 'POLICY.ID_MISMATCH', message: 'the content\'s id must be the path\'s', path: 'policy.id' }]);
    return this.run(principal, headers, prefix, {
      type: 'AmendSettlementPolicy', jurisdiction: prefix, policy, reason: body.reason, superiorFloors: await superiorFloorsFor(this.runtime.store, { jurisdiction: prefix, effectiveDate: policy.effectiveDate }),
      ...this.time(body.effectiveDate, policy.effectiveDate),
    });
  }

  /** 落户政策废止 from a date: applications dated on or after it are no longer decided by the policy. */
  repealPolicy(principal: Principal, headers: CommandHeaders, prefix: string, policyId: string, body: Infer<typeof repealBody>): Promise<CommandResult> {
    this.assertPolicyLevel(prefix);
    return this.run(principal, headers, prefix, { type: 'RepealSettlementPolicy', jurisdiction: prefix, policyId, from: body.from, documentNo: body.documentNo, reason: body.reason, ...this.time(body.effectiveDate, body.from) });
  }

  reclassify(principal: Principal, headers: CommandHeaders, prefix: string, body: Infer<typeof reclassifyBody>): Promise<CommandResult> {
    const { effectiveDate, ...rest } = body;
    return this.run(principal, headers, prefix, { type: 'ReclassifyRegion', jurisdiction: prefix, ...rest, ...this.time(effectiveDate) });
  }
}
