import { Controller, Inject, Param, Query } from '@nestjs/common';
import { string } from '../../../../events/schema';
import { legalDateOf } from '../../../../libs/domain/src/shared/dates';
import { CITIZEN, HOUSEHOLD } from '../commands/params';
import { knownRegionPrefix, pastDate } from '../http/citizen-id';
import { Route } from '../http/operation';
import { AFTER, afterOf } from '../queries/after';
import { householdsOf } from '../reads/disclosed';
import { DisclosureLog, PURPOSE } from '../reads/disclosure-log';
import { Read, type Reading } from '../reads/reading';
import { AuditQueries } from './audit-queries';
import { EXPECT_HEAD, type IntegrityCheckView, IntegrityChecks } from './integrity-checks';

const tag = 'audit';
const roles = ['auditor', 'admin'] as const;
const AS_OF = {
  ...AFTER,
  asOf: { schema: pastDate('what was true on this date (default today)'), description: 'what was true on this date (default today)' },
  knownAt: { schema: pastDate('as the registry knew it on this date (default: as known now)'), description: 'as the registry knew it on this date (default: as known now)' },
};
type Q = Record<string, string | undefined>;
const STREAM = { stream: { schema: string({ maxLength: 200, pattern: '^(?:person|household|jurisdiction)-[A-Za-z0-9._:-]+$' }), description: 'one stream (default: the whole log)' }, ...EXPECT_HEAD };
const CHECK = { checkId: { schema: string({ maxLength: 36, pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }), description: 'the check id POST /audit/integrity-checks gave', required: true } };

/** Read routes disclose personal data: each states its purpose and is recorded before it answers (查询留痕). */
const RECORDED = ' Recorded first (查询留痕: who, when, whose data, the Huji-Purpose); a 404 records nothing.';

/** The query's dates (checked by the guard: none in the future), today by default. */
const dates = (q: Q): { asOf: string; knownAt?: string } => ({ asOf: q.asOf ?? legalDateOf(new Date()), ...(q.knownAt ? { knownAt: q.knownAt } : {}) });

/** For auditors: every event with its metadata, state on any date, candidates for deregistration, integrity. */
@Controller('audit')
export class AuditController {
  constructor(
    @Inject(AuditQueries) private readonly audit: AuditQueries, @Inject(IntegrityChecks) private readonly checks: IntegrityChecks,
    @Inject(DisclosureLog) private readonly log: DisclosureLog,
  ) {}

  @Route('GET', 'persons/:citizenId/history', { tag, roles, params: CITIZEN, headers: PURPOSE, summary: 'A person\'s full history', description: `every event of the person's stream with its metadata (actor, office, correlation, effective date, recorded-at) and hash.${RECORDED}`, responses: { 200: 'the history' } })
  async personHistory(@Read() reading: Reading, @Param('citizenId') id: string) {
    return this.log.disclose(reading, await this.audit.personHistory(id));
  }

  @Route('GET', 'persons/:citizenId/state', { tag, roles, params: CITIZEN, query: AS_OF, headers: PURPOSE, summary: 'A person as of a date', description: `the person folded from the events effective by asOf (and recorded by knownAt).${RECORDED}`, responses: { 200: 'the state' } })
  async personState(@Read() reading: Reading, @Param('citizenId') id: string, @Query() q: Q) {
    const { asOf, knownAt } = dates(q);
    return this.log.disclose(reading, await this.audit.personState(id, asOf, knownAt));
  }

  @Route('GET', 'households/:householdId/history', { tag, roles, params: HOUSEHOLD, query: AFTER, headers: PURPOSE, summary: 'A household\'s full history', description: `the household's own events and every member joining and leaving.${RECORDED}`, responses: { 200: 'the history' } })
  async householdHistory(@Read() reading: Reading, @Param('householdId') id: string, @Query() q: Q) {
    return this.log.disclose(reading, await this.audit.householdHistory(id, afterOf(q)), { households: [id] });
  }

  @Route('GET', 'households/:householdId/state', { tag, roles, params: HOUSEHOLD, query: AS_OF, headers: PURPOSE, summary: 'A household as of a date', description: `the household and its members on asOf (as known on knownAt).${RECORDED}`, responses: { 200: 'the state' } })
  async householdState(@Read() reading: Reading, @Param('householdId') id: string, @Query() q: Q) {
    const { asOf, knownAt } = dates(q);
    const answer = await this.audit.householdState(id, asOf, knownAt, afterOf(q));
    return this.log.disclose(reading, answer, { persons: answer.members, households: [id] });
  }

  @Route('GET', 'deregistration-candidates', { tag, roles, query: { ...AFTER, region: { schema: knownRegionPrefix('region code prefix'), description: 'region code prefix' }, asOf: AS_OF.asOf }, headers: PURPOSE, summary: 'Should-be-deregistered candidates', description: `应销未销: registered persons aged 100+, duplicate identities, persons in dissolved households.${RECORDED} The record names every listed person and household.`, responses: { 200: 'the candidates, each with the rule that flagged it' } })
  async candidates(@Read() reading: Reading, @Query() q: Q) {
    const answer = await this.audit.candidates(q.region ?? '', dates(q).asOf, afterOf(q));
    return this.log.disclose(reading, answer, { households: householdsOf(answer.candidates) });
  }

  @Route('GET', 'integrity', { tag, roles, query: STREAM, summary: 'Verify integrity', description: 're-derives every hash of the log (or of one stream): altered, removed or reordered events are reported. The check runs off the event loop and the answer comes when it is done (it joins a check of the same scope under way); for a large log, start one with POST /audit/integrity-checks and follow its progress', responses: { 200: 'the report (ok: false lists each problem)' } })
  integrity(@Query() q: Q) {
    return this.checks.report(q.stream, q.expectHead);
  }

  @Route('POST', 'integrity-checks', { tag, roles, query: STREAM, summary: 'Start an integrity check', description: 'a check of the whole log (or of one stream) as a job, off the event loop, one at a time: asking while one of the same scope is queued or running returns that one. Follow it with GET /audit/integrity-checks/{checkId}', responses: { 202: 'the check, queued or running' } })
  startCheck(@Query() q: Q): Promise<IntegrityCheckView> {
    return this.checks.start(q.stream, q.expectHead);
  }

  @Route('GET', 'integrity-checks/:checkId', { tag, roles, params: CHECK, summary: 'An integrity check', description: 'status, events checked and position reached (against the log head when it was asked for), then the report with the head to record', responses: { 200: 'the check' } })
  check(@Param('checkId') id: string): IntegrityCheckView {
    return this.checks.get(id);
  }
}
