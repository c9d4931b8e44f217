import { findRepoRoot } from '@rocket-club/plugin-environments-node';
import { adminRouter, AdminTarget } from './admin/router';
import { addSyntheticImages } from './admin/simulation';
import { createCircleCiApp, circleCiErrorBody } from './circleci/app';
import { WebhookSender } from './circleci/webhooks';
import { SystemClock } from './clock';
import { Contracts, loadContracts } from './contracts/contracts';
import { ContractMode, ViolationLog } from './contracts/violations';
import { createEcrApp, ecrErrorBody } from './ecr/app';
import { createEndpointsApp } from './endpoints/app';
import {
  UPSTREAMS,
  UpstreamControls,
  UpstreamName,
  UpstreamStats,
} from './faults';
import { githubErrorBody } from './github/errors';
import { createGitHubApp } from './github/app';
import { Listening, listen } from './http/server';
import { consoleLogger } from './logger';
import { Sandbox } from './sandbox';
import { DEFAULTS, SandboxOptions } from './options';
import { readRepoSnapshot } from './repoFiles';
import { createWorld } from './world';
import { simulatePush, mergePull } from './actions';

function contractMode(options: SandboxOptions): ContractMode {
  return (
    options.contracts?.mode ??
    (process.env.NODE_ENV === 'test' ? 'strict' : 'warn')
  );
}

function loadContractsFor(mode: ContractMode, warn: (m: string) => void) {
  if (mode === 'off') return undefined;
  try {
    return loadContracts();
  } catch (error) {
    if (mode === 'strict') throw error;
    warn(`contract checks disabled: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * Starts the loopback stand-ins for CircleCI, GitHub, ECR and the
 * environment's endpoints, seeded from this repository.
 *
 * @public
 */
export async function startSandbox(
  options: SandboxOptions = {},
): Promise<Sandbox> {
  const logger = options.logger ?? consoleLogger;
  const clock = options.clock ?? new SystemClock();
  const mode = contractMode(options);
  const repoRoot = options.repoRoot ?? findRepoRoot();
  const contracts: Contracts | undefined = loadContractsFor(mode, logger.warn);
  const snapshot = options.repository
    ? { root: repoRoot, ...options.repository }
    : readRepoSnapshot(repoRoot);
  const world = createWorld({
    sandbox: options,
    snapshot,
    clock,
    logger,
    contracts,
    mode,
  });
  const ecrRepository = options.ecr?.repository ?? DEFAULTS.ecrRepository;
  const deployerTagPrefix =
    options.images?.deployerTagPrefix ?? DEFAULTS.deployerTagPrefix;
  if (options.ecr?.syntheticImages) {
    addSyntheticImages(
      world,
      ecrRepository,
      deployerTagPrefix,
      options.ecr.syntheticImages,
    );
  }

  const violations = new ViolationLog(logger);
  const errorBodies = {
    circleci: circleCiErrorBody,
    github: githubErrorBody,
    ecr: ecrErrorBody,
    endpoints: (_s: number, m: string) => ({ message: m }),
  };
  const controls = Object.fromEntries(
    UPSTREAMS.map(u => [
      u,
      new UpstreamControls(
        u,
        errorBodies[u],
        options.faults?.[u],
        u === 'ecr' ? 'application/x-amz-json-1.1' : undefined,
      ),
    ]),
  ) as Record<UpstreamName, UpstreamControls>;

  const publicHost = options.publicHost ?? DEFAULTS.publicHost;
  const ports = { ...DEFAULTS.ports, ...options.ports };
  const host = options.host ?? DEFAULTS.host;
  // The GitHub stand-in's port is needed in CircleCI's links, so bind first.
  const servers: Partial<Record<UpstreamName, Listening>> = {};
  const publicUrl = (u: UpstreamName) =>
    `http://${publicHost}:${servers[u]!.port}`;
  const webhooks = new WebhookSender({
    url: options.circleci?.webhooks?.url ?? DEFAULTS.webhookUrl,
    secret: options.circleci?.webhooks?.secret ?? DEFAULTS.webhookSecret,
    enabled: options.circleci?.webhooks?.enabled ?? true,
    appBaseUrl: () => `${publicUrl('circleci')}/app`,
    githubHtmlUrl: () => publicUrl('github'),
    logger,
  });
  world.listeners.push(webhooks.handle);

  const login = options.github?.login ?? world.github.site.owner;
  const target: AdminTarget = {
    controls,
    violations,
    clock,
    github: world.github,
    engine: world.engine,
    store: world.store,
    artifacts: world.artifacts,
    registry: world.registry,
    ecrRepository,
    deployerTagPrefix,
    parked: world.parked,
    push: body => simulatePush(world, body),
    merge: (number, actor) => mergePull(world, number, actor ?? login),
    resetAll: () => {
      UPSTREAMS.forEach(u => controls[u].reset());
      violations.clear();
      world.artifacts.reset();
    },
  };
  const admin = adminRouter(target);
  const contract = (validator?: Contracts['circleci']) => ({
    validator,
    mode,
    violations,
  });
  const apps = {
    github: createGitHubApp({
      state: world.github,
      controls: controls.github,
      contract: contracts ? contract(contracts.github) : undefined,
      token: options.github?.token,
      login,
      admin,
    }),
    circleci: createCircleCiApp({
      store: world.store,
      engine: world.engine,
      projectSlug: world.projectSlug,
      defaultBranch: world.github.site.defaultBranch,
      githubHtmlUrl: () => publicUrl('github'),
      artifacts: world.artifacts,
      circleciUrl: () => publicUrl('circleci'),
      controls: controls.circleci,
      contract: contracts ? contract(contracts.circleci) : undefined,
      token: options.circleci?.token,
      login: options.circleci?.login ?? world.github.site.owner,
      admin,
    }),
    ecr: createEcrApp({
      registry: world.registry,
      controls: controls.ecr,
      admin,
    }),
    endpoints: createEndpointsApp({
      names: options.environment?.endpoints ?? DEFAULTS.endpoints,
      parked: world.parked,
      controls: controls.endpoints,
      admin,
    }),
  };
  try {
    for (const u of UPSTREAMS)
      servers[u] = await listen(apps[u], ports[u], host);
  } catch (error) {
    await Promise.all(Object.values(servers).map(s => s!.close()));
    throw error;
  }
  world.github.setUrls(publicUrl('github'));

  return {
    circleciUrl: `${servers.circleci!.url}/api/v2`,
    circleciAppUrl: `${publicUrl('circleci')}/app`,
    githubUrl: servers.github!.url,
    ecrUrl: servers.ecr!.url,
    endpointsUrl: servers.endpoints!.url,
    clock,
    stats: () =>
      Object.fromEntries(
        UPSTREAMS.map(u => [u, controls[u].stats()]),
      ) as Record<UpstreamName, UpstreamStats>,
    reset: target.resetAll,
    faults: (upstream, faultOptions) =>
      controls[upstream].configure(faultOptions),
    violations: () => violations.list(),
    parked: world.parked,
    push: body => simulatePush(world, body ?? {}),
    settle: () => webhooks.flush(),
    world,
    close: async () => {
      await Promise.all(Object.values(servers).map(s => s!.close()));
      await webhooks.flush();
    },
  };
}
