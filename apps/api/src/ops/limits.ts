import { ConfigError } from '../config-error';

/**
 * 限流与超时: what one caller may ask of the API, and how long the server waits for a request to arrive.
 * Every figure comes from the environment, with defaults that need no tuning for a registry office;
 * 0 switches a limit or time-out off (a benchmark, or a proxy in front that enforces its own).
 */
export interface Limits {
  /** Requests per minute per bearer token (per client address without one) — `HUJI_RATE_LIMIT`, default 1,200; over it → 429 RATE.LIMITED. */
  readonly ratePerMinute: number;
  /** Server-Sent Event streams open at once per token holder (its verified subject, whatever token it uses) — `HUJI_SSE_PER_TOKEN`, default 10; one more → 429 RATE.TOO_MANY_STREAMS. */
  readonly ssePerToken: number;
  /** The whole request (headers and body) must arrive within this — `HUJI_REQUEST_TIMEOUT_MS`, default 30 s; else 408 and the socket closes. */
  readonly requestTimeoutMs: number;
  /** The headers must arrive within this — `HUJI_HEADERS_TIMEOUT_MS`, default 10 s (at most the request time-out). */
  readonly headersTimeoutMs: number;
  /** A kept-alive connection with no request is closed after this — `HUJI_IDLE_TIMEOUT_MS`, default 65 s (longer than a proxy's usual 60 s, so it never reuses a connection just closed; 0 means Fastify's 72 s). */
  readonly idleTimeoutMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  ratePerMinute: 1_200,
  ssePerToken: 10,
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  idleTimeoutMs: 65_000,
};

const ENV: Readonly<Record<keyof Limits, string>> = {
  ratePerMinute: 'HUJI_RATE_LIMIT',
  ssePerToken: 'HUJI_SSE_PER_TOKEN',
  requestTimeoutMs: 'HUJI_REQUEST_TIMEOUT_MS',
  headersTimeoutMs: 'HUJI_HEADERS_TIMEOUT_MS',
  idleTimeoutMs: 'HUJI_IDLE_TIMEOUT_MS',
};

/** A count from the environment (`fallback` when unset or blank); anything but a non-negative integer is a ConfigError naming the variable. */
export const count = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value.trim());
  if (!Number.isSafeInteger(n) || n < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${value}"`);
  return n;
};

/** The limits from `HUJI_*` variables, each defaulting to `DEFAULT_LIMITS`; a headers time-out longer than the request time-out is refused. */
export const limitsFromEnv = (env: NodeJS.ProcessEnv): Limits => {
  const limits = Object.fromEntries((Object.keys(ENV) as (keyof Limits)[]).map((k) => [k, count(env[ENV[k]], DEFAULT_LIMITS[k], ENV[k])])) as unknown as Limits;
  if (limits.requestTimeoutMs > 0 && limits.headersTimeoutMs > limits.requestTimeoutMs)
    throw new ConfigError(`HUJI_HEADERS_TIMEOUT_MS (${limits.headersTimeoutMs}) must not exceed HUJI_REQUEST_TIMEOUT_MS (${limits.requestTimeoutMs})`);
  return limits;
};
