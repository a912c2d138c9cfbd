import { Body, Controller, Inject, Param } from '@nestjs/common';
import { type Infer } from '../../../../events/schema';
import { type Principal } from '../auth/jwt';
import { Route } from '../http/operation';
import { Caller, type CommandHeaders, Headers } from '../http/request';
import { RegistryRuntime } from '../runtime';
import { CITIZEN, COMMAND_RESPONSES, CREATE_RESPONSES, PERMIT } from './params';
import { PersonCommands } from './person-commands';
import { type CommandResult } from './runner';
import {
  actualResidenceBody, birthBody, cancelPermitBody, correctionBody, deathBody, endResidenceBody, permitBody, personBody, releaseBody, renewBody, settlementBody, unifyBody,
} from './schemas';
import { applyForSettlement } from './settlement';
import { FamilySettlements } from '../jobs/family-settlements';

const tag = 'person commands';
const registrar = ['registrar', 'admin'] as const;
const command = { tag, roles: registrar, idempotent: true, ifMatch: true, params: CITIZEN, responses: COMMAND_RESPONSES };

/** 人口登记: one route per person command; each line hands the checked body to the command service. */
@Controller('persons')
export class PersonsController {
  constructor(
    @Inject(PersonCommands) private readonly persons: PersonCommands,
    @Inject(RegistryRuntime) private readonly runtime: RegistryRuntime,
    @Inject(FamilySettlements) private readonly families: FamilySettlements,
  ) {}

  @Route('POST', 'births', { tag, roles: registrar, idempotent: true, summary: 'Register a birth', description: '出生登记. The citizen id is allocated and returned. Never asks for a birth permit or fee receipt.', body: birthBody, responses: CREATE_RESPONSES })
  registerBirth(@Caller() caller: Principal, @Headers() headers: CommandHeaders, @Body() body: Infer<typeof birthBody>): Promise<CommandResult> {
    return this.persons.registerBirth(caller, headers, body);
  }

  @Route('POST', '', { tag, roles: registrar, idempotent: true, summary: 'Register a person without hukou', description: '无户口人员登记, a returned or imported record', body: personBody, responses: CREATE_RESPONSES })
  registerPerson(@Caller() caller: Principal, @Headers() headers: CommandHeaders, @Body() body: Infer<typeof personBody>): Promise<CommandResult> {
    return this.persons.registerPerson(caller, headers, body);
  }

  @Route('POST', ':citizenId/settlement-applications', { ...command, summary: 'Apply for settlement (with the family following)', description: '落户申请: admitted → the hukou moves; refused → 422 with every unmet condition, and the refusal is recorded. With `followers` (随迁): one decision for the family — each member decided under the destination document\'s follower rule on their own facts, minority from the registry\'s date of birth — recorded first, then each admitted member moves; `family.members` lists every outcome. A refused member does not refuse the family.', body: settlementBody })
  applyForSettlement(@Caller() caller: Principal, @Headers() headers: CommandHeaders, @Param('citizenId') id: string, @Body() body: Infer<typeof settlementBody>): Promise<CommandResult> {
    return applyForSettlement(this.runtime, this.families, caller, headers, id, body);
  }

  @Route('POST', ':citizenId/unification', { ...command, summary: 'Unify the registration type', description: '统一登记为居民户口 under the declared cut-over (idempotent)', body: unifyBody })
  unify(@Caller() caller: Principal, @Headers() headers: CommandHeaders, @Param('citizenId') id: string, @Body() body: Infer<typeof unifyBody>): Promise<CommandResult> {
    return this.persons.unify(caller, headers, id, body);
  }

  @Route('POST', ':citizenId/residence-permits', { ...command, summary: 'Issue a residence permit', description: '居住证签发', body: permitBody })
  issuePermit(@Caller() caller: Principal, @Headers() headers: CommandHeaders, @Param('citizenId') id: string, @Body() body: Infer<typeof permitBody>): Promise<CommandResult> {
    return this.persons.issuePermit(caller, headers, id, body);
  }

  @Route('PUT', ':citizenId/residence-permits/:permitNo', { ...command, params: PERMIT, summary: 'Renew a residence permit', description: '居住证签注', body: renewBody })
  renewPermit(@Caller() caller: Principal, @Headers() headers: CommandHeaders, @Param('citizenId') id: string, @Param('permitNo') permitNo: string, @Body() body: Infer<typeof renewBody>): Promise<CommandResult> {
    return this.persons.renewPermit(caller, headers, id, permitNo, body);
  }

  @Route('POST', ':citizenId/residence-permits/:permitNo/cancellation', { ...command, params: PERMIT, summary: 'Cancel a residence permit', description: '居住证注销', body: cancelPermitBody })
  cancelPermit(@Caller() caller: Principal, @Headers() headers: CommandHeaders, @Param('citizenId') id: string, @Param('permitNo') permitNo: string, @Body() body: Infer<typeof cancelPermitBody>): Promise<CommandResult> {
    return this.persons.cancelPermit(caller, headers, id, permitNo, body);
  }

  @Route('POST', ':citizenId/actual-residence', { ...command, summary: 'Register the actual residence', description: '实际居住登记', body: actualResidenceBody })
  registerActualResidence(@Caller() caller: Principal, @Headers() headers: CommandHeaders, @Param('citizenId') id: string, @Body() body: Infer<typeof actualResidenceBody>): Promise<CommandResult> {
    return this.persons.registerActualResidence(caller, headers, id, body);
  }

  @Route('POST', ':citizenId/actual-residence/end', { ...command, summary: 'End the actual residence registration', description: '实际居住登记终止', body: endResidenceBody })
  endActualResidence(@Caller() caller: Principal, @Headers() headers: CommandHeaders, @Param('citizenId') id: string, @Body() body: Infer<typeof endResidenceBody>): Promise<CommandResult> {
    return this.persons.endActualResidence(caller, headers, id, body);
  }

  @Route('POST', ':citizenId/migration-releases', { ...command, summary: 'Release a person to settle elsewhere', description: '准予迁出: the office where the person is registered releases them to settle in another region; that region\'s office may then decide a settlement application quoting the same consent reference, until validUntil. Only the registering office may release.', body: releaseBody })
  releaseForMigration(@Caller() caller: Principal, @Headers() headers: CommandHeaders, @Param('citizenId') id: string, @Body() body: Infer<typeof releaseBody>): Promise<CommandResult> {
    return this.persons.releaseForMigration(caller, headers, id, body);
  }

  @Route('POST', ':citizenId/death', { ...command, summary: 'Register a death', description: '死亡注销: the person is deregistered', body: deathBody })
  registerDeath(@Caller() caller: Principal, @Headers() headers: CommandHeaders, @Param('citizenId') id: string, @Body() body: Infer<typeof deathBody>): Promise<CommandResult> {
    return this.persons.registerDeath(caller, headers, id, body);
  }

  @Route('POST', ':citizenId/corrections', { ...command, summary: 'Correct a record', description: '户口项目更正 (history keeps the previous value)', body: correctionBody })
  correct(@Caller() caller: Principal, @Headers() headers: CommandHeaders, @Param('citizenId') id: string, @Body() body: Infer<typeof correctionBody>): Promise<CommandResult> {
    return this.persons.correct(caller, headers, id, body);
  }
}
