/** Structured logs: one JSON object per line on stdout (time, level, app, msg, fields). */
export type LogLevel = 'info' | 'warn' | 'error';

export const logLine = (level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, app: 'api', msg, ...fields })}\n`);
};

export const errorFields = (error: unknown): Record<string, unknown> =>
  (error instanceof Error ? { error: error.message, errorName: error.name, stack: error.stack } : { error: String(error) });
