import { randomBytes } from 'node:crypto';
import { checkedSecret, runModeOf, secretWeakness } from '../src/auth/secret';
import { ConfigError } from '../src/config-error';

/** Runs the check as the API does at start; what it returned or the message it stopped with, and any warnings. */
const start = (secret: string, env: NodeJS.ProcessEnv = {}) => {
  const warnings: string[] = [];
  try {
    return { accepted: checkedSecret(secret, env, (w) => warnings.push(w)), warnings };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { refused: error.message, warnings };
  }
};

describe('HUJI_JWT_SECRET: no default or weak signing keys', () => {
  it.each([
    ['a 1-character key', 'x', 'is 1 character long; at least 32 are required'],
    ['the old compose default', 'change-me', 'is 9 characters long'],
    ['EventStoreDB\'s default', 'changeit', 'is 8 characters long'],
    ['a default word repeated to length', 'change-me-change-me-change-me-change-me', 'well-known default words'],
    ['default words and digits', 'huji-test-secret-password-0000000001', 'well-known default words'],
    ['a repeated character', 'a'.repeat(40), 'too little entropy'],
    ['a repeated unit', 'Xy7'.repeat(12), 'too little entropy'],
    ['a run of neighbours', 'abcdefghijklmnopqrstuvwxyz0123456789', 'too little entropy'],
    ['one character with a few others', `${'0'.repeat(30)}Kq7Zp`, 'too little entropy'],
  ])('Given %s, When the API starts, Then it refuses to, naming HUJI_JWT_SECRET and why', (_, secret, why) => {
    const result = start(secret);
    expect(result.refused).toMatch(/^HUJI_JWT_SECRET /);
    expect(result.refused).toContain(why);
    expect(result.refused).toContain('openssl rand');
  });

  it('Given random keys as `openssl rand` makes them (hex and base64, the shortest allowed), Then every one is accepted', () => {
    const keys = Array.from({ length: 2_000 }, (_, i) => (i % 2 ? randomBytes(16).toString('hex') : randomBytes(24).toString('base64')));
    expect(keys.filter((k) => secretWeakness(k) !== undefined)).toEqual([]);
  });

  it('Given a passphrase of 32+ characters that is more than default words, Then it is accepted', () => {
    expect(start('correct-horse-battery-staple-zhengzhou-2024').accepted).toBe('correct-horse-battery-staple-zhengzhou-2024');
  });

  it('Given HUJI_MODE=development, When a weak key is given, Then it is accepted with a warning that names the variable', () => {
    const result = start('x', { HUJI_MODE: 'development' });
    expect(result).toEqual({ accepted: 'x', warnings: [expect.stringContaining('HUJI_JWT_SECRET is 1 character long')] });
    expect(result.warnings[0]).toContain('HUJI_MODE=development');
  });

  it('Given HUJI_MODE unset, production, or something else, Then production is the default and an unknown mode is refused', () => {
    expect([runModeOf({}), runModeOf({ HUJI_MODE: 'production' }), runModeOf({ HUJI_MODE: ' development ' })]).toEqual(['production', 'production', 'development']);
    expect(() => runModeOf({ HUJI_MODE: 'dev' })).toThrow('HUJI_MODE must be "production" or "development", got "dev"');
    expect(start('x', { HUJI_MODE: 'production' }).refused).toContain('HUJI_JWT_SECRET is 1 character long');
  });
});
