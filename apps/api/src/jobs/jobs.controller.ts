import { Body, Controller, Inject, Param } from '@nestjs/common';
import { type Infer } from '../../../../events/schema';
import { string } from '../../../../events/schema';
import { type Principal } from '../auth/jwt';
import { JURISDICTION } from '../commands/params';
import { unificationJobBody } from '../commands/schemas';
import { Route } from '../http/operation';
import { Caller } from '../http/request';
import { type JobView, UnificationJobs } from './unification-job';

/** Long commands as resumable jobs (admin). */
@Controller()
export class JobsController {
  constructor(@Inject(UnificationJobs) private readonly jobs: UnificationJobs) {}

  @Route('POST', 'jurisdictions/:prefix/unification-jobs', { tag: 'jurisdiction commands', roles: ['admin'], params: JURISDICTION, body: unificationJobBody, summary: 'Unify a whole jurisdiction', description: '统一登记为居民户口 for every person registered under the prefix, as a resumable, idempotent job: starting it again returns the same job; follow it with GET /jobs/{jobId}', responses: { 202: 'the job, running (or as it stands)' } })
  start(@Caller() caller: Principal, @Param('prefix') prefix: string, @Body() body: Infer<typeof unificationJobBody>): Promise<JobView> {
    return this.jobs.start(caller, prefix, body.effectiveDate);
  }

  @Route('GET', 'jobs/:jobId', { tag: 'jurisdiction commands', roles: ['admin'], params: { jobId: { schema: string({ maxLength: 64, pattern: '^[a-z0-9-]+$' }), description: 'the job id', required: true } }, summary: 'A job\'s progress', description: 'status, cursor, how many were unified, already resident (skipped) or refused (failed)', responses: { 200: 'the job' } })
  get(@Param('jobId') id: string): Promise<JobView> {
    return this.jobs.get(id);
  }
}
