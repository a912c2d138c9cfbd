import { once } from 'node:events';
import { type ServerResponse } from 'node:http';
import { Controller, Inject, Query, Req, Res } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { EVENT_TYPES } from '../../../../events';
import { string } from '../../../../events/schema';
import { formatPosition, parsePosition, type Position } from '../../../../libs/event-store/src';
import { knownRegionPrefix } from '../http/citizen-id';
import { Route } from '../http/operation';
import { ApiError } from '../http/problem';
import { logLine } from '../ops/log';
import { type HujiRequest } from '../http/request';
import { type Principal } from '../auth/jwt';
import { DisclosureLog } from '../reads/disclosure-log';
import { PURPOSE, PURPOSE_HEADER, purposeProblems } from '../reads/purpose';
import { type Reading, readingOf } from '../reads/reading';
import { RegistryRuntime } from '../runtime';
import { EventFeed, type FeedFilter, type Frames, streamHolderOf } from './feed';
import { scopeOf } from './pseudonym-keys';

const POSITION = '^[0-9]{1,19}(?:/[0-9]{1,19})?$';
const QUERY = {
  from: { schema: string({ maxLength: 41, pattern: POSITION }), description: 'resume after this position (exclusive; the last `hujiposition` seen). Default: the beginning' },
  limit: { schema: string({ maxLength: 4, pattern: '^[0-9]{1,4}$' }), description: 'page size for the JSON form, 1 to 1000 (default 100)' },
  types: { schema: string({ maxLength: 600, pattern: '^[A-Za-z]+(?:,[A-Za-z]+)*$' }), description: 'comma-separated event types (default: all)' },
  region: { schema: knownRegionPrefix('a region code prefix'), description: 'a region code prefix' },
};
/** Huji-Purpose on the feed: checked when sent, required (in the handler) of a caller who receives personal data. */
const FEED_PURPOSE = { [PURPOSE_HEADER]: { ...PURPOSE[PURPOSE_HEADER]!, required: false, problems: (v: string | string[] | undefined) => (v === undefined ? [] : purposeProblems(v)) } };
const HEARTBEAT_MS = 15_000;
const SSE_PAGE = 1_000;

type Q = Record<string, string | undefined>;

/**
 * What a failed stream tells its reader: the registry's own refusals (an ApiError: a fixed code and message, e.g.
 * DISCLOSURE.UNAVAILABLE) as they are; anything else only as STREAM.FAILED, its cause logged here — a store
 * error may name a stream, and a person's stream name is a citizen id that a subscriber without the grant must not see.
 */
const streamFailure = (error: unknown): { code: string; message: string } => {
  if (error instanceof ApiError) return { code: error.code, message: error.message };
  logLine('error', 'event stream failed', { error: error instanceof Error ? error.message : String(error) });
  return { code: 'STREAM.FAILED', message: 'the event stream failed: reconnect with Last-Event-ID to resume' };
};

/** Waits until the socket takes more (backpressure) or closes; true when it had to wait. */
const drained = async (raw: ServerResponse, signal: AbortSignal): Promise<boolean> => {
  if (!raw.writableNeedDrain) return false;
  await once(raw, 'drain', { signal }).catch(() => undefined);
  return true;
};

/** 事件订阅 for downstream systems: the log as CloudEvents, as a Server-Sent Event stream or as pages. */
@Controller('events')
export class EventsController {
  constructor(
    @Inject(EventFeed) private readonly feed: EventFeed, @Inject(RegistryRuntime) private readonly runtime: RegistryRuntime,
    @Inject(DisclosureLog) private readonly disclosures: DisclosureLog,
  ) {}

  /**
   * 查询留痕: a page of personal data is recorded before it is written — the persons and households whose streams'
   * events it holds, and the range, filters and count. A page without events discloses nothing and is not recorded.
   */
  private async disclose(reading: Reading | undefined, from: Position | undefined, page: Pick<Frames, 'count' | 'next' | 'persons' | 'households'>, filter: FeedFilter): Promise<void> {
    if (!reading || page.count === 0) return;
    await this.disclosures.record({
      ...reading, persons: page.persons, households: page.households,
      feed: { from: from ? formatPosition(from) : null, to: page.next ?? null, ...(filter.types ? { types: filter.types } : {}), ...(filter.region ? { region: filter.region } : {}), events: page.count },
    });
  }

  private filterOf(q: Q, request: HujiRequest): FeedFilter {
    const types = q.types?.split(',');
    const unknown = (types ?? []).filter((t) => !(EVENT_TYPES as readonly string[]).includes(t));
    if (unknown.length > 0) throw new ApiError(400, 'EVENT.UNKNOWN_TYPE', `not event types of the catalogue: ${unknown.join(', ')}`, unknown.map((t) => ({ code: 'EVENT.UNKNOWN_TYPE', message: `${t} is not an event type`, path: 'query.types' })));
    const principal = request.principal!;
    return { ...(types ? { types } : {}), ...(q.region ? { region: q.region } : {}), personal: principal.role === 'admin' || principal.grants.includes('personal-data'), scope: scopeOf(principal) };
  }

  @Route('GET', '', {
    tag: 'subscriptions', roles: ['subscriber', 'admin'], query: QUERY, headers: FEED_PURPOSE, produces: 'text/event-stream', summary: 'Subscribe to events',
    description: 'With `Accept: text/event-stream`: Server-Sent Events, catch-up then live with no gap or duplicate, resumable with `Last-Event-ID`; each `data:` is a CloudEvents 1.0 JSON event; a comment every 15 s keeps the connection open; a slow reader is paced by TCP (nothing piles up in memory). Otherwise: one page `{ events, next, isEnd }` — pass `next` as `from` for the following page; both forms give the same events for the same range and filter. '
      + 'Without the personal-data grant, names and identifying fields are withheld and citizen ids pseudonymised under the key of the token\'s data-sharing agreement (else its subject), named by `hujipseudonymkey` (GET /subscriptions/me/pseudonym-key). '
      + 'With it (and for admins) `Huji-Purpose` is required and every page with events is recorded in the disclosure log before it is sent. '
      + '`region=` routes each event by the region in force at its position: the regions it names (both ends of a move, the old and new region of an address change), else its person\'s or household\'s registration region as of that event; a jurisdiction\'s events by its prefix.',
    responses: { 200: 'a page of CloudEvents, or the event stream' },
  })
  async events(@Req() request: HujiRequest, @Res() reply: FastifyReply, @Query() q: Q): Promise<void> {
    const filter = this.filterOf(q, request);
    const reading = filter.personal ? readingOf(request) : undefined;
    const lastEventId = request.headers['last-event-id'];
    const fromText = (typeof lastEventId === 'string' && lastEventId.trim() !== '' ? lastEventId : undefined) ?? q.from;
    const from = fromText === undefined || fromText === '0' ? undefined : parsePosition(fromText);
    if (fromText !== undefined && fromText !== '0' && !from) throw new ApiError(400, 'EVENT.INVALID_POSITION', `${fromText} is not a position`, [{ code: 'EVENT.INVALID_POSITION', message: 'a position is digits, or commit/prepare', path: 'headers.last-event-id' }]);
    if (!String(request.headers.accept ?? '').includes('text/event-stream')) {
      const limit = Number(q.limit ?? '100');
      if (limit < 1 || limit > 1000) throw new ApiError(400, 'REQUEST.INVALID_FIELD', 'limit must be 1 to 1000', [{ code: 'REQUEST.INVALID_FIELD', message: 'limit must be 1 to 1000', path: 'query.limit' }]);
      const page = await this.feed.page(from, limit, filter);
      await this.disclose(reading, from, { count: page.events.length, next: page.next, persons: page.persons, households: page.households }, filter);
      void reply.header('cache-control', 'no-store').send({ events: page.events, next: page.next, isEnd: page.isEnd });
      return;
    }
    const principal = request.principal!;
    const holder = streamHolderOf(principal);
    const opened = await this.feed.inSlot(holder, (stop) => this.stream(reply, from, filter, principal, reading, stop));
    if (!opened) throw new ApiError(429, 'RATE.TOO_MANY_STREAMS', `subject ${holder} has ${this.runtime.config.limits.ssePerToken} event streams open already: close one, or resume later with Last-Event-ID`, [], { retryAfter: 30 });
  }

  /**
   * Catch-up then live as one pull loop: it always reads after the last position it sent, so nothing is skipped
   * or repeated. It runs in a slot of the holder's (EventFeed.inSlot: a holder with its cap of streams open gets
   * 429 before anything is sent), given back however this ends; `stop` ends it (client gone, token expired, shutdown).
   */
  private async stream(reply: FastifyReply, from: Position | undefined, filter: FeedFilter, principal: Principal, reading: Reading | undefined, stop: AbortController): Promise<void> {
    reply.hijack();
    const raw = reply.raw;
    let expiry: NodeJS.Timeout | undefined;
    try {
      raw.on('close', () => stop.abort());
      if (raw.socket === null || raw.socket.destroyed) stop.abort(); // the client left before the stream opened: its slot is freed at once
      // A stream lives no longer than the token it was opened with.
      expiry = setTimeout(() => {
        raw.write(`event: error\ndata: ${JSON.stringify({ code: 'AUTH.TOKEN_EXPIRED', message: 'the token expired: reconnect with a new one and Last-Event-ID' })}\n\n`);
        stop.abort();
      }, Math.max(0, Math.min(principal.expiresAt - Date.now(), 2 ** 31 - 1)));
      raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      raw.write('retry: 2000\n: huji event stream\n\n');
      // The next page is prepared while the socket drains the last one; every write waits for a slow reader.
      let cursor = from;
      let mark = this.runtime.growthMark();
      let next = this.feed.frames(cursor, SSE_PAGE, filter);
      while (!stop.signal.aborted) {
        const page = await next;
        const start = cursor;
        cursor = page.next ? parsePosition(page.next) : cursor;
        if (!page.isEnd) {
          mark = this.runtime.growthMark();
          next = this.feed.frames(cursor, SSE_PAGE, filter);
          next.catch(() => undefined); // awaited on the next turn; a failure is reported there
        }
        if (page.text) {
          await this.disclose(reading, start, page, filter);
          if (stop.signal.aborted) break;
          raw.write(page.text);
          this.feed.stats.eventsSent += page.count;
          if (await drained(raw, stop.signal)) this.feed.stats.backpressureWaits++;
        }
        if (page.isEnd) {
          if (stop.signal.aborted) break; // the client left while a write drained: an aborted signal would not end the wait below
          if (!(await this.runtime.nextGrowth(mark, HEARTBEAT_MS, stop.signal)) && !stop.signal.aborted) raw.write(': keep-alive\n\n');
          mark = this.runtime.growthMark();
          next = this.feed.frames(cursor, SSE_PAGE, filter);
          next.catch(() => undefined); // if the stream stops first, nobody awaits it
        }
      }
    } catch (error) {
      raw.write(`event: error\ndata: ${JSON.stringify(streamFailure(error))}\n\n`);
    } finally {
      clearTimeout(expiry);
      raw.end();
    }
  }
}
