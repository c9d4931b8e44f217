import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

/** A PostgreSQL server to measure on, and how to let go of it. */
export interface PostgresServer {
  /** e.g. `postgresql://postgres@127.0.0.1:5433` */
  connectionString: string;
  /** Where it came from, for the report. */
  source: string;
  stop(): void;
}

/** A free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        resolve(typeof address === 'object' && address ? address.port : 0),
      );
    });
  });
}

function hasPostgresUser(): boolean {
  try {
    execFileSync('id', ['postgres'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * PostgreSQL for the benchmark: the server named by `BENCH_POSTGRES_URL` or
 * `BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING`, else a throwaway
 * PostgreSQL 15 cluster started from the installed server binaries (as
 * `./run test` does; needs root and the `postgres` user). Returns the reason
 * when neither is possible.
 */
export async function startPostgres(
  env: NodeJS.ProcessEnv = process.env,
): Promise<PostgresServer | { skipped: string }> {
  const given =
    env.BENCH_POSTGRES_URL ??
    env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (given) {
    return { connectionString: given, source: 'given', stop: () => {} };
  }
  if (!existsSync(join(BIN, 'initdb'))) {
    return { skipped: `no PostgreSQL 15 server binaries in ${BIN}` };
  }
  if (process.getuid?.() !== 0 || !hasPostgresUser()) {
    return {
      skipped:
        'a throwaway cluster needs root and the postgres user; set BENCH_POSTGRES_URL instead',
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'rocket-club-bench-pg-'));
  execFileSync('chown', ['postgres', dir]);
  const asPostgres = (command: string, args: string[]) =>
    execFileSync(
      'runuser',
      ['-u', 'postgres', '--', join(BIN, command), ...args],
      {
        stdio: 'ignore',
      },
    );
  const port = await freePort();
  asPostgres('initdb', ['-D', `${dir}/data`, '-A', 'trust', '-U', 'postgres']);
  asPostgres('pg_ctl', [
    '-D',
    `${dir}/data`,
    '-l',
    `${dir}/log`,
    '-w',
    '-o',
    // Durability off speeds up seeding only; reads are unaffected.
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`,
    'start',
  ]);
  return {
    connectionString: `postgresql://postgres@127.0.0.1:${port}`,
    source: `throwaway PostgreSQL 15 cluster on port ${port}`,
    stop() {
      try {
        asPostgres('pg_ctl', ['-D', `${dir}/data`, '-m', 'fast', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
