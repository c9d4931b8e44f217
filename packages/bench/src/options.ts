import { InputError } from '@backstage/errors';
import { parseArgs } from 'node:util';

/** Settings of one benchmark run. */
export interface BenchOptions {
  portal: boolean;
  history: boolean;
  scale: boolean;
  /** Viewer counts of the throughput runs. */
  crowd: number[];
  /** Requests per viewer in a throughput run. */
  perViewer: number;
  /** CPU-profile the warm status run of one instance. */
  profile: boolean;
  /** 1: the scale part measures one instance only. */
  instances: number;
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

  --only <parts>         run some parts, e.g. portal,scale (of portal, scale, history; default all)
  --crowd <n,n>          viewer counts of the throughput runs (default 50,200)
  --per-viewer <n>       requests per viewer, one after the other (default 40)
  --instances 1|2        the scale part on one instance only, or also on two (default 2)
  --profile              CPU-profile one instance's warm status run (bench-output/profiles)
  --latency-ms <n>       latency added to CircleCI, GitHub and ECR (default 50)
  --cold-runs <n>        fresh backends timed on their first page view (default 3)
  --warm <n>             warm requests per endpoint (default 300)
  --viewers <n>          simultaneous viewers (default 50)
  --images <n>           tagged images in ECR (default 10000)
  --pipelines <n>        pipelines seeded for the history query (default 100000)
  --queries <n>          timed history queries of each kind (default 200)
  --backend-port <n>     the benchmark's backend (default 7107)
  --sandbox-port <n>     the first of the sandbox's four ports (default 7110)
  (the scale part also uses the backend port + 1 for its second instance)
PostgreSQL: BENCH_POSTGRES_URL, else a throwaway PostgreSQL 15 cluster (as root).
Redis: BENCH_REDIS_URL, else Debian's redis-server on a free loopback port.`;

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
      crowd: { type: 'string' },
      'per-viewer': { type: 'string' },
      profile: { type: 'boolean' },
      instances: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return undefined;
  const only = values.only?.split(',');
  if (only?.some(o => !['portal', 'scale', 'history'].includes(o))) {
    throw new InputError(`Invalid --only ${JSON.stringify(values.only)}`);
  }
  const options: BenchOptions = {
    portal: !only || only.includes('portal'),
    history: !only || only.includes('history'),
    scale: !only || only.includes('scale'),
    crowd: (values.crowd ?? '50,200')
      .split(',')
      .map(v => int(v.trim(), 'crowd', 0)),
    perViewer: int(values['per-viewer'], 'requests per viewer', 40),
    profile: !!values.profile,
    instances: int(values.instances, 'instances', 2),
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
  if (
    options.coldRuns < 1 ||
    options.viewers < 1 ||
    options.queries < 1 ||
    options.perViewer < 1 ||
    options.crowd.some(n => n < 1)
  ) {
    throw new InputError(
      '--cold-runs, --viewers, --queries, --crowd and --per-viewer must be at least 1',
    );
  }
  if (![1, 2].includes(options.instances)) {
    throw new InputError(
      `Invalid --instances ${JSON.stringify(values.instances)}: 1 or 2`,
    );
  }
  return options;
}
