import { Controller, Inject, Param, Query } from '@nestjs/common';
import { householdStream, personStream } from '../../../../events';
import { string } from '../../../../events/schema';
import { CITIZEN, HOUSEHOLD } from '../commands/params';
import { householdNotFound, personNotFound } from '../commands/context';
import { Route } from '../http/operation';
import { type ApiError } from '../http/problem';
import { RegistryRuntime } from '../runtime';
import { HEAD_PATTERN } from './disclosure-record';
import { DisclosureLog, type DisclosureReport, PURPOSE, type ReadsPage } from './disclosure-log';
import { Read, type Reading } from './reading';

const tag = 'audit';
const roles = ['auditor', 'admin'] as const;
type Q = Record<string, string | undefined>;
const PAGE = {
  limit: { schema: string({ maxLength: 3, pattern: '^(?:[1-9]|[1-9][0-9]|1[0-9]{2}|200)$', formatHint: 'a whole number from 1 to 200' }), description: 'reads per page, 1 to 200 (default 50)' },
  before: { schema: string({ maxLength: 15, pattern: '^[1-9][0-9]{0,14}$', formatHint: 'the `next` of the page before' }), description: 'reads older than this one: the `next` of the page before' },
};
const HEAD = { expectHead: { schema: string({ maxLength: 80, pattern: HEAD_PATTERN, formatHint: 'a head an earlier check reported (<sequence>:<64 hex digits>)' }), description: 'a head kept from an earlier check: the chain must still pass through it' } };
const LISTED = 'who read it, when, with role, office, purpose and route, newest first. Listing is itself a read: it is recorded too (after the page is taken, so a page never shows its own listing).';

const pageOf = (q: Q) => ({ limit: Number(q.limit ?? '50'), ...(q.before ? { before: Number(q.before) } : {}) });

/** 查询留痕 for auditors: who read a person's or a household's data, and the disclosure log's integrity. */
@Controller('audit')
export class ReadsController {
  constructor(@Inject(DisclosureLog) private readonly log: DisclosureLog, @Inject(RegistryRuntime) private readonly runtime: RegistryRuntime) {}

  @Route('GET', 'persons/:citizenId/reads', { tag, roles, params: CITIZEN, query: PAGE, headers: PURPOSE, summary: 'Who read a person\'s data', description: `every disclosure of the person's data (their own reads, a household's members, lists of candidates, feeds with personal data): ${LISTED}`, responses: { 200: 'a page of reads and `next`' } })
  async personReads(@Read() reading: Reading, @Param('citizenId') id: string, @Query() q: Q): Promise<{ citizenId: string } & ReadsPage> {
    await this.exists(personStream(id), personNotFound(id));
    return this.log.disclose(reading, { citizenId: id, ...this.log.reads('person', id, pageOf(q)) });
  }

  @Route('GET', 'households/:householdId/reads', { tag, roles, params: HOUSEHOLD, query: PAGE, headers: PURPOSE, summary: 'Who read a household\'s data', description: `every disclosure of the household's data (its reads and histories, candidates in it): ${LISTED}`, responses: { 200: 'a page of reads and `next`' } })
  async householdReads(@Read() reading: Reading, @Param('householdId') id: string, @Query() q: Q): Promise<{ householdId: string } & ReadsPage> {
    await this.exists(householdStream(id), householdNotFound(id));
    return this.log.disclose(reading, { householdId: id, ...this.log.reads('household', id, pageOf(q)) }, { households: [id] });
  }

  @Route('GET', 'disclosures/integrity', { tag, roles, query: HEAD, summary: 'Verify the disclosure log', description: 're-derives every hash of the disclosure log (查询留痕) and checks its index: altered, removed or invented records are reported. Keep the `head` and pass it as expectHead next time: a rewritten or shortened log then shows too', responses: { 200: 'the report (ok: false lists each problem)' } })
  integrity(@Query() q: Q): Promise<DisclosureReport> {
    return this.log.verify(q.expectHead ? { expectHead: q.expectHead } : {});
  }

  /** A 404 discloses nothing and records nothing: the same answer as the person's or household's own routes. */
  private async exists(stream: string, missing: ApiError): Promise<void> {
    if ((await this.runtime.store.readStream(stream, { maxCount: 1 })).length === 0) throw missing;
  }
}
