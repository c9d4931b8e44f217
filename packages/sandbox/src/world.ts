import { SandboxClock } from './clock';
import { PlanArtifacts } from './circleci/artifacts';
import { CONFIG_PATH, ConfigCache } from './circleci/configCache';
import {
  EngineEvent,
  PipelineEngine,
  RepositorySource,
} from './circleci/engine';
import { isParked } from './circleci/parkState';
import { seedPipelines } from './circleci/seed';
import { CircleCiStore } from './circleci/store';
import { Contracts } from './contracts/contracts';
import { ContractMode } from './contracts/violations';
import { imagePushListener } from './ecr/imageJobs';
import { EcrRegistry } from './ecr/registry';
import { seedRepository } from './github/seed';
import { GitHubState } from './github/state';
import { SandboxLogger } from './logger';
import { DEFAULTS, defaultImageJobs, SandboxOptions } from './options';
import { RepoSnapshot } from './repoFiles';

const DAY = 24 * 60 * 60 * 1000;

/** The in-memory state behind the four stand-ins. */
export interface SandboxWorld {
  github: GitHubState;
  registry: EcrRegistry;
  store: CircleCiStore;
  engine: PipelineEngine;
  listeners: Array<(event: EngineEvent) => void>;
  projectSlug: string;
  /** What the jobs stored with `store_artifacts` (the plan summaries). */
  artifacts: PlanArtifacts;
  parked(): boolean;
}

/** The paths a commit changed against its first parent (all, for a root). */
function changedPaths(github: GitHubState, revision: string): string[] {
  const commit = github.repo.commit(revision);
  if (!commit) return [];
  const files = github.repo.files(commit.tree);
  const parent = commit.parents[0] && github.repo.commit(commit.parents[0]);
  const before = parent ? github.repo.files(parent.tree) : new Map();
  const changed = [...files].filter(([p, e]) => before.get(p)?.sha !== e.sha);
  const removed = [...before.keys()].filter(p => !files.has(p));
  return [...changed.map(([p]) => p), ...removed];
}

function repositorySource(github: GitHubState): RepositorySource {
  return {
    resolve(ref) {
      const sha =
        ref.revision ??
        github.repo.resolve(
          ref.tag ? `refs/tags/${ref.tag}` : `refs/heads/${ref.branch}`,
        );
      const commit = sha ? github.repo.commit(sha) : undefined;
      if (!sha || !commit) return undefined;
      return {
        revision: sha,
        message: commit.message,
        authorName: commit.author.name,
        authorEmail: commit.author.email,
        committedAt: commit.committer.date,
      };
    },
    configAt: revision =>
      github.repo.readFile(revision, CONFIG_PATH)?.content.toString('utf8'),
  };
}

/** Checks the config at the default branch's head; strict mode throws. */
function checkConfig(
  world: SandboxWorld,
  configs: ConfigCache,
  contracts: Contracts | undefined,
  mode: ContractMode,
  logger: SandboxLogger,
) {
  const source = repositorySource(world.github);
  const head = world.github.head();
  const result = configs.get(head ? source.configAt(head) : undefined);
  const problems =
    'error' in result
      ? [result.error]
      : contracts?.checkCircleCiConfig(result.config.document) ?? [];
  if (problems.length === 0)
    return 'error' in result ? undefined : result.config;
  const message = `${CONFIG_PATH} fails its check (${
    contracts ? 'circleci-config-schema.json' : 'parse'
  }): ${problems.slice(0, 5).join('; ')}`;
  if (mode === 'strict') throw new Error(message);
  logger.warn(message);
  return 'error' in result ? undefined : result.config;
}

/**
 * Builds the stand-ins' state: the repository seeded from this one's tree,
 * the ECR repository, and CircleCI's pipelines seeded by running the config's
 * own workflows in virtual time (which also pushes the seeded images).
 */
export function createWorld(options: {
  sandbox: SandboxOptions;
  snapshot: RepoSnapshot;
  clock: SandboxClock;
  logger: SandboxLogger;
  contracts?: Contracts;
  mode: ContractMode;
}): SandboxWorld {
  const { sandbox, snapshot, clock, logger } = options;
  const owner = sandbox.github?.owner ?? DEFAULTS.owner;
  const name = sandbox.github?.name ?? DEFAULTS.name;
  const branch = sandbox.github?.defaultBranch ?? DEFAULTS.defaultBranch;
  const github = new GitHubState({ owner, name, defaultBranch: branch }, clock);
  const registry = new EcrRegistry(
    sandbox.ecr?.registryId ?? DEFAULTS.registryId,
    sandbox.ecr?.region ?? DEFAULTS.region,
  );
  const ecrRepository = sandbox.ecr?.repository ?? DEFAULTS.ecrRepository;
  const store = new CircleCiStore(sandbox.circleci?.pageSize);
  const listeners: Array<(event: EngineEvent) => void> = [];
  const projectSlug = sandbox.circleci?.projectSlug ?? `gh/${owner}/${name}`;
  const configs = new ConfigCache();
  const engine = new PipelineEngine({
    store,
    clock,
    projectSlug,
    stepMs: sandbox.circleci?.stepMs ?? DEFAULTS.stepMs,
    source: repositorySource(github),
    configs,
    listeners,
    logger,
  });
  const env = sandbox.environment ?? {};
  const workflows = {
    park: env.parkWorkflow ?? DEFAULTS.parkWorkflow,
    unpark: env.unparkWorkflow ?? DEFAULTS.unparkWorkflow,
    rebuild: env.rebuildWorkflow ?? DEFAULTS.rebuildWorkflow,
  };
  const world: SandboxWorld = {
    github,
    registry,
    store,
    engine,
    listeners,
    projectSlug,
    artifacts: new PlanArtifacts({
      clock,
      changedPaths: revision => changedPaths(github, revision),
    }),
    parked: () => isParked(store, workflows.park, workflows.unpark),
  };

  // Three days before HEAD's commit time, so the whole history is past.
  const anchor =
    Math.min(snapshot.headTime ?? clock.now(), clock.now()) - 3 * DAY;
  const commits = seedRepository(
    github,
    snapshot.files,
    anchor,
    {
      // Without seeded history, the files are laid down as given.
      terraformFile:
        sandbox.seed === false
          ? ''
          : sandbox.images?.terraformFile ?? DEFAULTS.terraformFile,
      deployerTagPrefix:
        sandbox.images?.deployerTagPrefix ?? DEFAULTS.deployerTagPrefix,
      deployerContext:
        sandbox.images?.deployerContext ?? DEFAULTS.deployerContext,
    },
    logger.warn,
  );
  registry.createRepository(ecrRepository, (commits[0]?.date ?? anchor) - DAY);

  const imageJobs = sandbox.images?.jobs ?? defaultImageJobs(ecrRepository);
  listeners.push(imagePushListener(registry, imageJobs, logger));
  const config = checkConfig(
    world,
    configs,
    options.contracts,
    options.mode,
    logger,
  );
  if (config) {
    const defined = new Set(
      config.workflows.flatMap(w => w.jobs.map(j => j.job)),
    );
    for (const job of Object.keys(imageJobs).filter(j => !defined.has(j))) {
      logger.warn(
        `image job ${JSON.stringify(
          job,
        )} is not in ${CONFIG_PATH}: it will push no images`,
      );
    }
    for (const w of Object.values(workflows).filter(
      n => !config.workflows.some(cw => cw.name === n),
    )) {
      logger.warn(`workflow ${JSON.stringify(w)} is not in ${CONFIG_PATH}`);
    }
  }
  if (config && sandbox.seed !== false) {
    seedPipelines({
      engine,
      config,
      commits,
      anchor,
      branch,
      actor: owner,
      workflows,
      warn: logger.warn,
      parkedNights: sandbox.parkedNights
        ? { count: sandbox.parkedNights, now: clock.now() }
        : undefined,
    });
  }
  return world;
}
