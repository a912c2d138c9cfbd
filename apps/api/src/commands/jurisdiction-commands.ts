import { jurisdictionStream } from '../../../../events';
import { type Infer } from '../../../../events/schema';
import { jurisdictionDecider, type JurisdictionCommand } from '../../../../libs/domain/src/jurisdiction/jurisdiction';
import { BUILTIN_POLICIES, policyRefOf } from '../../../../libs/domain/src/policy';
import { legalDateOf } from '../../../../libs/domain/src/shared/dates';
import { type Principal } from '../auth/jwt';
import { ApiError } from '../http/problem';
import { type CommandHeaders } from '../http/request';
import { type RegistryRuntime } from '../runtime';
import { assertKnownRegion } from './context';
import { type CommandResult, runCommand } from './runner';
import { type cutoverBody, type policyBody, type reclassifyBody } from './schemas';

/** 辖区 commands (admin): the unification cut-over, enacting a settlement policy, reclassifying a unit. */
export class JurisdictionCommands {
  constructor(private readonly runtime: RegistryRuntime) {}

  private async run(principal: Principal, headers: CommandHeaders, prefix: string, command: JurisdictionCommand): Promise<CommandResult> {
    assertKnownRegion(prefix.padEnd(12, '0'), 'path.prefix');
    const result = await runCommand(this.runtime, principal, headers, jurisdictionStream(prefix), jurisdictionDecider, command);
    this.runtime.contexts.jurisdictionsChanged(); // the next command sees the new cut-over at once
    return result;
  }

  private time(effectiveDate: string | undefined) {
    const now = new Date();
    return { effectiveDate: effectiveDate ?? legalDateOf(now), now };
  }

  declareCutover(principal: Principal, headers: CommandHeaders, prefix: string, body: Infer<typeof cutoverBody>): Promise<CommandResult> {
    return this.run(principal, headers, prefix, { type: 'DeclareUnificationCutover', jurisdiction: prefix, cutoverDate: body.cutoverDate, documentNo: body.documentNo, ...this.time(body.effectiveDate) });
  }

  /** Enacts a document of the registry's policy catalogue: the event records its id, version, document and content hash. */
  enactPolicy(principal: Principal, headers: CommandHeaders, prefix: string, body: Infer<typeof policyBody>): Promise<CommandResult> {
    const policy = BUILTIN_POLICIES.find((p) => p.id === body.policyId && String(p.version) === body.version);
    if (!policy) throw new ApiError(404, 'POLICY.NOT_FOUND', `no policy ${body.policyId} version ${body.version} in the catalogue`, [{ code: 'POLICY.NOT_FOUND', message: 'see GET /policies', path: 'policyId' }]);
    if (policy.jurisdiction !== prefix) throw new ApiError(422, 'POLICY.JURISDICTION_MISMATCH', `${policy.id} is ${policy.jurisdiction}'s policy, not ${prefix}'s`);
    const ref = policyRefOf(policy);
    return this.run(principal, headers, prefix, {
      type: 'EnactSettlementPolicy', jurisdiction: prefix, policyId: ref.id, version: ref.version, documentNo: ref.documentNo,
      policyEffectiveDate: policy.effectiveDate, contentHash: ref.contentHash, ...this.time(body.effectiveDate),
    });
  }

  reclassify(principal: Principal, headers: CommandHeaders, prefix: string, body: Infer<typeof reclassifyBody>): Promise<CommandResult> {
    const { effectiveDate, ...rest } = body;
    return this.run(principal, headers, prefix, { type: 'ReclassifyRegion', jurisdiction: prefix, ...rest, ...this.time(effectiveDate) });
  }
}
