import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EventStoreConfig, eventStoreConfigFromEnv } from '../../../libs/event-store/src';
import { privateDir, privateFile } from '../../../libs/event-store/src/local/private-files';
import { type ReadStoreConfig, readStoreConfigFromEnv } from '../../../projections/store/read-store';
import { checkedSecret } from './auth/secret';
import { type TokenPolicy, tokenPolicyFromEnv } from './auth/policy';
import { logLine } from './ops/log';
import { type Limits, limitsFromEnv } from './ops/limits';

/** Everything the API reads from the environment (DESIGN.md "Configuration"), with working defaults. */
export interface ApiConfig {
  readonly port: number;
  /** The interface to listen on (`HUJI_HOST`, default 127.0.0.1: this machine only; the container image sets 0.0.0.0). */
  readonly host: string;
  readonly eventStore: EventStoreConfig;
  readonly readStore: ReadStoreConfig;
  /**
   * HMAC-SHA256 key for bearer tokens: `HUJI_JWT_SECRET` (at least 32 random characters, never a known default,
   * unless `HUJI_MODE=development`), else a key generated once into `$HUJI_DATA_DIR/jwt.secret` (0600).
   */
  readonly jwtSecret: string;
  /** Issuer, audience and maximum lifetime of tokens, and an identity provider's keys (`HUJI_JWT_*`, `HUJI_TOKEN_MAX_LIFETIME`, `HUJI_JWKS_*`). */
  readonly tokens: TokenPolicy;
  /** Largest request body accepted, in bytes (`HUJI_BODY_LIMIT`, default 64 KiB): larger → 413. */
  readonly bodyLimit: number;
  /** Statistical disclosure control: aggregate cells below k are suppressed for statisticians (`HUJI_MIN_CELL`, default 10). */
  readonly minCell: number;
  /** Run the projector inside the API process (`HUJI_PROJECTOR=off` when `apps/projector` runs apart). */
  readonly projectInProcess: boolean;
  /** `HUJI_LOG=off` silences the JSON request log (tests, benchmarks). */
  readonly log: boolean;
  /** On an empty log, record the seed documents and their cut-overs first (`huji init`); `HUJI_INIT=off` leaves the log empty. */
  readonly init: boolean;
  /** Rate limit, event streams per token and request time-outs (`HUJI_RATE_LIMIT`, `HUJI_SSE_PER_TOKEN`, `HUJI_*_TIMEOUT_MS`: ops/limits.ts). */
  readonly limits: Limits;
}

const positiveInt = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
};

/**
 * The signing key: from the environment (refused when weak, see auth/secret.ts), or generated once per data
 * directory (0700, the key file 0600) so `huji token` and the API agree with no configuration at all.
 */
export const jwtSecretOf = (env: NodeJS.ProcessEnv, dataDir: string, warn: (message: string) => void = (message) => logLine('warn', message)): string => {
  const given = env.HUJI_JWT_SECRET?.trim();
  if (given) return checkedSecret(given, env, warn);
  const file = join(dataDir, 'jwt.secret');
  privateDir(dataDir);
  if (existsSync(file)) privateFile(file);
  else writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  return readFileSync(file, 'utf8').trim();
};

export const apiConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): ApiConfig => {
  const eventStore = eventStoreConfigFromEnv(env);
  return {
    port: positiveInt(env.PORT, 3000, 'PORT'),
    host: env.HUJI_HOST?.trim() || '127.0.0.1',
    eventStore,
    readStore: readStoreConfigFromEnv(env),
    jwtSecret: jwtSecretOf(env, eventStore.dataDir),
    tokens: tokenPolicyFromEnv(env),
    bodyLimit: positiveInt(env.HUJI_BODY_LIMIT, 64 * 1024, 'HUJI_BODY_LIMIT'),
    minCell: positiveInt(env.HUJI_MIN_CELL, 10, 'HUJI_MIN_CELL'),
    projectInProcess: env.HUJI_PROJECTOR?.trim() !== 'off',
    log: env.HUJI_LOG?.trim() !== 'off',
    init: env.HUJI_INIT?.trim() !== 'off',
    limits: limitsFromEnv(env),
  };
};
