import { Body, Controller, Inject, Param } from '@nestjs/common';
import { type Infer } from '../../../../events/schema';
import { type Principal } from '../auth/jwt';
import { Route } from '../http/operation';
import { Caller, type CommandHeaders, Headers } from '../http/request';
import { JurisdictionCommands } from './jurisdiction-commands';
import { COMMAND_RESPONSES, JURISDICTION, POLICY } from './params';
import { type CommandResult } from './runner';
import { amendBody, cutoverBody, policyBody, reclassifyBody, repealBody } from './schemas';

const command = { tag: 'jurisdiction commands', roles: ['admin'] as const, idempotent: true, ifMatch: true, params: JURISDICTION, responses: COMMAND_RESPONSES };

/** 辖区: policy facts of a province, prefecture or county (admin only). */
@Controller('jurisdictions')
export class JurisdictionsController {
  constructor(@Inject(JurisdictionCommands) private readonly jurisdictions: JurisdictionCommands) {}

  @Route('POST', ':prefix/cutover', { ...command, summary: 'Declare the unification cut-over', description: '统一城乡户口登记制度: from this date only resident (居民户口) is registered', body: cutoverBody })
  declareCutover(@Caller() caller: Principal, @Headers() headers: CommandHeaders, @Param('prefix') prefix: string, @Body() body: Infer<typeof cutoverBody>): Promise<CommandResult> {
    return this.jurisdictions.declareCutover(caller, headers, prefix, body);
  }

  @Route('POST', ':prefix/policies', { ...command, summary: 'Enact a settlement policy', description: '落户政策施行: the full content (or a catalogue document), checked against the published schema and the floors of the superior documents in force — a breach is 422 listing every violation; idempotent for the same content', body: policyBody })
  enactPolicy(@Caller() caller: Principal, @Headers() headers: CommandHeaders, @Param('prefix') prefix: string, @Body() body: Infer<typeof policyBody>): Promise<CommandResult> {
    return this.jurisdictions.enactPolicy(caller, headers, prefix, body);
  }

  @Route('PUT', ':prefix/policies/:policyId', { ...command, params: POLICY, summary: 'Amend a settlement policy', description: '落户政策修订: a higher version, in force from its effective date (after the version it replaces); decisions dated before keep the old version', body: amendBody })
  amendPolicy(@Caller() caller: Principal, @Headers() headers: CommandHeaders, @Param('prefix') prefix: string, @Param('policyId') policyId: string, @Body() body: Infer<typeof amendBody>): Promise<CommandResult> {
    return this.jurisdictions.amendPolicy(caller, headers, prefix, policyId, body);
  }

  @Route('POST', ':prefix/policies/:policyId/repeal', { ...command, params: POLICY, summary: 'Repeal a settlement policy', description: '落户政策废止 from a date', body: repealBody })
  repealPolicy(@Caller() caller: Principal, @Headers() headers: CommandHeaders, @Param('prefix') prefix: string, @Param('policyId') policyId: string, @Body() body: Infer<typeof repealBody>): Promise<CommandResult> {
    return this.jurisdictions.repealPolicy(caller, headers, prefix, policyId, body);
  }

  @Route('POST', ':prefix/reclassifications', { ...command, summary: 'Reclassify a unit', description: '城乡属性调整 from the effective date', body: reclassifyBody })
  reclassify(@Caller() caller: Principal, @Headers() headers: CommandHeaders, @Param('prefix') prefix: string, @Body() body: Infer<typeof reclassifyBody>): Promise<CommandResult> {
    return this.jurisdictions.reclassify(caller, headers, prefix, body);
  }
}
