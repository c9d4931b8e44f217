/**
 * Where the sandbox writes what it serves, warnings and contract violations.
 *
 * @public
 */
export interface SandboxLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Logs to the console with a `[sandbox]` prefix. */
export const consoleLogger: SandboxLogger = {
  info: message => console.log(`[sandbox] ${message}`),
  warn: message => console.warn(`[sandbox] ${message}`),
  error: message => console.error(`[sandbox] ${message}`),
};

/** Discards everything; for tests that assert on behaviour, not output. */
export const silentLogger: SandboxLogger = {
  info: () => {},
  warn: () => {},
  error: () => {},
};
