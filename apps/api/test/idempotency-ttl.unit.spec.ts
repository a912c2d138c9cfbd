import { idempotencyTtlHours } from '../src/commands/idempotency';

describe('HUJI_IDEMPOTENCY_TTL_HOURS', () => {
  it('Given no value, Then keys live 24 hours; Given a positive number of hours, Then that', () => {
    expect([idempotencyTtlHours({}), idempotencyTtlHours({ HUJI_IDEMPOTENCY_TTL_HOURS: ' ' }), idempotencyTtlHours({ HUJI_IDEMPOTENCY_TTL_HOURS: '0.5' }), idempotencyTtlHours({ HUJI_IDEMPOTENCY_TTL_HOURS: '72' })])
      .toEqual([24, 24, 0.5, 72]);
  });

  it('Given zero, a negative, a non-number or more than a year, Then the configuration is refused at start-up', () => {
    for (const value of ['0', '-1', 'a day', 'Infinity', '8761', '3e9'])
      expect(() => idempotencyTtlHours({ HUJI_IDEMPOTENCY_TTL_HOURS: value })).toThrow(`HUJI_IDEMPOTENCY_TTL_HOURS must be a positive number of hours, at most 8760 (a year), got "${value}"`);
  });
});
