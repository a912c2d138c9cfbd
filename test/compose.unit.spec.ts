// The production docker-compose.yml, checked as data: cluster shape, wiring of the apps, and references
// (depends_on targets, named volumes, networks) that compose itself would only reject at `up` time.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const COMPOSE_FILE = join(__dirname, '..', 'docker-compose.yml');
const ESDB_IMAGE = /^(docker\.io\/)?(eventstore\/eventstore|kurrent-io\/kurrentdb|eventstore\/kurrentdb)([:@]|$)/;
const APPS = ['api', 'projector'] as const;

type Dict = Record<string, unknown>;
type Environment = ReadonlyMap<string, string | undefined>;
interface Service {
  readonly name: string;
  readonly definition: Dict;
}
interface Compose {
  readonly services: ReadonlyMap<string, Service>;
  readonly volumes: ReadonlySet<string>;
  readonly networks: ReadonlySet<string>;
}

const isDict = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value);

const keysOf = (value: unknown): string[] => (isDict(value) ? Object.keys(value) : []);

const scalar = (value: unknown): string | undefined => {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`expected a scalar, got ${JSON.stringify(value)}`);
};

/** Top-level parse and narrowing: only the parts these tests read. */
function loadCompose(file: string): Compose {
  const document: unknown = parse(readFileSync(file, 'utf8'));
  if (!isDict(document)) throw new Error(`${file}: the top level is not a mapping`);
  const rawServices = document['services'];
  if (!isDict(rawServices)) throw new Error(`${file}: no services mapping`);
  const services = new Map<string, Service>();
  for (const [name, definition] of Object.entries(rawServices)) {
    if (!isDict(definition)) throw new Error(`${file}: service ${name} is not a mapping`);
    services.set(name, { name, definition });
  }
  return { services, volumes: new Set(keysOf(document['volumes'])), networks: new Set(keysOf(document['networks'])) };
}

/** `environment:` as a map (KEY: value) or a list (KEY=VALUE, or bare KEY passed through from the host). */
function environmentOf(service: Service): Environment {
  const raw = service.definition['environment'];
  const env = new Map<string, string | undefined>();
  if (raw === undefined || raw === null) return env;
  if (Array.isArray(raw)) {
    for (const entry of raw as unknown[]) {
      if (typeof entry !== 'string') throw new Error(`${service.name}: environment entry ${JSON.stringify(entry)} is not a string`);
      const eq = entry.indexOf('=');
      if (eq === -1) env.set(entry, undefined);
      else env.set(entry.slice(0, eq), entry.slice(eq + 1));
    }
    return env;
  }
  if (isDict(raw)) {
    for (const [key, value] of Object.entries(raw)) env.set(key, scalar(value));
    return env;
  }
  throw new Error(`${service.name}: environment is neither a map nor a list`);
}

/** `depends_on:` as a list of names or a map of name -> { condition }. */
function dependsOn(service: Service): ReadonlyMap<string, string | undefined> {
  const raw = service.definition['depends_on'];
  const deps = new Map<string, string | undefined>();
  if (Array.isArray(raw)) {
    for (const name of raw as unknown[]) if (typeof name === 'string') deps.set(name, undefined);
  } else if (isDict(raw)) {
    for (const [name, spec] of Object.entries(raw)) deps.set(name, isDict(spec) ? scalar(spec['condition']) : undefined);
  }
  return deps;
}

/** Named volumes a service mounts (short `name:/path[:mode]` or long `{ type: volume, source }`); bind mounts and anonymous volumes are not named. */
function namedVolumesOf(service: Service): string[] {
  const raw = service.definition['volumes'];
  if (!Array.isArray(raw)) return [];
  const names: string[] = [];
  for (const mount of raw as unknown[]) {
    if (typeof mount === 'string') {
      const parts = mount.split(':');
      const source = parts[0];
      if (parts.length >= 2 && source !== undefined && !/^[./~$]/.test(source)) names.push(source);
    } else if (isDict(mount) && mount['type'] === 'volume') {
      const source = scalar(mount['source']);
      if (source !== undefined) names.push(source);
    }
  }
  return names;
}

const networksOf = (service: Service): string[] => {
  const raw = service.definition['networks'];
  return Array.isArray(raw) ? (raw as unknown[]).filter((n): n is string => typeof n === 'string') : keysOf(raw);
};

const isEventStore = (service: Service): boolean => {
  const image = service.definition['image'];
  return typeof image === 'string' && ESDB_IMAGE.test(image);
};

/** `host:port,host:port` -> [{ host, port }]. */
const gossipSeeds = (value: string | undefined): { host: string; port: string }[] =>
  (value ?? '')
    .split(',')
    .map((seed) => seed.trim())
    .filter((seed) => seed !== '')
    .map((seed) => {
      const [host = '', port = ''] = seed.split(':');
      return { host, port };
    });

/** Hosts of an `esdb://[user:pass@]h1:p1,h2:p2?opts` connection string. */
const esdbHosts = (url: string): string[] => {
  const match = /^esdb(\+discover)?:\/\/(?:[^@/]+@)?([^?/]+)/.exec(url);
  return (match?.[2] ?? '').split(',').map((hostPort) => hostPort.split(':')[0] ?? '');
};

const sorted = (values: Iterable<string>): string[] => [...values].sort();

/** A variable that holds a secret, by name (a `…_FILE` or `…_PATH` names where one is, not the secret). */
const SECRET_NAME = /(?:PASSWORD|PASSWD|SECRET|PRIVATE_KEY|API_KEY|CREDENTIALS?)$/;

/** One `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:?error}` or `${NAME?error}` of compose's interpolation. */
interface Interpolation { readonly text: string; readonly name: string; readonly operator: string; readonly argument: string }
const INTERPOLATION = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}/g;
const interpolationsIn = (text: string): Interpolation[] =>
  [...text.matchAll(INTERPOLATION)].map((m) => ({ text: m[0], name: m[1]!, operator: m[2] ?? '', argument: m[3] ?? '' }));
/** Required: compose refuses to run without it (`:?` also refuses an empty value). */
const isRequired = (i: Interpolation): boolean => i.operator === ':?' || i.operator === '?';
/** The value compose would use with nothing set: defaults filled in. */
const withDefaults = (text: string): string => text.replace(INTERPOLATION, (_, _name: string, operator: string | undefined, argument: string | undefined) => (operator === ':-' || operator === '-' ? argument ?? '' : ''));
/** The compose file without its comment lines (they explain `${…}` in prose). */
const uncommented = (text: string): string => text.split('\n').filter((line) => !line.trimStart().startsWith('#')).join('\n');

/** The password of `scheme://user:password@host…` (interpolations kept whole: `${HUJI_ESDB_USER:-admin}` holds a colon). */
const urlPassword = (value: string): string | undefined => {
  const found = interpolationsIn(value);
  const masked = found.reduce((text, i, n) => text.replace(i.text, `<${n}>`), value);
  const match = /^[a-z+]+:\/\/[^:@/]*:([^@/]*)@/.exec(masked);
  return match ? match[1]!.replace(/<(\d+)>/g, (_, n: string) => found[Number(n)]!.text) : undefined;
};

/** Is `value` exactly one required interpolation of a secret variable (`${HUJI_PG_PASSWORD:?…}`)? */
const isRequiredSecret = (value: string): boolean => {
  const [only, ...more] = interpolationsIn(value);
  return only !== undefined && more.length === 0 && only.text === value && isRequired(only) && SECRET_NAME.test(only.name);
};

/** `[host_ip:][host_port:]container_port[/proto]` (short syntax) or `{ host_ip, published, target }` (long). */
const hostIpOf = (port: unknown): string | undefined => {
  if (isDict(port)) return scalar(port['host_ip']);
  const text = withDefaults(String(port));
  const ipv6 = /^\[([0-9a-fA-F:]+)\]:\d+:\d+(?:\/\w+)?$/.exec(text);
  if (ipv6) return ipv6[1];
  const parts = text.split(':');
  return parts.length === 3 ? parts[0] : undefined;
};
const LOOPBACK = new Set(['127.0.0.1', '::1']);

/** Whether this machine's docker CLI has the compose plugin; `docker compose` is an unknown command without it. */
function probeDockerCompose(): { available: true } | { available: false; reason: string } {
  // spawnSync reports a missing binary (ENOENT) or a timeout in `error` rather than throwing.
  const result: SpawnSyncReturns<string> = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8', timeout: 10_000 });
  if (result.error) return { available: false, reason: `could not run docker (${result.error.message})` };
  if (result.status !== 0) {
    const said = `${result.stderr}${result.stdout}`.trim().split('\n')[0] ?? '';
    return { available: false, reason: `\`docker compose version\` exited ${String(result.status)}: ${said}` };
  }
  return { available: true };
}

const EMPTY: Compose = { services: new Map(), volumes: new Set(), networks: new Set() };

describe('docker-compose.yml', () => {
  // Loaded at collection time; a load failure is reported by the first test instead of aborting the suite.
  let loadError: unknown;
  let compose = EMPTY;
  try {
    compose = loadCompose(COMPOSE_FILE);
  } catch (error: unknown) {
    loadError = error;
  }
  const services = [...compose.services.values()];
  const esdbNodes = services.filter(isEventStore);
  const esdbNames = esdbNodes.map((node) => node.name);
  const service = (name: string): Service => {
    const found = compose.services.get(name);
    if (!found) throw new Error(`no service ${name} in ${COMPOSE_FILE}`);
    return found;
  };

  test('Given the production compose file, When it is parsed, Then it parses as a mapping with services', () => {
    expect(loadError).toBeUndefined();
    expect(compose.services.size).toBeGreaterThan(0);
  });

  test('Given the production compose file, When it is parsed, Then there are exactly three EventStoreDB nodes, each expecting a cluster of 3', () => {
    expect(esdbNames).toHaveLength(3);
    for (const node of esdbNodes) {
      expect({ node: node.name, size: environmentOf(node).get('EVENTSTORE_CLUSTER_SIZE') }).toEqual({ node: node.name, size: '3' });
    }
  });

  test('Given the production compose file, When it is parsed, Then each node gossip-seeds the two other nodes on 2113 and not itself', () => {
    for (const node of esdbNodes) {
      const seeds = gossipSeeds(environmentOf(node).get('EVENTSTORE_GOSSIP_SEED'));
      const others = esdbNames.filter((name) => name !== node.name);
      expect({ node: node.name, seeds: sorted(seeds.map((s) => s.host)) }).toEqual({ node: node.name, seeds: sorted(others) });
      expect(seeds.every((s) => s.port === '2113')).toBe(true);
      expect(environmentOf(node).get('EVENTSTORE_DISCOVER_VIA_DNS')).toBe('false');
    }
  });

  test('Given the production compose file, When it is parsed, Then every node runs TLS with its own certificate, all projections and room for ~4 MB events', () => {
    const certificates = new Set<string | undefined>();
    for (const node of esdbNodes) {
      const env = environmentOf(node);
      expect({ node: node.name, insecure: env.get('EVENTSTORE_INSECURE') ?? 'false' }).toEqual({ node: node.name, insecure: 'false' });
      expect(env.get('EVENTSTORE_CERTIFICATE_FILE')).toEqual(expect.any(String));
      expect(env.get('EVENTSTORE_CERTIFICATE_PRIVATE_KEY_FILE')).toEqual(expect.any(String));
      expect(env.get('EVENTSTORE_TRUSTED_ROOT_CERTIFICATES_PATH')).toEqual(expect.any(String));
      certificates.add(env.get('EVENTSTORE_CERTIFICATE_FILE'));
      expect(env.get('EVENTSTORE_RUN_PROJECTIONS')?.toLowerCase()).toBe('all');
      expect(Number(env.get('EVENTSTORE_MAX_APPEND_SIZE'))).toBeGreaterThanOrEqual(4 * 1024 * 1024);
      expect(node.definition['healthcheck']).toBeDefined();
    }
    expect(certificates.size).toBe(esdbNodes.length);
  });

  test('Given the production compose file, When it is parsed, Then a postgres service exists with a healthcheck', () => {
    const postgres = service('postgres');
    expect(postgres.definition['image']).toMatch(/^postgres:16/);
    expect(environmentOf(postgres).get('POSTGRES_DB')).toBe('huji');
    expect(postgres.definition['healthcheck']).toBeDefined();
  });

  test.each(APPS)('Given the production compose file, When it is parsed, Then %s waits for the database and every ESDB node to be healthy', (name) => {
    const deps = dependsOn(service(name));
    for (const target of ['postgres', ...esdbNames]) {
      expect({ service: name, target, condition: deps.get(target) }).toEqual({ service: name, target, condition: 'service_healthy' });
    }
  });

  test.each(APPS)('Given the production compose file, When it is parsed, Then %s is configured with HUJI_ESDB_URL naming every node and HUJI_READ_STORE pointing at postgres', (name) => {
    const env = environmentOf(service(name));
    const esdbUrl = env.get('HUJI_ESDB_URL');
    const readStore = env.get('HUJI_READ_STORE');
    expect(esdbUrl).toEqual(expect.any(String));
    expect(readStore).toEqual(expect.any(String));
    expect(sorted(esdbHosts(esdbUrl ?? ''))).toEqual(sorted(esdbNames));
    expect(readStore).toMatch(/^postgres(ql)?:\/\/[^@]+@postgres:5432\/huji$/);
  });

  test('Given the production compose file, When it is parsed, Then every depends_on target is a declared service', () => {
    const dangling = services.flatMap((s) => [...dependsOn(s).keys()].filter((t) => !compose.services.has(t)).map((t) => `${s.name} -> ${t}`));
    expect(dangling).toEqual([]);
  });

  test('Given the production compose file, When it is parsed, Then every named volume and network a service uses is declared', () => {
    const undeclaredVolumes = services.flatMap((s) => namedVolumesOf(s).filter((v) => !compose.volumes.has(v)).map((v) => `${s.name}: ${v}`));
    const undeclaredNetworks = services.flatMap((s) => networksOf(s).filter((n) => !compose.networks.has(n)).map((n) => `${s.name}: ${n}`));
    expect({ undeclaredVolumes, undeclaredNetworks }).toEqual({ undeclaredVolumes: [], undeclaredNetworks: [] });
  });

  test('Given the production compose file, When it is parsed, Then every service has an image or a build', () => {
    const bare = services.filter((s) => s.definition['image'] === undefined && s.definition['build'] === undefined).map((s) => s.name);
    expect(bare).toEqual([]);
  });

  test('Given the production compose file, When its interpolations are read, Then no secret has a default: every one is required (${NAME:?…})', () => {
    const secrets = interpolationsIn(uncommented(readFileSync(COMPOSE_FILE, 'utf8'))).filter((i) => SECRET_NAME.test(i.name));
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    expect(secrets.filter((i) => !isRequired(i)).map((i) => i.text)).toEqual([]);
    expect(sorted(new Set(secrets.map((i) => i.name)))).toEqual(['HUJI_ESDB_ADMIN_PASSWORD', 'HUJI_ESDB_OPS_PASSWORD', 'HUJI_ESDB_PASSWORD', 'HUJI_JWT_SECRET', 'HUJI_PG_PASSWORD', 'HUJI_PSEUDONYM_SECRET', 'HUJI_SDC_SECRET']);
  });

  test('Given the production compose file, When the environment of every service is read, Then each secret variable and each password in a URL is one required interpolation, never a literal', () => {
    const secretValues = services.flatMap((s) => [...environmentOf(s)].flatMap(([key, value = '']) => {
      const password = urlPassword(value);
      return [...(SECRET_NAME.test(key) ? [value] : []), ...(password !== undefined ? [password] : [])].map((secret) => ({ where: `${s.name}: ${key}`, secret }));
    }));
    expect(secretValues.length).toBeGreaterThanOrEqual(10);
    expect(secretValues.filter((v) => !isRequiredSecret(v.secret))).toEqual([]);
  });

  test('Given the production compose file, When every EventStoreDB node is read, Then its built-in admin and ops passwords are set (never EventStoreDB\'s "changeit")', () => {
    const variableOf = (value: string | undefined): string | undefined => (value !== undefined && isRequiredSecret(value) ? interpolationsIn(value)[0]!.name : value);
    const passwords = esdbNodes.map((node) => {
      const env = environmentOf(node);
      return { node: node.name, admin: variableOf(env.get('EVENTSTORE_DEFAULT_ADMIN_PASSWORD')), ops: variableOf(env.get('EVENTSTORE_DEFAULT_OPS_PASSWORD')) };
    });
    expect(passwords).toEqual(esdbNames.map((node) => ({ node, admin: 'HUJI_ESDB_ADMIN_PASSWORD', ops: 'HUJI_ESDB_OPS_PASSWORD' })));
  });

  test('Given the production compose file, When published ports are read, Then only the api publishes one, bound to an explicit address that is loopback by default', () => {
    const published = services.flatMap((s) => (Array.isArray(s.definition['ports']) ? (s.definition['ports'] as unknown[]) : []).map((port) => ({ service: s.name, port, hostIp: hostIpOf(port) })));
    expect(published.map((p) => p.service)).toEqual(['api']);
    expect(published.filter((p) => p.hostIp === undefined || !LOOPBACK.has(p.hostIp)).map((p) => `${p.service}: ${String(p.port)}`)).toEqual([]);
    expect(published[0]!.port).toMatch(/^\$\{HUJI_API_BIND:-127\.0\.0\.1\}:/);
  });

  test('Given the production compose file, When the api service is read, Then its data dir is a named volume: the disclosure log (查询留痕) outlives the container', () => {
    const mounts = (service('api').definition['volumes'] as unknown[]).filter((m): m is string => typeof m === 'string');
    expect(mounts.filter((m) => m.endsWith(':/app/data') && !/^[./~$]/.test(m))).toHaveLength(1);
    expect(environmentOf(service('api')).get('HUJI_DATA_DIR')).toBeUndefined(); // the image's default, ./data under /app
  });

  test('Given the production compose file, When the api service is read, Then it listens on every interface of its container (the port mapping decides who reaches it)', () => {
    expect(environmentOf(service('api')).get('HUJI_HOST')).toBe('0.0.0.0');
  });

  const dockerCompose = probeDockerCompose();
  if (dockerCompose.available) {
    const secrets = { HUJI_PG_PASSWORD: 'p', HUJI_ESDB_ADMIN_PASSWORD: 'a', HUJI_ESDB_OPS_PASSWORD: 'o', HUJI_ESDB_PASSWORD: 'a', HUJI_JWT_SECRET: 's', HUJI_PSEUDONYM_SECRET: 'q', HUJI_SDC_SECRET: 'r' };
    const unset = Object.fromEntries(Object.entries(process.env).filter(([name]) => !(name in secrets)));
    test('Given every secret set, When docker compose validates the file, Then `docker compose config -q` succeeds', () => {
      const result = spawnSync('docker', ['compose', '--file', COMPOSE_FILE, 'config', '--quiet'], { encoding: 'utf8', timeout: 30_000, env: { ...unset, ...secrets } });
      // stderr only matters when it failed (compose also prints warnings there).
      expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({ status: 0, stderr: '' });
    });
    test('Given HUJI_JWT_SECRET unset, When docker compose validates the file, Then it fails naming HUJI_JWT_SECRET', () => {
      const { HUJI_JWT_SECRET: _, ...others } = secrets;
      const result = spawnSync('docker', ['compose', '--file', COMPOSE_FILE, 'config', '--quiet'], { encoding: 'utf8', timeout: 30_000, env: { ...unset, ...others } });
      expect([result.status === 0, result.stderr]).toEqual([false, expect.stringContaining('HUJI_JWT_SECRET')]);
    });
  } else {
    console.info(`SKIPPED: the \`docker compose config -q\` check of docker-compose.yml did not run, because the docker compose CLI is unavailable here: ${dockerCompose.reason}`);
    test.skip(`Given every secret set, When docker compose validates the file, Then \`docker compose config -q\` succeeds (and fails without HUJI_JWT_SECRET) — not run: ${dockerCompose.reason}`, () => undefined);
  }
});
