import { InputError } from '@backstage/errors';
import { parseArgs } from 'node:util';

/** Settings of one benchmark run. */
export interface BenchOptions {
  portal: boolean;
  history: boolean;
  latencyMs: number;
  coldRuns: number;
  warmRequests: number;
  viewers: number;
  images: number;
  pipelines: number;
  queries: number;
  backendPort: number;
  sandboxPortBase: number;
}

export const USAGE = `Usage: yarn bench [options]

  --only portal|history  run one part (default: both)
  --latency-ms <n>       latency added to CircleCI, GitHub and ECR (default 50)
  --cold-runs <n>        fresh backends timed on their first page view (default 3)
  --warm <n>             warm requests per endpoint (default 300)
  --viewers <n>          simultaneous viewers (default 50)
  --images <n>           tagged images in ECR (default 10000)
  --pipelines <n>        pipelines seeded for the history query (default 100000)
  --queries <n>          timed history queries of each kind (default 200)
  --backend-port <n>     the benchmark's backend (default 7107)
  --sandbox-port <n>     the first of the sandbox's four ports (default 7110)
PostgreSQL: BENCH_POSTGRES_URL, else a throwaway PostgreSQL 15 cluster (as root).`;

function int(value: string | undefined, name: string, fallback: number) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new InputError(`Invalid ${name} ${JSON.stringify(value)}`);
  }
  return n;
}

/** Options from the command line; undefined for --help. */
export function benchOptions(argv: string[]): BenchOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      'latency-ms': { type: 'string' },
      'cold-runs': { type: 'string' },
      warm: { type: 'string' },
      viewers: { type: 'string' },
      images: { type: 'string' },
      pipelines: { type: 'string' },
      queries: { type: 'string' },
      'backend-port': { type: 'string' },
      'sandbox-port': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return undefined;
  if (values.only && !['portal', 'history'].includes(values.only)) {
    throw new InputError(`Invalid --only ${JSON.stringify(values.only)}`);
  }
  const options: BenchOptions = {
    portal: !values.only || values.only === 'portal',
    history: !values.only || values.only === 'history',
    latencyMs: int(values['latency-ms'], 'latency', 50),
    coldRuns: int(values['cold-runs'], 'cold runs', 3),
    warmRequests: int(values.warm, 'warm requests', 300),
    viewers: int(values.viewers, 'viewers', 50),
    images: int(values.images, 'images', 10_000),
    pipelines: int(values.pipelines, 'pipelines', 100_000),
    queries: int(values.queries, 'queries', 200),
    backendPort: int(values['backend-port'], 'backend port', 7107),
    sandboxPortBase: int(values['sandbox-port'], 'sandbox port', 7110),
  };
  if (options.coldRuns < 1 || options.viewers < 1 || options.queries < 1) {
    throw new InputError(
      '--cold-runs, --viewers and --queries must be at least 1',
    );
  }
  return options;
}
