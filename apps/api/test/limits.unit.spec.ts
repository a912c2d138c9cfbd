import { ConfigError } from '../src/config-error';
import { DEFAULT_LIMITS, limitsFromEnv } from '../src/ops/limits';

describe('limits from the environment', () => {
  it('Given nothing set, Then the defaults: 1,200 requests a minute and 10 event streams per token, 30 s to send a request, 10 s for its headers, 65 s idle', () => {
    expect(limitsFromEnv({})).toEqual({ ratePerMinute: 1_200, ssePerToken: 10, requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, idleTimeoutMs: 65_000 });
    expect(limitsFromEnv({ HUJI_RATE_LIMIT: ' ' })).toEqual(DEFAULT_LIMITS);
  });

  it('Given every variable set, Then each is taken; 0 switches a limit off', () => {
    const env = { HUJI_RATE_LIMIT: '0', HUJI_SSE_PER_TOKEN: '2', HUJI_REQUEST_TIMEOUT_MS: '5000', HUJI_HEADERS_TIMEOUT_MS: '2000', HUJI_IDLE_TIMEOUT_MS: '1000' };
    expect(limitsFromEnv(env)).toEqual({ ratePerMinute: 0, ssePerToken: 2, requestTimeoutMs: 5_000, headersTimeoutMs: 2_000, idleTimeoutMs: 1_000 });
  });

  it('Given a value that is not a count, or headers allowed longer than the whole request, Then the registry refuses to start, naming the variable', () => {
    expect(() => limitsFromEnv({ HUJI_RATE_LIMIT: 'lots' })).toThrow(new ConfigError('HUJI_RATE_LIMIT must be a non-negative integer, got "lots"'));
    expect(() => limitsFromEnv({ HUJI_SSE_PER_TOKEN: '-1' })).toThrow(ConfigError);
    expect(() => limitsFromEnv({ HUJI_REQUEST_TIMEOUT_MS: '5000' })).toThrow(/HUJI_HEADERS_TIMEOUT_MS \(10000\) must not exceed HUJI_REQUEST_TIMEOUT_MS \(5000\)/);
    expect(limitsFromEnv({ HUJI_REQUEST_TIMEOUT_MS: '0' }).requestTimeoutMs).toBe(0); // off: the headers time-out alone applies
  });
});
