/**
 * `npm start`: the registry's HTTP API on the embedded default (log and views under ./data), with the
 * projector in-process. Configuration by environment variables only (README, "Configuration").
 */
import { apiConfigFromEnv } from './config';
import { ConfigError } from './config-error';
import { createApp } from './app';
import { logLine } from './ops/log';
import { RegistryRuntime } from './runtime';

export const main = async (): Promise<void> => {
  const config = apiConfigFromEnv();
  const runtime = await RegistryRuntime.open(config);
  const app = await createApp(runtime);
  await app.listen({ port: config.port, host: config.host });
  const log = (msg: string, fields: Record<string, unknown> = {}): void => logLine('info', msg, fields);
  log('listening', { host: config.host, url: `http://localhost:${config.port}`, docs: `http://localhost:${config.port}/docs`, eventStore: runtime.store.kind, readStore: config.readStore.type, dataDir: config.eventStore.dataDir });
  const stop = async (): Promise<void> => {
    log('stopping');
    await app.close();
    await runtime.close();
    log('stopped');
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop().then(() => process.exit(0)));
};

if (require.main === module) void main().catch((error: unknown) => {
  // A refused configuration says which variable and what to do; a stack would only bury that.
  const said = error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`huji api: ${said}\n`);
  process.exit(1);
});
