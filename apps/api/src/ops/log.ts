/** Structured logs: one JSON object per line on stdout (time, level, app, msg, fields). */
export type LogLevel = 'info' | 'warn' | 'error';

/**
 * 公民身份号码 in a log: 18 characters (or the 15 digits of a first-generation number) with no letter or digit
 * either side. The first six digits (the county of registration, 行政区划代码) stay, for operations; the date of
 * birth, the order number and the check character never reach a log.
 */
const CITIZEN_ID = /(?<![0-9A-Za-z])([0-9]{6})(?:[0-9]{11}[0-9Xx]|[0-9]{9})(?![0-9A-Za-z])/g;
/** A JWT (JWS or JWE compact form): base64url segments separated by dots, the first a JSON header (`{"` → `eyJ`). */
const JWT = /eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){2,4}/g;
/** A bearer credential written out (`Bearer abc…`), as an Authorization header would carry it. */
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/g;
/** Words of a query parameter name that mark its value as a credential (`token`, `access_token`, `apiKey`, `client_secret` …). */
const SECRET_WORDS = new Set(['token', 'jwt', 'key', 'apikey', 'secret', 'authorization', 'auth', 'password', 'passwd', 'pwd', 'signature', 'sig', 'credential', 'credentials', 'session', 'cookie', 'bearer']);

export const REDACTED = '[redacted]';

/** `41010219850315002X` → `410102************`: the mask keeps the length, so a reader still sees a citizen id was there. */
const maskCitizenIds = (text: string): string => text.replace(CITIZEN_ID, (id: string, county: string) => `${county}${'*'.repeat(id.length - 6)}`);

/** Any text with citizen ids masked and tokens (JWTs, bearer credentials) replaced by `[redacted]`. */
export const redactedText = (text: string): string =>
  maskCitizenIds(text.replace(JWT, REDACTED).replace(BEARER, `Bearer ${REDACTED}`));

const isSecretName = (name: string): boolean =>
  name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).some((word) => SECRET_WORDS.has(word));

/** Percent-decoded (and, in a query, `+` as a space); as sent when it does not decode. */
const decoded = (part: string, query: boolean): string => {
  try {
    return decodeURIComponent(query ? part.replace(/\+/g, ' ') : part);
  } catch {
    return part;
  }
};

/** One path segment or query value: kept as sent unless it held something to redact (then written decoded and redacted). */
const redactedPart = (part: string, query: boolean): string => {
  const plain = decoded(part, query);
  const redacted = redactedText(plain);
  return redacted === plain ? part : encodeURIComponent(redacted).replaceAll('%5Bredacted%5D', REDACTED);
};

const redactedPair = (pair: string): string => {
  const at = pair.indexOf('=');
  const name = at < 0 ? pair : pair.slice(0, at);
  if (at < 0) return redactedPart(name, true);
  return `${redactedPart(name, true)}=${isSecretName(decoded(name, true)) ? REDACTED : redactedPart(pair.slice(at + 1), true)}`;
};

/**
 * A request URL as the access log may hold it: citizen ids masked anywhere in the path or query (also
 * percent-encoded), the values of credential-named query parameters (token, access_token, jwt, key, secret,
 * authorization …) and anything that looks like a JWT replaced by `[redacted]`. The route pattern is logged beside it.
 */
export const redactedUrl = (url: string): string => {
  const [beforeFragment = ''] = url.split('#');
  const q = beforeFragment.indexOf('?');
  const path = q < 0 ? beforeFragment : beforeFragment.slice(0, q);
  const redactedPath = path.split('/').map((segment) => redactedPart(segment, false)).join('/');
  if (q < 0) return redactedPath;
  return `${redactedPath}?${beforeFragment.slice(q + 1).split('&').map(redactedPair).join('&')}`;
};

/** Every string of a log line passes `redactedText`: no call site can put a citizen id or a token in the log. */
const redactStrings = (_key: string, value: unknown): unknown => (typeof value === 'string' ? redactedText(value) : value);

export const logLine = (level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, app: 'api', msg, ...fields }, redactStrings)}\n`);
};

const MESSAGE_LIMIT = 1_000;
const STACK_LIMIT = 4_000;

/**
 * An error for the log: its name, message and stack — bounded (an error that quotes a request cannot carry it
 * whole into the log) and, like every log string, without citizen ids or tokens. Never the request body.
 */
export const errorFields = (error: unknown): Record<string, unknown> =>
  (error instanceof Error
    ? { error: error.message.slice(0, MESSAGE_LIMIT), errorName: error.name, stack: error.stack?.slice(0, STACK_LIMIT) }
    : { error: String(error).slice(0, MESSAGE_LIMIT) });
