import { InputError } from '@backstage/errors';
import { parseArgs } from 'node:util';
import { ContractMode } from './contracts/violations';
import { UPSTREAMS } from './faults';
import { consoleLogger } from './logger';
import { DEFAULTS, SandboxOptions } from './options';
import { Sandbox } from './sandbox';
import { startSandbox } from './startSandbox';

const USAGE = `Usage: yarn workspace @rocket-club/sandbox start [options]

  --port-base <n>        first of four ports (CircleCI, GitHub, ECR, endpoints); default 7010
  --step-ms <n>          how long each CircleCI job runs; default 3000
  --webhook-url <url>    where CircleCI webhooks go; default ${DEFAULTS.webhookUrl}
  --no-webhooks          send no webhooks
  --contracts <mode>     strict | warn | off; default warn
  --delay-ms <n>         latency added to every upstream request
  --synthetic-images <n> extra (older) deployer images in ECR
  --parked-nights <n>    seed the last n nights parked (20:00-07:00 UTC); default 0
Environment: SANDBOX_STEP_MS, SANDBOX_WEBHOOK_URL, SANDBOX_WEBHOOK_SECRET, SANDBOX_CONTRACTS.`;

function number(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InputError(`Invalid ${name} ${JSON.stringify(value)}`);
  return n;
}

/** Options from the command line and environment. */
export function cliOptions(
  argv: string[],
  env: NodeJS.ProcessEnv,
): SandboxOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      'port-base': { type: 'string' },
      'step-ms': { type: 'string' },
      'webhook-url': { type: 'string' },
      'no-webhooks': { type: 'boolean' },
      contracts: { type: 'string' },
      'delay-ms': { type: 'string' },
      'synthetic-images': { type: 'string' },
      'parked-nights': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return undefined;
  const base =
    number(values['port-base'], 'port base') ?? DEFAULTS.ports.circleci;
  const contracts = (values.contracts ??
    env.SANDBOX_CONTRACTS ??
    'warn') as ContractMode;
  if (!['strict', 'warn', 'off'].includes(contracts))
    throw new InputError(`Invalid contracts mode ${JSON.stringify(contracts)}`);
  const delayMs = number(values['delay-ms'], 'delay');
  return {
    ports: Object.fromEntries(UPSTREAMS.map((u, i) => [u, base + i])),
    contracts: { mode: contracts },
    circleci: {
      stepMs: number(values['step-ms'] ?? env.SANDBOX_STEP_MS, 'step'),
      webhooks: {
        enabled: !values['no-webhooks'],
        url: values['webhook-url'] ?? env.SANDBOX_WEBHOOK_URL,
        secret: env.SANDBOX_WEBHOOK_SECRET,
      },
    },
    ecr: {
      syntheticImages: number(values['synthetic-images'], 'synthetic images'),
    },
    parkedNights: number(
      values['parked-nights'] ?? env.SANDBOX_PARKED_NIGHTS,
      'parked nights',
    ),
    faults: delayMs
      ? Object.fromEntries(UPSTREAMS.map(u => [u, { delayMs }]))
      : undefined,
  };
}

function describe(sandbox: Sandbox): string {
  const admin = sandbox.circleciUrl.replace(/\/api\/v2$/, '/_sandbox');
  return [
    'rocket-club sandbox is serving:',
    `  CircleCI API v2   ${sandbox.circleciUrl}   (pages: ${sandbox.circleciAppUrl})`,
    `  GitHub REST       ${sandbox.githubUrl}   (rlhatcher/rocket-club, default branch main)`,
    `  ECR (JSON 1.1)    ${sandbox.ecrUrl}   (repository blog-data)`,
    `  Endpoints         ${sandbox.endpointsUrl}/portal/health, ${sandbox.endpointsUrl}/pipelines/health`,
    `  Admin API         ${admin}   (on every port; GET it for the list)`,
    `  Environment       ${sandbox.parked() ? 'parked' : 'active'}, ${
      sandbox.world.store.pipelines.length
    } seeded pipelines`,
    `Simulate a push:  curl -X POST ${admin}/push -H 'content-type: application/json' -d '{"message":"Tune ECS"}'`,
  ].join('\n');
}

/**
 * Starts the sandbox on its fixed ports and keeps it running until SIGINT
 * or SIGTERM.
 */
export async function runSandboxCli(
  argv: string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
) {
  const options = cliOptions(argv, env);
  if (!options) {
    console.log(USAGE);
    return;
  }
  const sandbox = await startSandbox({ ...options, logger: consoleLogger });
  consoleLogger.info(describe(sandbox));
  const stop = async () => {
    consoleLogger.info('stopping');
    await sandbox.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
