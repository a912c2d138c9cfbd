import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { keyFileSecret } from '../../../api/src/config';
import { DEFAULT_TTL_SECONDS, issueToken, type Role, ROLES } from '../../../api/src/auth/jwt';
import { tokenPolicyFromEnv } from '../../../api/src/auth/policy';
import { AGREEMENT, REGION_PREFIX } from '../../../api/src/auth/principal';
import { checkedSecret } from '../../../api/src/auth/secret';
import { ConfigError } from '../../../api/src/config-error';
import { type CommandIo, UsageError } from '../command';

export const tokenUsage = `huji token --role ROLE [--region PREFIX]... [--grant GRANT]... [--subject NAME] [--office OFFICE] [--agreement NAME] [--ttl HOURS]
  Prints a bearer token for local use, signed with the API's key: HUJI_JWT_SECRET, or the key the server
  generated in its data directory ($HUJI_DATA_DIR/jwt.secret, default ./data) on its first start. It says on
  stderr which key it signs with, and never creates one: run it with the server's HUJI_DATA_DIR (or the
  same HUJI_JWT_SECRET). Roles: ${ROLES.join(', ')}. A registrar needs at least one --region (a code prefix
  it may act in); --grant personal-data lets a subscriber receive names and id numbers. --subject names the
  holder (recorded as the actor of every event it causes; --sub is the same; default a fresh ROLE-<8 hex>);
  --agreement names the data-sharing agreement (数据共享协议) the subscriber reads under: its pseudonyms are keyed
  per agreement (every token of one agreement sees the same ones), else per subject.
  --ttl is the lifetime in hours (default 8), at most HUJI_TOKEN_MAX_LIFETIME (default 86400 s = 24 h).
  The token carries HUJI_JWT_ISSUER (default huji) and HUJI_JWT_AUDIENCE when set, as the API expects.`;

/** A subject no other token shares: audit trails name a person, not `registrar-local`. */
const freshSubject = (role: Role): string => `${role}-${randomBytes(4).toString('hex')}`;

const issue = async (args: readonly string[], io: CommandIo): Promise<number> => {
  const { values } = parseArgs({
    args: [...args], strict: true,
    options: {
      role: { type: 'string' }, region: { type: 'string', multiple: true }, grant: { type: 'string', multiple: true },
      subject: { type: 'string' }, sub: { type: 'string' }, office: { type: 'string' }, ttl: { type: 'string' }, agreement: { type: 'string' },
    },
  });
  const policy = tokenPolicyFromEnv(process.env);
  const role = values.role as Role | undefined;
  const regions = values.region ?? [];
  const maxHours = policy.maxLifetimeSeconds / 3600;
  const ttlSeconds = values.ttl === undefined ? Math.min(DEFAULT_TTL_SECONDS, policy.maxLifetimeSeconds) : Math.round(Number(values.ttl) * 3600);
  const subject = values.subject ?? values.sub;
  const problems = [
    ...(role && ROLES.includes(role) ? [] : [`--role must be one of ${ROLES.join(', ')}`]),
    ...(role === 'registrar' && regions.length === 0 ? ['a registrar needs at least one --region'] : []),
    ...regions.filter((r) => !REGION_PREFIX.test(r)).map((r) => `--region ${r} is not a region code prefix (2, 4, 6, 9 or 12 digits)`),
    ...(Number.isFinite(ttlSeconds) && ttlSeconds > 0 && ttlSeconds <= policy.maxLifetimeSeconds ? [] : [`--ttl must be hours, more than 0 and at most ${maxHours} (HUJI_TOKEN_MAX_LIFETIME)`]),
    ...(values.subject !== undefined && values.sub !== undefined && values.subject !== values.sub ? ['--subject and --sub name different subjects'] : []),
    ...(subject !== undefined && subject.trim() === '' ? ['--subject must not be empty'] : []),
    ...(values.agreement !== undefined && !AGREEMENT.test(values.agreement) ? [`--agreement ${values.agreement} is not an agreement name (a letter or digit, then letters, digits, . _ : or -, at most 100)`] : []),
  ];
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  const given = process.env.HUJI_JWT_SECRET?.trim();
  const file = resolve(io.config.dataDir, 'jwt.secret');
  if (!given && !existsSync(file)) {
    io.err(`huji token: no signing key at ${file}. The server generates it there on its first start (npm start) — run this with the server's HUJI_DATA_DIR, or set the same HUJI_JWT_SECRET. No key was created.`);
    return 2;
  }
  // The same checks as the API's at start: a weak key (unless HUJI_MODE=development) or an empty one is refused.
  const warn = (warning: string): void => io.err(`huji token: ${warning}`);
  const secret = given ? checkedSecret(given, process.env, warn) : keyFileSecret(file, process.env, warn);
  io.err(given ? 'huji token: signed with the key in HUJI_JWT_SECRET' : `huji token: signed with the key in ${file}`);
  const principal = { subject: subject ?? freshSubject(role!), role: role!, regions, grants: values.grant ?? [], ...(values.office ? { office: values.office } : {}), ...(values.agreement ? { agreement: values.agreement } : {}) };
  io.out(await issueToken(principal, secret, new Date(), ttlSeconds, policy));
  return 0;
};

/** `huji token`: issues a JWT for the API (the same key, issuer, audience and claims the API verifies); a refused configuration (a weak HUJI_JWT_SECRET or key file) exits 2. */
export const tokenCommand = (args: readonly string[], io: CommandIo): Promise<number> => issue(args, io).catch((error: unknown) => {
  if (!(error instanceof ConfigError)) throw error;
  io.err(`huji token: ${error.message}`);
  return 2;
});
