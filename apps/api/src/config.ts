import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { type EventStoreConfig, eventStoreConfigFromEnv } from '../../../libs/event-store/src';
import { PRIVATE_FILE_MODE, privateDir, privateFile } from '../../../libs/event-store/src/local/private-files';
import { GRAINS, type Grain, REGION_LEVELS, type RegionLevel } from '../../../projections/statistics/granularity';
import { type ReadStoreConfig, readStoreConfigFromEnv } from '../../../projections/store/read-store';
import { ConfigError } from './config-error';
import { checkedSecret, envKeySource, keyFileSource } from './auth/secret';
import { type TokenPolicy, tokenPolicyFromEnv } from './auth/policy';
import { logLine } from './ops/log';
import { count, type Limits, limitsFromEnv } from './ops/limits';

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
  /**
   * Statistical disclosure control: the smallest count a statistician is shown — a perturbed count below it is
   * published as 0 (`HUJI_MIN_CELL`, default 3: no published count is 1 or 2; 0 or 1 shows every perturbed count).
   */
  readonly minCell: number;
  /**
   * 统计披露控制 for statisticians besides `minCell`: the noise of the cell-key perturbation and the finest
   * region and period they are answered for (`HUJI_SDC_*`; queries/disclosure.ts). Absent: the defaults.
   */
  readonly disclosure?: DisclosureSettings;
  /** Run the projector inside the API process (`HUJI_PROJECTOR=off` when `apps/projector` runs apart). */
  readonly projectInProcess: boolean;
  /** `HUJI_LOG=off` silences the JSON request log (tests, benchmarks). */
  readonly log: boolean;
  /** On an empty log, record the seed documents and their cut-overs first (`huji init`); `HUJI_INIT=off` leaves the log empty. */
  readonly init: boolean;
  /** Rate limit, event streams per token and request time-outs (`HUJI_RATE_LIMIT`, `HUJI_SSE_PER_TOKEN`, `HUJI_*_TIMEOUT_MS`: ops/limits.ts). */
  readonly limits: Limits;
  /**
   * 假名密钥: the master key subscribers' pseudonym keys are derived from — apart from the token key, so rotating
   * one never re-keys the other (`HUJI_PSEUDONYM_SECRET`, else generated once into `$HUJI_DATA_DIR/pseudonym.secret`).
   */
  readonly pseudonymSecret: string;
  /**
   * 统计披露控制密钥: the secret the record keys of the cell-key perturbation are drawn from (`HUJI_SDC_SECRET`,
   * else generated once into `$HUJI_DATA_DIR/sdc.secret`). Changing it changes every perturbed figure.
   */
  readonly sdcSecret: string;
}

/**
 * Creates the key file so that it is never seen empty or half-written: the key is written and flushed under a
 * temporary name (0600) in the same directory, then linked into place. A crash or a full disk leaves no key
 * file (the next start tries again); when another process linked its key first, that one stands.
 */
const createKeyFile = (file: string): void => {
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(temporary, 'wx', PRIVATE_FILE_MODE);
    try {
      writeSync(fd, randomBytes(32).toString('base64url'));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process linked its key first
    }
  } finally {
    rmSync(temporary, { force: true });
  }
};

/** The key in a key file (made 0600), checked as HUJI_JWT_SECRET is: `huji token` reads it too, and never creates it. */
export const keyFileSecret = (file: string, env: NodeJS.ProcessEnv, warn: (message: string) => void): string => {
  privateFile(file);
  return checkedSecret(readFileSync(file, 'utf8').trim(), env, warn, keyFileSource(file));
};

/**
 * The signing key: from the environment, or generated once per data directory (0700, the key file 0600) so
 * `huji token` and the API agree with no configuration at all. Either is refused when weak (auth/secret.ts).
 */
export const jwtSecretOf = (env: NodeJS.ProcessEnv, dataDir: string, warn: (message: string) => void = (message) => logLine('warn', message)): string =>
  dataKeyOf(env, dataDir, { variable: 'HUJI_JWT_SECRET', file: 'jwt.secret' }, warn);

/** Where one of the registry's keys comes from: an environment variable, else a key file generated once in the data dir. */
export interface DataKey {
  readonly variable: string;
  readonly file: string;
}

/** A key given in the environment (checked as the token key is), else generated once into the data dir (0600) and read from there. */
export const dataKeyOf = (env: NodeJS.ProcessEnv, dataDir: string, key: DataKey, warn: (message: string) => void = (message) => logLine('warn', message)): string => {
  const given = env[key.variable]?.trim();
  if (given) return checkedSecret(given, env, warn, envKeySource(key.variable, key.file));
  const file = join(dataDir, key.file);
  privateDir(dataDir);
  if (!existsSync(file)) createKeyFile(file);
  return keyFileSecret(file, env, warn);
};

/** What statisticians get (queries/disclosure.ts): cell-key perturbation's largest noise, the finest regions, the period grain. */
export interface DisclosureSettings {
  /** `HUJI_SDC_MAX_NOISE` (1…5, default 2): noise in −D…D with weights 2^(D−|d|). */
  readonly maxNoise: number;
  /** `HUJI_SDC_FINEST_REGION` (default township): population, flows and targets for regions no finer. */
  readonly finestRegion: RegionLevel;
  /** `HUJI_SDC_FINEST_STRUCTURE_REGION` (default county): the structure (one cell per cohort) for regions no finer. */
  readonly finestStructureRegion: RegionLevel;
  /** `HUJI_SDC_GRAIN` (month, quarter or year; default month): as-of dates are a period's last day, flows whole periods. */
  readonly grain: Grain;
}

export const DEFAULT_DISCLOSURE: DisclosureSettings = { maxNoise: 2, finestRegion: 'township', finestStructureRegion: 'county', grain: 'month' };

const oneOfEnv = <T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T => {
  const value = env[name]?.trim();
  if (!value) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
};

/** The settings from `HUJI_SDC_*`, each defaulting to `DEFAULT_DISCLOSURE`; anything else is a ConfigError naming the variable. */
export const disclosureSettingsFromEnv = (env: NodeJS.ProcessEnv): DisclosureSettings => {
  const maxNoise = count(env.HUJI_SDC_MAX_NOISE, DEFAULT_DISCLOSURE.maxNoise, 'HUJI_SDC_MAX_NOISE');
  if (maxNoise < 1 || maxNoise > 5) throw new ConfigError(`HUJI_SDC_MAX_NOISE must be 1 to 5, got "${env.HUJI_SDC_MAX_NOISE}"`);
  const levels = Object.keys(REGION_LEVELS).filter((l) => l !== 'village') as RegionLevel[];
  return {
    maxNoise,
    finestRegion: oneOfEnv(env, 'HUJI_SDC_FINEST_REGION', levels, DEFAULT_DISCLOSURE.finestRegion),
    finestStructureRegion: oneOfEnv(env, 'HUJI_SDC_FINEST_STRUCTURE_REGION', levels, DEFAULT_DISCLOSURE.finestStructureRegion),
    grain: oneOfEnv(env, 'HUJI_SDC_GRAIN', GRAINS, DEFAULT_DISCLOSURE.grain),
  };
};

export const PSEUDONYM_KEY: DataKey = { variable: 'HUJI_PSEUDONYM_SECRET', file: 'pseudonym.secret' };
export const SDC_KEY: DataKey = { variable: 'HUJI_SDC_SECRET', file: 'sdc.secret' };

export const apiConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): ApiConfig => {
  const eventStore = eventStoreConfigFromEnv(env);
  return {
    port: count(env.PORT, 3000, 'PORT'),
    host: env.HUJI_HOST?.trim() || '127.0.0.1',
    eventStore,
    readStore: readStoreConfigFromEnv(env),
    jwtSecret: jwtSecretOf(env, eventStore.dataDir),
    tokens: tokenPolicyFromEnv(env),
    bodyLimit: count(env.HUJI_BODY_LIMIT, 64 * 1024, 'HUJI_BODY_LIMIT'),
    minCell: count(env.HUJI_MIN_CELL, 3, 'HUJI_MIN_CELL'),
    disclosure: disclosureSettingsFromEnv(env),
    projectInProcess: env.HUJI_PROJECTOR?.trim() !== 'off',
    log: env.HUJI_LOG?.trim() !== 'off',
    init: env.HUJI_INIT?.trim() !== 'off',
    limits: limitsFromEnv(env),
    pseudonymSecret: dataKeyOf(env, eventStore.dataDir, PSEUDONYM_KEY),
    sdcSecret: dataKeyOf(env, eventStore.dataDir, SDC_KEY),
  };
};
