/** A configuration the registry refuses to start with: the message names the variable and says what to do. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
