import { execFileSync, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection } from 'node:net';
import { freePort } from '../postgres';

/** A Redis server to share a cache on, and how to let go of it. */
export interface RedisServer {
  /** e.g. `redis://127.0.0.1:6390` */
  url: string;
  source: string;
  stop(): void;
}

const ping = (port: number) =>
  new Promise<boolean>(resolve => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('error', () => resolve(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', data => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
  });

/**
 * Redis for the shared cache: `BENCH_REDIS_URL` when set, else Debian's
 * `redis-server` on a free loopback port, without persistence. Returns the
 * reason when neither is possible.
 */
export async function startRedis(
  env: NodeJS.ProcessEnv = process.env,
): Promise<RedisServer | { skipped: string }> {
  if (env.BENCH_REDIS_URL) {
    return { url: env.BENCH_REDIS_URL, source: 'given', stop: () => {} };
  }
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
  } catch {
    return {
      skipped:
        'no redis-server (apt-get install redis-server); set BENCH_REDIS_URL instead',
    };
  }
  const port = await freePort();
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { stdio: 'ignore', detached: true },
  );
  for (let i = 0; i < 100 && !(await ping(port)); i++) await sleep(50);
  if (!(await ping(port))) {
    child.kill('SIGKILL');
    return { skipped: `redis-server did not answer on port ${port}` };
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    source: `redis-server on port ${port}`,
    stop: () => child.kill('SIGTERM'),
  };
}
