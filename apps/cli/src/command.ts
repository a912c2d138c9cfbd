import { type EventStoreConfig } from '../../../libs/event-store/src';

/** What a command may use: configuration from the environment and where to print. */
export interface CommandIo {
  readonly config: EventStoreConfig;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Raw streams, for commands that stream data (generate → stdout, import ← stdin). */
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
}

export type Command = (args: readonly string[], io: CommandIo) => Promise<number>;

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}
