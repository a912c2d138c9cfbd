import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuditController } from './audit/audit.controller';
import { AuditQueries } from './audit/audit-queries';
import { IntegrityChecks, integrityRunnerFor } from './audit/integrity-checks';
import { HouseholdCommands } from './commands/household-commands';
import { HouseholdsController } from './commands/households.controller';
import { JurisdictionCommands } from './commands/jurisdiction-commands';
import { JurisdictionsController } from './commands/jurisdictions.controller';
import { PersonCommands } from './commands/person-commands';
import { PersonsController } from './commands/persons.controller';
import { EventsController } from './events/events.controller';
import { EventFeed } from './events/feed';
import { PseudonymKeys } from './events/pseudonym-rotations';
import { SubscriptionsController } from './events/subscriptions.controller';
import { ProblemFilter, RevisionHeaders } from './http/filters';
import { AccessGuard } from './http/guards';
import { Callers } from './auth/authenticate';
import { tokenVerifier } from './auth/jwt';
import { openApiDocument } from './http/openapi';
import { logLine, redactedUrl } from './ops/log';
import { JobsController } from './jobs/jobs.controller';
import { UnificationJobs } from './jobs/unification-job';
import { FamilySettlements } from './jobs/family-settlements';
import { HttpMetrics } from './ops/metrics';
import { registerRateLimit } from './ops/rate-limit';
import { SlicedWork } from './ops/sliced-work';
import { serverTimeouts } from './ops/timeouts';
import { OPENAPI_DOCUMENT, OpsController } from './ops/ops.controller';
import { RegistryController } from './queries/registry.controller';
import { PoliciesController } from './queries/policies.controller';
import { PolicyQueries } from './queries/policy-queries';
import { RegistryQueries } from './queries/registry-queries';
import { StatisticsController } from './queries/statistics.controller';
import { RegistryRuntime } from './runtime';
import { DisclosureLog } from './reads/disclosure-log';
import { ReadsController } from './reads/reads.controller';

/** Every controller: the OpenAPI document and the role-matrix test walk this list. */
export const CONTROLLERS: readonly Type[] = [
  OpsController, PersonsController, HouseholdsController, JurisdictionsController, RegistryController, StatisticsController, AuditController, EventsController, JobsController,
  PoliciesController, SubscriptionsController, ReadsController,
];

/** The package version, found from the sources or from dist/ alike. */
const versionOf = (dir: string): string => {
  for (let d = dir; d !== dirname(d); d = dirname(d)) {
    const file = join(d, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'huji') return pkg.version ?? '0.0.0';
    }
  }
  return '0.0.0';
};
const VERSION = versionOf(__dirname);

const registryModule = (runtime: RegistryRuntime, metrics: HttpMetrics, jobs: UnificationJobs, families: FamilySettlements, shared: readonly Provider[]): DynamicModule => {
  @Module({})
  class RegistryModule {}
  const service = <T>(type: new (r: RegistryRuntime) => T) => ({ provide: type, useFactory: () => new type(runtime) });
  return {
    module: RegistryModule,
    controllers: [...CONTROLLERS],
    providers: [
      { provide: RegistryRuntime, useValue: runtime },
      { provide: DisclosureLog, useValue: runtime.disclosures },
      { provide: HttpMetrics, useValue: metrics },
      { provide: OPENAPI_DOCUMENT, useValue: openApiDocument(CONTROLLERS, VERSION) },
      service(PersonCommands), service(HouseholdCommands), service(JurisdictionCommands), service(RegistryQueries), service(AuditQueries), service(PolicyQueries),
      { provide: PseudonymKeys, useFactory: () => new PseudonymKeys(runtime.views, runtime.config.pseudonymSecret) },
      { provide: EventFeed, useFactory: (keys: PseudonymKeys) => new EventFeed(runtime, keys), inject: [PseudonymKeys] },
      { provide: UnificationJobs, useValue: jobs },
      { provide: FamilySettlements, useValue: families },
      ...shared,
    ],
  };
};

/**
 * The registry's HTTP API on Fastify: JSON bodies up to the configured limit (larger → 413), one guard
 * (token, role, then every input problem), one filter (problem+json), request metrics and JSON logs. No
 * caller can stall it (ops/limits.ts): a rate limit per token, time-outs on requests that arrive slowly,
 * statistics scans in slices between requests, integrity checks in a worker thread.
 */
export const createApp = async (runtime: RegistryRuntime): Promise<NestFastifyApplication> => {
  const config = runtime.config;
  const metrics = new HttpMetrics();
  const adapter = new FastifyAdapter({ bodyLimit: config.bodyLimit, logger: false, ...serverTimeouts(config.limits) });
  const fastify = adapter.getInstance();
  const callers = new Callers(tokenVerifier(config.tokens, config.jwtSecret));
  await registerRateLimit(fastify, config.limits.ratePerMinute, callers);
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.observe(request.method, route, reply.statusCode, seconds);
    if (config.log) logLine(reply.statusCode >= 500 ? 'error' : 'info', 'request', { method: request.method, route, url: redactedUrl(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10, reqId: request.id });
    done();
  });
  const jobs = new UnificationJobs(runtime);
  const families = new FamilySettlements(runtime);
  const checks = new IntegrityChecks(integrityRunnerFor(runtime.store, config.eventStore.dataDir), () => runtime.head());
  const shared = [{ provide: SlicedWork, useValue: new SlicedWork() }, { provide: IntegrityChecks, useValue: checks }];
  const app = await NestFactory.create<NestFastifyApplication>(registryModule(runtime, metrics, jobs, families, shared), adapter, { logger: config.log ? ['error', 'warn'] : false });
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalGuards(new AccessGuard(app.get(Reflector), callers));
  app.useGlobalInterceptors(new RevisionHeaders());
  await app.init();
  await jobs.resumeAll();
  // Family decisions recorded before a crash, without their members' moves: completed before serving.
  await families.resumeAll();
  runtime.onClose(() => jobs.close());
  runtime.onClose(() => families.close());
  runtime.onClose(() => checks.close()); // already closed by Nest (beforeApplicationShutdown) when the app closed first
  return app;
};
