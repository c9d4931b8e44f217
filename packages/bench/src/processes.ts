import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** A child process in its own process group, logging to a file. */
export interface Spawned {
  name: string;
  pid: number;
  logFile: string;
  /** Whether it has exited. */
  exited(): boolean;
  /** The last lines of its log, for error messages. */
  tail(lines?: number): string;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `command` in its own process group (so stopping it also stops
 * what it spawned), with stdout and stderr appended to `logFile`.
 */
export function spawnLogged(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; logFile: string },
): Spawned {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child: ChildProcess = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited = false;
  const done = new Promise<void>(resolve =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // already gone
    }
  };
  return {
    name,
    pid: child.pid!,
    logFile: options.logFile,
    exited: () => exited,
    tail(lines = 20) {
      try {
        return readFileSync(options.logFile, 'utf8')
          .split('\n')
          .slice(-lines)
          .join('\n');
      } catch {
        return '';
      }
    },
    async stop(graceMs = 10_000) {
      if (exited) return;
      signal('SIGTERM');
      const timer = sleep(graceMs).then(() => signal('SIGKILL'));
      await Promise.race([done, timer]);
      await done;
    },
  };
}

/**
 * Polls `url` until it answers 2xx; fails early, with the log's tail, when
 * the process exits first.
 */
export async function waitForUrl(
  url: string,
  owner: Spawned,
  timeoutMs = 180_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (owner.exited()) {
      throw new Error(
        `${owner.name} exited before ${url} answered:\n${owner.tail()}`,
      );
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(
    `${
      owner.name
    }: ${url} did not answer within ${timeoutMs} ms:\n${owner.tail()}`,
  );
}

/** Fails when something already listens on `port` (another portal?). */
export async function assertPortFree(port: number, what: string) {
  try {
    await fetch(`http://127.0.0.1:${port}/`, {
      signal: AbortSignal.timeout(1000),
    });
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code === 'ECONNREFUSED') return;
  }
  throw new Error(
    `Port ${port} (${what}) is in use; stop what listens there or choose other ports (see docs/performance.md)`,
  );
}
