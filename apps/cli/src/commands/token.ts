import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { jwtSecretOf } from '../../../api/src/config';
import { issueToken, type Role, ROLES } from '../../../api/src/auth/jwt';
import { type CommandIo, UsageError } from '../command';

export const tokenUsage = `huji token --role ROLE [--region PREFIX]... [--grant GRANT]... [--sub NAME] [--office OFFICE] [--ttl HOURS]
  Prints a bearer token for local use, signed with the API's key: HUJI_JWT_SECRET, or the key the server
  generated in its data directory ($HUJI_DATA_DIR/jwt.secret, default ./data) on its first start. It says on
  stderr which key it signs with, and never creates one: run it with the server's HUJI_DATA_DIR (or the
  same HUJI_JWT_SECRET). Roles: ${ROLES.join(', ')}. A registrar needs at least one --region (a code prefix
  it may act in); --grant personal-data lets a subscriber receive names and id numbers.`;

/** `huji token`: issues a JWT for the API (the same key and claims the API verifies). */
export const tokenCommand = (args: readonly string[], io: CommandIo): Promise<number> => {
  const { values } = parseArgs({
    args: [...args], strict: true,
    options: { role: { type: 'string' }, region: { type: 'string', multiple: true }, grant: { type: 'string', multiple: true }, sub: { type: 'string' }, office: { type: 'string' }, ttl: { type: 'string' } },
  });
  const role = values.role as Role | undefined;
  const regions = values.region ?? [];
  const ttl = Number(values.ttl ?? '8');
  const problems = [
    ...(role && ROLES.includes(role) ? [] : [`--role must be one of ${ROLES.join(', ')}`]),
    ...(role === 'registrar' && regions.length === 0 ? ['a registrar needs at least one --region'] : []),
    ...regions.filter((r) => !/^(?:\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(r)).map((r) => `--region ${r} is not a region code prefix (2, 4, 6, 9 or 12 digits)`),
    ...(Number.isFinite(ttl) && ttl > 0 && ttl <= 24 * 366 ? [] : ['--ttl must be hours, more than 0']),
  ];
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  const given = process.env.HUJI_JWT_SECRET?.trim();
  const file = resolve(io.config.dataDir, 'jwt.secret');
  if (!given && !existsSync(file)) {
    io.err(`huji token: no signing key at ${file}. The server generates it there on its first start (npm start) — run this with the server's HUJI_DATA_DIR, or set the same HUJI_JWT_SECRET. No key was created.`);
    return Promise.resolve(2);
  }
  io.err(given ? 'huji token: signed with the key in HUJI_JWT_SECRET' : `huji token: signed with the key in ${file}`);
  const secret = jwtSecretOf(process.env, io.config.dataDir);
  io.out(issueToken({ subject: values.sub ?? `${role!}-local`, role: role!, regions, grants: values.grant ?? [], ...(values.office ? { office: values.office } : {}) }, secret, new Date(), Math.round(ttl * 3600)));
  return Promise.resolve(0);
};
