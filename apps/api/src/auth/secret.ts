import { ConfigError } from '../config-error';

/** The shortest signing key accepted outside development: 32 characters (≥ 128 bits if they are random). */
export const MIN_SECRET_LENGTH = 32;

/**
 * Words of default and example keys (compose files, tutorials, our own old defaults). A key made only of
 * them, with a little glue, is the first thing an attacker tries.
 */
const KNOWN_DEFAULTS = [
  'changeme', 'changeit', 'change', 'secret', 'password', 'passwd', 'huji', 'test', 'testing', 'default', 'example', 'sample',
  'admin', 'root', 'jwt', 'key', 'token', 'letmein', 'qwerty', 'dev', 'development', 'local', 'demo', 'e2e',
];

/** Empirical Shannon entropy, bits per character: random hex scores ~3.6, base64 ~4.8, `aaaa…ab` ~0.2. */
const bitsPerCharacter = (text: string): number => {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts.values()].reduce((bits, n) => bits - (n / text.length) * Math.log2(n / text.length), 0);
};

/** `abcabcabc…`: the key is a shorter unit repeated. */
const isRepetition = (text: string): boolean => {
  for (let unit = 1; unit <= text.length / 2; unit++) if (text.slice(unit) === text.slice(0, -unit)) return true;
  return false;
};

/** `abcdef…`, `0123…`, `zyx…`: more than half the neighbours are one step apart. */
const isSequence = (text: string): boolean => {
  let steps = 0;
  for (let i = 1; i < text.length; i++) if (Math.abs(text.charCodeAt(i) - text.charCodeAt(i - 1)) === 1) steps++;
  return steps > (text.length - 1) / 2;
};

const isLowEntropy = (text: string): boolean => isRepetition(text) || isSequence(text) || bitsPerCharacter(text) < 2.5;

const BY_LENGTH = KNOWN_DEFAULTS.toSorted((a, b) => b.length - a.length);

/** Is the key known default words with a little glue (`change-me-change-me…`, `huji-secret-0000000001`)? */
const isMadeOfDefaults = (secret: string): boolean => {
  const letters = secret.toLowerCase().replace(/[^a-z0-9]/g, '');
  const rest = BY_LENGTH.reduce((left, word) => left.replaceAll(word, ''), letters);
  return rest !== letters && (rest.length < 8 || isRepetition(rest) || bitsPerCharacter(rest) < 2.5);
};

/**
 * Why a signing key is too weak to protect a population register, or undefined when it is fine: too short,
 * made of known default words (`change-me`, `secret`, `huji`, …), or low-entropy (one character repeated, a
 * repeated unit, a run like `abcdef…`). A random key (`openssl rand -base64 32`) always passes.
 */
export const secretWeakness = (secret: string): string | undefined => {
  if (secret.length < MIN_SECRET_LENGTH) return `is ${secret.length} character${secret.length === 1 ? '' : 's'} long; at least ${MIN_SECRET_LENGTH} are required`;
  if (isMadeOfDefaults(secret)) return 'is made of well-known default words (change-me, secret, password, huji, test, …)';
  if (isLowEntropy(secret)) return 'has too little entropy (repeated or sequential characters)';
  return undefined;
};

/** `HUJI_MODE`: `production` (the default) refuses weak secrets; `development` accepts them with a warning. */
export type RunMode = 'production' | 'development';

export const runModeOf = (env: NodeJS.ProcessEnv): RunMode => {
  const mode = env.HUJI_MODE?.trim() || 'production';
  if (mode !== 'production' && mode !== 'development') throw new ConfigError(`HUJI_MODE must be "production" or "development", got "${mode}"`);
  return mode;
};

/** Where a signing key came from, for the refusal: its name and what to do about a weak one. */
export interface KeySource {
  readonly name: string;
  readonly remedy: string;
}

/** A key given in the environment variable `variable`, whose generated stand-in is `$HUJI_DATA_DIR/<file>`. */
export const envKeySource = (variable: string, file: string): KeySource => ({
  name: variable,
  remedy: `Set a random key of at least ${MIN_SECRET_LENGTH} characters (e.g. \`openssl rand -base64 32\`), or unset ${variable} to use the key generated in $HUJI_DATA_DIR/${file}`,
});

const FROM_ENV: KeySource = envKeySource('HUJI_JWT_SECRET', 'jwt.secret');

/** The key file the registry generates in its data directory when no HUJI_JWT_SECRET is given. */
export const keyFileSource = (file: string): KeySource => ({
  name: `the key file ${file}`,
  remedy: `Delete it to have a random key generated at the next start (tokens signed with the old key stop working), or write a random key of at least ${MIN_SECRET_LENGTH} characters into it (e.g. \`openssl rand -base64 32\`)`,
});

/**
 * A signing key, checked: a weak one stops the process (tokens signed with a guessable key let anyone act as a
 * registrar), unless `HUJI_MODE=development` says this is no registry. An empty key is refused in every mode:
 * HMAC with an empty key is a signature anyone can compute (a key file left empty by a crash, a typo).
 */
export const checkedSecret = (secret: string, env: NodeJS.ProcessEnv, warn: (message: string) => void, source: KeySource = FROM_ENV): string => {
  if (secret === '') throw new ConfigError(`${source.name} is empty. ${source.remedy}. An empty key is refused in every mode: anyone could sign tokens with it.`);
  const weakness = secretWeakness(secret);
  if (weakness === undefined) return secret;
  const problem = `${source.name} ${weakness}`;
  if (runModeOf(env) === 'development') {
    warn(`${problem}: accepted because HUJI_MODE=development; never run a registry with real data like this`);
    return secret;
  }
  throw new ConfigError(`${problem}. ${source.remedy} (HUJI_MODE=development accepts weak keys for local experiments).`);
};
