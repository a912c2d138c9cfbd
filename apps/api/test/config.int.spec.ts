import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { apiConfigFromEnv, jwtSecretOf } from '../src/config';
import { ConfigError } from '../src/config-error';

/** Configuration as the API reads it at start (files in a temp data dir); the refusals name their variable. */
const MAIN = resolve(__dirname, '../../../dist/apps/api/src/main.js');

const refusal = (env: NodeJS.ProcessEnv): string => {
  try {
    apiConfigFromEnv({ HUJI_LOG: 'off', ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return 'accepted';
};
const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);

describe('API configuration: secrets, listen address, token settings', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'huji-config-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('Given HUJI_JWT_SECRET of 1 character or `change-me`, Then the configuration is refused naming the variable; Given HUJI_MODE=development, Then it is accepted', () => {
    const data = join(dir, 'data');
    expect(refusal({ HUJI_DATA_DIR: data, HUJI_JWT_SECRET: 'x' })).toMatch(/^HUJI_JWT_SECRET is 1 character long; at least 32 are required/);
    expect(refusal({ HUJI_DATA_DIR: data, HUJI_JWT_SECRET: 'change-me' })).toMatch(/^HUJI_JWT_SECRET is 9 characters long/);
    expect(refusal({ HUJI_DATA_DIR: data, HUJI_JWT_SECRET: 'secret'.repeat(6) })).toMatch(/^HUJI_JWT_SECRET is made of well-known default words/);
    expect(apiConfigFromEnv({ HUJI_DATA_DIR: data, HUJI_JWT_SECRET: 'change-me', HUJI_MODE: 'development', HUJI_LOG: 'off' }).jwtSecret).toBe('change-me');
  });

  it('Given no HUJI_JWT_SECRET, Then a random key is generated once into a 0700 data dir as a 0600 file, and the next start reads the same key', () => {
    const data = join(dir, 'fresh');
    const first = apiConfigFromEnv({ HUJI_DATA_DIR: data });
    expect([modeOf(data), modeOf(join(data, 'jwt.secret')), first.jwtSecret.length]).toEqual(['700', '600', 43]);
    expect(apiConfigFromEnv({ HUJI_DATA_DIR: data }).jwtSecret).toBe(first.jwtSecret);
  });

  it('Given an existing data dir and key file readable by others, When the API reads its key, Then both are tightened', () => {
    const data = join(dir, 'old');
    mkdirSync(data, { mode: 0o755 });
    writeFileSync(join(data, 'jwt.secret'), 'Kd8Rw2Ym5Tq9Lx3Vb7Nc1Hf4Js6Gp0ZaUe', { mode: 0o644 });
    chmodSync(data, 0o755);
    chmodSync(join(data, 'jwt.secret'), 0o644);
    expect(apiConfigFromEnv({ HUJI_DATA_DIR: data }).jwtSecret).toBe('Kd8Rw2Ym5Tq9Lx3Vb7Nc1Hf4Js6Gp0ZaUe');
    expect([modeOf(data), modeOf(join(data, 'jwt.secret'))]).toEqual(['700', '600']);
  });

  it('Given a key file left empty (a crash or a full disk between its creation and its write), Then the API refuses to start naming the file, in development mode too', () => {
    const data = join(dir, 'empty');
    mkdirSync(data, { mode: 0o700 });
    const file = join(data, 'jwt.secret');
    writeFileSync(file, '\n', { mode: 0o600 });
    const expected = `the key file ${file} is empty. Delete it to have a random key generated at the next start (tokens signed with the old key stop working), or write a random key of at least 32 characters into it (e.g. \`openssl rand -base64 32\`). An empty key is refused in every mode: anyone could sign tokens with it.`;
    expect(refusal({ HUJI_DATA_DIR: data })).toBe(expected);
    expect(refusal({ HUJI_DATA_DIR: data, HUJI_MODE: 'development' })).toBe(expected);
    expect(readFileSync(file, 'utf8')).toBe('\n'); // left for the operator to look at, not silently replaced
  });

  it('Given a weak key in the key file, Then the API refuses to start naming the file and why; Given HUJI_MODE=development, Then it is used with a warning', () => {
    const data = join(dir, 'weak');
    mkdirSync(data, { mode: 0o700 });
    const file = join(data, 'jwt.secret');
    writeFileSync(file, 'change-me\n', { mode: 0o600 });
    const refused = refusal({ HUJI_DATA_DIR: data });
    expect(refused).toMatch(/^the key file .*jwt\.secret is 9 characters long; at least 32 are required\. Delete it .*\(HUJI_MODE=development accepts weak keys for local experiments\)\.$/);
    expect(refused).toContain(file);
    const warnings: string[] = [];
    expect(jwtSecretOf({ HUJI_MODE: 'development' }, data, (w) => warnings.push(w))).toBe('change-me');
    expect(warnings).toEqual([expect.stringContaining(`the key file ${file} is 9 characters long`)]);
  });

  it('Given the disk fills as the first start writes its key (a file size limit of 0 bytes), When the API starts again, Then no empty key file was left: a strong key is generated', () => {
    const data = join(dir, 'full');
    const first = spawnSync('sh', ['-c', 'ulimit -f 0 && exec "$0" "$1"', process.execPath, MAIN], { env: { ...process.env, HUJI_DATA_DIR: data, HUJI_JWT_SECRET: '', HUJI_MODE: '', HUJI_READ_STORE: '', HUJI_LOG: 'off' }, encoding: 'utf8', timeout: 30_000 });
    expect([first.status, first.stderr]).toEqual([1, expect.stringContaining('EFBIG')]);
    expect(readdirSync(data)).toEqual([]); // neither the key file nor its temporary one
    const key = apiConfigFromEnv({ HUJI_DATA_DIR: data }).jwtSecret;
    expect([key.length, readFileSync(join(data, 'jwt.secret'), 'utf8'), modeOf(join(data, 'jwt.secret'))]).toEqual([43, key, '600']);
  });

  it('Given an empty key file, When the API process starts (npm start), Then it exits 1 at once with one line naming the file, no stack', () => {
    const data = join(dir, 'data');
    mkdirSync(data, { mode: 0o700 });
    writeFileSync(join(data, 'jwt.secret'), '', { mode: 0o600 });
    const r = spawnSync(process.execPath, [MAIN], { env: { ...process.env, HUJI_DATA_DIR: data, HUJI_JWT_SECRET: '', HUJI_MODE: 'development', HUJI_READ_STORE: '' }, encoding: 'utf8', timeout: 30_000 });
    expect([r.status, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toMatch(/^huji api: the key file .*jwt\.secret is empty\. [^\n]*\n$/);
  });

  it('Given PORT, HUJI_BODY_LIMIT or HUJI_MIN_CELL that is not a count, Then the configuration is refused naming the variable (a ConfigError: one line, no stack)', () => {
    const data = join(dir, 'data');
    expect(refusal({ HUJI_DATA_DIR: data, PORT: 'http' })).toBe('PORT must be a non-negative integer, got "http"');
    expect(refusal({ HUJI_DATA_DIR: data, HUJI_BODY_LIMIT: '1.5' })).toBe('HUJI_BODY_LIMIT must be a non-negative integer, got "1.5"');
    expect(refusal({ HUJI_DATA_DIR: data, HUJI_MIN_CELL: '-1' })).toBe('HUJI_MIN_CELL must be a non-negative integer, got "-1"');
  });

  it('Given no HUJI_HOST, Then the API listens on 127.0.0.1 only; HUJI_HOST chooses another interface', () => {
    const data = join(dir, 'data');
    expect([apiConfigFromEnv({ HUJI_DATA_DIR: data }).host, apiConfigFromEnv({ HUJI_DATA_DIR: data, HUJI_HOST: '0.0.0.0' }).host]).toEqual(['127.0.0.1', '0.0.0.0']);
  });

  it('Given token settings, Then issuer, audience and maximum lifetime are read with their defaults (huji, none, 86400 s)', () => {
    const data = join(dir, 'data');
    expect(apiConfigFromEnv({ HUJI_DATA_DIR: data }).tokens).toEqual({ issuer: 'huji', maxLifetimeSeconds: 86_400 });
    expect(apiConfigFromEnv({ HUJI_DATA_DIR: data, HUJI_JWT_ISSUER: 'https://idp.example', HUJI_JWT_AUDIENCE: 'huji-api', HUJI_TOKEN_MAX_LIFETIME: '3600' }).tokens)
      .toEqual({ issuer: 'https://idp.example', audience: 'huji-api', maxLifetimeSeconds: 3600 });
    expect(refusal({ HUJI_DATA_DIR: data, HUJI_TOKEN_MAX_LIFETIME: 'forever' })).toBe('HUJI_TOKEN_MAX_LIFETIME must be a whole number of seconds, at least 60, got "forever"');
  });

  it('Given HUJI_JWKS_FILE with public keys, Then they are loaded; private keys, no JSON, a missing file, both sources or a plain-http URL are refused', async () => {
    const data = join(dir, 'data');
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const file = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const good = file('jwks.json', JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1' }] }));
    expect(apiConfigFromEnv({ HUJI_DATA_DIR: data, HUJI_JWKS_FILE: good }).tokens.jwks).toEqual({ file: good, keys: JSON.parse(readFileSync(good, 'utf8')) });
    const leaked = file('private.json', JSON.stringify({ keys: [await exportJWK(privateKey)] }));
    expect(refusal({ HUJI_DATA_DIR: data, HUJI_JWKS_FILE: leaked })).toBe(`HUJI_JWKS_FILE ${leaked} key 0 holds private key material (d): publish the public keys only`);
    expect(refusal({ HUJI_DATA_DIR: data, HUJI_JWKS_FILE: file('bad.json', '{') })).toMatch(/^HUJI_JWKS_FILE .* is not JSON$/);
    expect(refusal({ HUJI_DATA_DIR: data, HUJI_JWKS_FILE: file('hmac.json', JSON.stringify({ keys: [{ kty: 'oct', k: 'c2VjcmV0' }] })) })).toMatch(/key 0 is not an RSA, OKP or EC key/);
    expect(refusal({ HUJI_DATA_DIR: data, HUJI_JWKS_FILE: join(dir, 'none.json') })).toMatch(/^HUJI_JWKS_FILE .*none\.json cannot be read/);
    expect(refusal({ HUJI_DATA_DIR: data, HUJI_JWKS_FILE: good, HUJI_JWKS_URL: 'https://idp.example/jwks' })).toBe('set HUJI_JWKS_FILE or HUJI_JWKS_URL, not both');
    expect(refusal({ HUJI_DATA_DIR: data, HUJI_JWKS_URL: 'http://idp.example/jwks' })).toMatch(/^HUJI_JWKS_URL must be an https:\/\/ URL/);
    expect(apiConfigFromEnv({ HUJI_DATA_DIR: data, HUJI_JWKS_URL: 'https://idp.example/.well-known/jwks.json' }).tokens.jwks).toEqual({ url: 'https://idp.example/.well-known/jwks.json' });
  });

  it('Given HUJI_JWT_SECRET=change-me, When the API process starts (npm start), Then it exits 1 at once with one line naming the variable, no stack', () => {
    const r = spawnSync(process.execPath, [MAIN], { env: { ...process.env, HUJI_DATA_DIR: join(dir, 'data'), HUJI_JWT_SECRET: 'change-me', HUJI_MODE: '', HUJI_READ_STORE: '' }, encoding: 'utf8', timeout: 30_000 });
    expect([r.status, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toMatch(/^huji api: HUJI_JWT_SECRET is 9 characters long; at least 32 are required\. Set a random key .*\n$/);
  });
});
