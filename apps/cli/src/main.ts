import { eventStoreConfigFromEnv, isEventStoreError } from '../../../libs/event-store/src';
import { type Command, type CommandIo, UsageError } from './command';
import { calibrateCommand, calibrateUsage } from './commands/calibrate';
import { generateCommand, generateUsage } from './commands/generate';
import { importCommand, importUsage } from './commands/import';
import { initCommand, initUsage } from './commands/init';
import { projectCommand, projectUsage } from './commands/project';
import { rebuildCommand, rebuildUsage } from './commands/rebuild';
import { statsCommand, statsUsage } from './commands/stats';
import { tokenCommand, tokenUsage } from './commands/token';
import { verifyCommand, verifyUsage } from './commands/verify';

/** The `huji` command line (户籍): one entry point; calibrate, generate, import, init, project, rebuild, stats, token, verify. */
const commands: Record<string, { run: Command; usage: string }> = {
  calibrate: { run: calibrateCommand, usage: calibrateUsage },
  generate: { run: generateCommand, usage: generateUsage },
  import: { run: importCommand, usage: importUsage },
  init: { run: initCommand, usage: initUsage },
  project: { run: projectCommand, usage: projectUsage },
  rebuild: { run: rebuildCommand, usage: rebuildUsage },
  stats: { run: statsCommand, usage: statsUsage },
  token: { run: tokenCommand, usage: tokenUsage },
  verify: { run: verifyCommand, usage: verifyUsage },
};

const usage = (): string => `usage: huji <command> [options]\n\ncommands:\n${Object.values(commands).map((c) => `  ${c.usage.replace(/\n/g, '\n  ')}`).join('\n\n')}`;

export const main = async (argv: readonly string[], io: CommandIo): Promise<number> => {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`huji: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      io.err(`huji ${name}: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    if (isEventStoreError(error)) {
      io.err(`huji ${name}: ${error.code}: ${error.message}`);
      return 2;
    }
    throw error;
  }
};

/** Runs the command line of this process and sets its exit code. */
export const run = (): Promise<void> => {
  const io: CommandIo = {
    config: eventStoreConfigFromEnv(),
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    stdin: process.stdin,
    stdout: process.stdout,
  };
  return main(process.argv.slice(2), io).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => {
      process.stderr.write(`huji: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
};

if (require.main === module) void run();
