/**
 * The registry's API as `npm start` runs it (embedded log and SQLite views under HUJI_DATA_DIR, projector
 * in-process, seeds on an empty log, pending family settlements completed before serving), on a free port.
 * Prints `ready <port>` once it serves. The family crash test kills it with SIGKILL and starts it again.
 */
import { createApp } from '../../apps/api/src/app';
import { apiConfigFromEnv } from '../../apps/api/src/config';
import { RegistryRuntime } from '../../apps/api/src/runtime';

const main = async (): Promise<void> => {
  const config = apiConfigFromEnv({ ...process.env, HUJI_LOG: 'off' });
  const runtime = await RegistryRuntime.open(config);
  const app = await createApp(runtime);
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`ready ${(app.getHttpServer().address() as { port: number }).port}\n`);
  process.once('SIGTERM', () => void app.close().then(() => runtime.close()).then(() => process.exit(0)));
};

void main().catch((error: unknown) => {
  process.stderr.write(`api-child: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
