import { Body, Controller, Inject, Param } from '@nestjs/common';
import { type Infer } from '../../../../events/schema';
import { type Principal } from '../auth/jwt';
import { Route } from '../http/operation';
import { Caller, type CommandHeaders, Headers } from '../http/request';
import { HouseholdCommands } from './household-commands';
import { COMMAND_RESPONSES, CREATE_RESPONSES, HOUSEHOLD } from './params';
import { type CommandResult } from './runner';
import { addressBody, dissolveBody, headBody, householdBody } from './schemas';

const tag = 'household commands';
const registrar = ['registrar', 'admin'] as const;
const command = { tag, roles: registrar, idempotent: true, ifMatch: true, params: HOUSEHOLD, responses: COMMAND_RESPONSES };

/** 户: establish, change head, change address, dissolve. */
@Controller('households')
export class HouseholdsController {
  constructor(@Inject(HouseholdCommands) private readonly households: HouseholdCommands) {}

  @Route('POST', '', { tag, roles: registrar, idempotent: true, summary: 'Establish a household', description: '立户 (family, collective, or community collective household 社区公共户口)', body: householdBody, responses: CREATE_RESPONSES })
  establish(@Caller() caller: Principal, @Headers() headers: CommandHeaders, @Body() body: Infer<typeof householdBody>): Promise<CommandResult> {
    return this.households.establish(caller, headers, body);
  }

  @Route('PUT', ':householdId/head', { ...command, summary: 'Change the head of household', description: '变更户主', body: headBody })
  changeHead(@Caller() caller: Principal, @Headers() headers: CommandHeaders, @Param('householdId') id: string, @Body() body: Infer<typeof headBody>): Promise<CommandResult> {
    return this.households.changeHead(caller, headers, id, body);
  }

  @Route('PUT', ':householdId/address', { ...command, summary: 'Change the address', description: '住址变动', body: addressBody })
  changeAddress(@Caller() caller: Principal, @Headers() headers: CommandHeaders, @Param('householdId') id: string, @Body() body: Infer<typeof addressBody>): Promise<CommandResult> {
    return this.households.changeAddress(caller, headers, id, body);
  }

  @Route('POST', ':householdId/dissolution', { ...command, summary: 'Dissolve a household', description: '销户 (only without members)', body: dissolveBody })
  dissolve(@Caller() caller: Principal, @Headers() headers: CommandHeaders, @Param('householdId') id: string, @Body() body: Infer<typeof dissolveBody>): Promise<CommandResult> {
    return this.households.dissolve(caller, headers, id, body);
  }
}
