import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Inject, Param, Res } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { string } from '../../../../events/schema';
import { comparePositions, parsePosition } from '../../../../libs/event-store/src';
import { POLICY_JSON_SCHEMA } from '../../../../libs/domain/src/policy/schema';
import { IntegrityChecks } from '../audit/integrity-checks';
import { EventFeed } from '../events/feed';
import { Route } from '../http/operation';
import { ApiError } from '../http/problem';
import { RegistryRuntime } from '../runtime';
import { HttpMetrics } from './metrics';
import { SlicedWork } from './sliced-work';

export const OPENAPI_DOCUMENT = Symbol('OPENAPI_DOCUMENT');

const tag = 'operations';
const SWAGGER_FILES = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'favicon-32x32.png']);
const swaggerDir = (): string => join(require.resolve('swagger-ui-dist/package.json'), '..');

const DOCS_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Huji (户籍) API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/docs/openapi.json', dom_id: '#ui', persistAuthorization: true });</script></body></html>`;

/** Events the projector is behind the log (0 when caught up; the embedded log numbers events densely). */
const lagOf = (head: string | undefined, projected: string | undefined): number => {
  const h = head ? parsePosition(head) : undefined;
  const p = projected ? parsePosition(projected) : undefined;
  if (!h) return 0;
  if (!p) return Number(h.commit);
  return comparePositions(h, p) <= 0 ? 0 : Number(h.commit - p.commit);
};

/** Health, Prometheus metrics, and the OpenAPI document with its UI: public routes. */
@Controller()
export class OpsController {
  constructor(
    @Inject(RegistryRuntime) private readonly runtime: RegistryRuntime,
    @Inject(HttpMetrics) private readonly metrics: HttpMetrics,
    @Inject(OPENAPI_DOCUMENT) private readonly document: Record<string, unknown>,
    @Inject(EventFeed) private readonly feed: EventFeed,
    @Inject(SlicedWork) private readonly work: SlicedWork,
    @Inject(IntegrityChecks) private readonly checks: IntegrityChecks,
  ) {}

  @Route('GET', 'health', { tag, roles: [], summary: 'Health', description: 'the log, the read store and how far the projector is behind', responses: { 200: 'up', 503: 'the projector stopped' } })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<Record<string, unknown>> {
    const head = await this.runtime.head();
    const failed = this.runtime.projectorError !== undefined;
    if (failed) void reply.status(503);
    return {
      status: failed ? 'degraded' : 'up', eventStore: this.runtime.store.kind, readStore: this.runtime.config.readStore.type,
      head: head ?? null, projected: this.runtime.projected ?? null, projectorLag: lagOf(head, this.runtime.projected),
      projectInProcess: this.runtime.config.projectInProcess, ...(failed ? { projectorError: this.runtime.projectorError!.message } : {}),
      uptimeSeconds: Math.round((Date.now() - this.runtime.startedAt.getTime()) / 1000),
    };
  }

  @Route('GET', 'metrics', { tag, roles: [], summary: 'Prometheus metrics', produces: 'text/plain', responses: { 200: 'Prometheus text exposition format' } })
  async prometheus(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const head = await this.runtime.head();
    void reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8');
    return this.metrics.render({
      huji_log_head_position: { help: 'position of the last event in the log', value: head ? Number(parsePosition(head)!.commit) : 0 },
      huji_projector_lag_events: { help: 'events the projector has not applied yet', value: lagOf(head, this.runtime.projected) },
      huji_projector_up: { help: '1 while the in-process projector runs', value: this.runtime.config.projectInProcess && !this.runtime.projectorError ? 1 : 0 },
      huji_process_resident_memory_bytes: { help: 'resident set size', value: process.memoryUsage().rss },
      huji_event_streams_open: { help: 'Server-Sent Event streams open', value: this.feed.stats.streams },
      huji_event_stream_events_sent_total: { help: 'events sent on event streams', value: this.feed.stats.eventsSent },
      huji_event_stream_backpressure_waits_total: { help: 'times a stream waited for a slow reader (backpressure)', value: this.feed.stats.backpressureWaits },
      huji_statistics_scans_pending: { help: 'statistics queries running as sliced work', value: this.work.pending },
      huji_statistics_scans_dropped_total: { help: 'statistics queries dropped because their client left', value: this.work.dropped },
      huji_integrity_checks_pending: { help: 'integrity checks queued or running', value: this.checks.pending },
      huji_integrity_checks_started_total: { help: 'integrity checks started', value: this.checks.started },
    });
  }

  @Route('GET', 'docs', { tag, roles: [], summary: 'OpenAPI UI', produces: 'text/html', responses: { 200: 'the Swagger UI page' } })
  docs(@Res({ passthrough: true }) reply: FastifyReply): string {
    void reply.header('content-type', 'text/html; charset=utf-8');
    return DOCS_PAGE;
  }

  @Route('GET', 'docs/openapi.json', { tag, roles: [], summary: 'OpenAPI document', responses: { 200: 'OpenAPI 3.1' } })
  openapi(): Record<string, unknown> {
    return this.document;
  }

  @Route('GET', 'docs/settlement-policy.schema.json', { tag, roles: [], summary: 'The settlement policy schema', description: 'the published JSON Schema (draft 2020-12) of a policy\'s content: what POST /jurisdictions/{prefix}/policies takes and SettlementPolicyEnacted carries', responses: { 200: 'JSON Schema' } })
  policySchema(): Record<string, unknown> {
    return POLICY_JSON_SCHEMA;
  }

  @Route('GET', 'docs/assets/:file', { tag, roles: [], summary: 'OpenAPI UI assets', produces: 'application/octet-stream', params: { file: { schema: string({ maxLength: 64, pattern: '^[a-z0-9.-]+$' }), description: 'asset file', required: true } }, responses: { 200: 'the file' } })
  asset(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): Buffer {
    if (!SWAGGER_FILES.has(file)) throw new ApiError(404, 'ROUTE.NOT_FOUND', `no asset ${file}`);
    void reply.header('content-type', file.endsWith('.css') ? 'text/css' : file.endsWith('.js') ? 'application/javascript' : 'image/png').header('cache-control', 'public, max-age=86400');
    return readFileSync(join(swaggerDir(), file));
  }
}
