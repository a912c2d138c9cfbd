import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { checkCharacter } from '../../../libs/domain/src/citizen-id';
import { type NewEvent } from '../../../libs/event-store/src';
import { READ_STORE_BACKENDS } from '../../../projections/test/backends';
import { createApp } from '../src/app';
import { type Role } from '../src/auth/jwt';
import { tokenPolicyFromEnv } from '../src/auth/policy';
import { type ApiConfig } from '../src/config';
import { limitsFromEnv } from '../src/ops/limits';
import { RegistryRuntime } from '../src/runtime';
import { signJws, testClaims } from '../../../test/support/hs256';

/** A village of the committed catalogue in Zhengzhou (郑州) 中原区, and others for moves. */
export const VILLAGE = '410102001002';
export const OTHER_VILLAGE = '410105001003';
/** Another village of the same county as VILLAGE (actual residence is registered within one's county). */
export const SAME_COUNTY_VILLAGE = '410102001003';
export const OUTSIDE_VILLAGE = '230102001001';
/** A strong key (the API refuses weak ones): 42 random base64url characters. */
const SECRET = 'Qm7vT2xK9pL4wZr8Nc3Hy6Fb1Jd5Gs0UeAiOkPqRtV';
/** Apart from the token key (DESIGN.md "What leaves the registry"): subscribers' pseudonym keys and the statistics' record keys. */
const PSEUDONYM_SECRET = 'Vx4Nq8Lm2Tz7Rk5Jc9Wp3Hd6Bf1Gs0YeAuKoPiQrTw';
const SDC_SECRET = 'Hb6Kd1Nx9Qm3Vr7Lt5Zp2Wc8Jf4Gs0YeAuTiOkPqRs';

export interface Api {
  readonly url: string;
  readonly runtime: RegistryRuntime;
  readonly app: NestFastifyApplication;
  readonly config: ApiConfig;
  /** A bearer token signed HS256 with the API's key by the test-only signer (test/support/hs256.ts), 8 h unless told. */
  token(role: Role, options?: { regions?: string[]; grants?: string[]; sub?: string; ttlSeconds?: number }): string;
  /** Calls the API: JSON body in, parsed JSON (or text) out. */
  call(method: string, path: string, options?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
  /** How many events the log holds (tests prove refusals append nothing). */
  logLength(): Promise<number>;
  close(): Promise<void>;
}

/** The Huji-Purpose every call of the harness sends unless the test sends its own. */
export const TEST_PURPOSE = 'e2e test of the registry';

/** The production limits with a rate limit no test reaches (the fuzzers send thousands of requests with one token); security-load.e2e sets low ones. */
const TEST_LIMITS = { ...limitsFromEnv({}), ratePerMinute: 100_000 };

/**
 * The API as `npm start` runs it, on a free port: the embedded event store in a temp dir and the read
 * store on PostgreSQL (a schema of its own; `HUJI_E2E_READ_STORE=sqlite` for a SQLite file).
 */
export const startApi = async (overrides: Partial<ApiConfig> = {}): Promise<Api> => {
  const dir = mkdtempSync(join(tmpdir(), 'huji-e2e-'));
  const backend = READ_STORE_BACKENDS.find(([name]) => name === (process.env.HUJI_E2E_READ_STORE === 'sqlite' ? 'SQLite' : 'PostgreSQL'))![1];
  const read = await backend();
  const config: ApiConfig = {
    port: 0, host: '127.0.0.1', eventStore: { dataDir: dir }, readStore: read.config, jwtSecret: SECRET, tokens: tokenPolicyFromEnv({}), bodyLimit: 64 * 1024, minCell: 10,
    projectInProcess: true, log: false, init: true, limits: TEST_LIMITS, pseudonymSecret: PSEUDONYM_SECRET, sdcSecret: SDC_SECRET, ...overrides,
  };
  const runtime = await RegistryRuntime.open(config);
  const app = await createApp(runtime);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url, runtime, app, config,
    token: (role, options = {}) => signJws({
      ...testClaims({ sub: options.sub ?? `${role}-e2e`, role, regions: options.regions ?? (role === 'registrar' ? ['4101'] : []), grants: options.grants ?? [], iss: config.tokens.issuer }, new Date(), options.ttlSeconds ?? 8 * 3600),
      ...(config.tokens.audience ? { aud: config.tokens.audience } : {}),
    }, config.jwtSecret),
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers };
      // 查询留痕: reads of personal data state a purpose; tests that check the refusal send their own (or call fetch without one).
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'huji-purpose')) headers['huji-purpose'] = TEST_PURPOSE;
      const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
      if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
      const response = await fetch(`${url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await response.text();
      const type = response.headers.get('content-type') ?? '';
      return { status: response.status, headers: response.headers, body: type.includes('json') && text ? JSON.parse(text) : text };
    },
    async logLength() {
      const head = await runtime.store.headPosition();
      return head ? Number(head.commit) : 0;
    },
    async close() {
      await app.close();
      await runtime.close();
      await read.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

const BULK_META = { schemaVersion: 1, effectiveDate: '2020-01-01', actor: { id: 'bulk', role: 'import', office: '4101' }, correlationId: '00000000-0000-4000-8000-000000000000' };
const bulkEvent = (batch: number, i: number): NewEvent => (i === 0
  ? { type: 'HouseholdEstablished', data: { householdId: `load-${batch}`, kind: 'family', regionCode: OTHER_VILLAGE, address: 'x'.repeat(150) }, metadata: BULK_META }
  : { type: 'HouseholdAddressChanged', data: { householdId: `load-${batch}`, previousAddress: 'x'.repeat(150), address: `${'y'.repeat(150)}${i}`, previousRegionCode: OTHER_VILLAGE, regionCode: OTHER_VILLAGE }, metadata: BULK_META });

/**
 * A log long enough that a check of all of it takes a while (60,000 events in streams `household-load-0`… by
 * default: about a second of hashing): `batches` households of 500 events each, appended straight to the store.
 */
export const fillLog = async (api: Api, batches = 120): Promise<void> => {
  for (let batch = 0; batch < batches; batch++)
    await api.runtime.store.appendToStream(`household-load-${batch}`, Array.from({ length: 500 }, (_, i) => bulkEvent(batch, i)), { expectedRevision: 'no_stream' });
};

/** A valid citizen id from its first 17 characters (the check character computed). */
export const citizenIdOf = (first17: string): string => `${first17}${checkCharacter(first17)}`;

/** Builders: the requests a registrar sends (valid unless a test changes them). */
/** A household established in 2000, so the histories the tests record (births since 2000, late registrations) fit in its life. */
export const householdRequest = (householdId: string, regionCode = VILLAGE) => ({ householdId, kind: 'family', regionCode, address: `${householdId} 号`, effectiveDate: '2000-01-01' });
export const birthRequest = (householdId: string, over: Record<string, unknown> = {}) => ({
  name: '王小明', sex: 'male', dateOfBirth: '2020-05-01', placeOfBirth: VILLAGE, householdId, relationToHead: 'child', ...over,
});
export const settlementRequest = (toHouseholdId: string, over: Record<string, unknown> = {}) => ({
  applicationRef: `A-${toHouseholdId}`, ownApplication: true, consentRef: 'C-1', toHouseholdId, relationToHead: 'head', category: 'general',
  residence: { kind: 'owned', sameAddressMonths: 12 }, employment: { legalStableEmployment: true, contractMonths: 24 },
  urbanSocialInsuranceMonths: 24, continuousResidenceMonths: 24, ...over,
});
