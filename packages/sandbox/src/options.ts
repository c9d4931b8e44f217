import { WebhookOptions } from './circleci/webhooks';
import { SandboxClock } from './clock';
import { ContractMode } from './contracts/violations';
import { ImageJob } from './ecr/imageJobs';
import { UpstreamFaultOptions, UpstreamName } from './faults';
import { SandboxLogger } from './logger';
import { RepoFile } from './repoFiles';

/**
 * Options of {@link startSandbox}. Every field has a default that matches
 * `app-config.yaml`.
 *
 * @public
 */
export interface SandboxOptions {
  /** Ports of the stand-ins; default 7010-7013, 0 picks a free port. */
  ports?: Partial<Record<UpstreamName, number>>;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** Host name in the links the stand-ins return; default `localhost`. */
  publicHost?: string;
  /** This repository's root; found from the package when omitted. */
  repoRoot?: string;
  /** The tree to seed the GitHub stand-in with instead of the repository's. */
  repository?: { files: RepoFile[]; headTime?: number };
  clock?: SandboxClock;
  logger?: SandboxLogger;
  /** Contract checks; mode `strict` under tests (NODE_ENV=test), else `warn`. */
  contracts?: { mode?: ContractMode };
  circleci?: {
    /** Required `Circle-Token`; any when omitted. */
    token?: string;
    /** Default `gh/<owner>/<name>` of the GitHub repository. */
    projectSlug?: string;
    /** How long each job runs; default 3000 ms. */
    stepMs?: number;
    webhooks?: WebhookOptions;
    /** The user a token belongs to; default the repository owner. */
    login?: string;
    /**
     * Items a page of pipelines, workflows or jobs; default 20, as on
     * CircleCI. Smaller in tests of paging.
     */
    pageSize?: number;
  };
  github?: {
    token?: string;
    owner?: string;
    name?: string;
    defaultBranch?: string;
    login?: string;
  };
  ecr?: {
    registryId?: string;
    region?: string;
    /** The repository of the Prefect images; default `blog-data`. */
    repository?: string;
    /** Extra synthetic deployer images, older than the seeded ones. */
    syntheticImages?: number;
  };
  /** The environment's workflows and endpoints (as in app-config.yaml). */
  environment?: {
    parkWorkflow?: string;
    unparkWorkflow?: string;
    rebuildWorkflow?: string;
    endpoints?: string[];
  };
  images?: {
    terraformFile?: string;
    deployerTagPrefix?: string;
    /** Path segment of the deployer image's build context. */
    deployerContext?: string;
    /** Jobs of `.circleci/config.yml` that push images, by job name. */
    jobs?: Record<string, ImageJob>;
  };
  /**
   * Seed history (commits, pipelines, images, and the Terraform file pinning
   * an older deployer image); default true. Without it the repository holds
   * the given files as they are.
   */
  seed?: boolean;
  /**
   * Also seed the last nights parked (20:00 to 07:00 UTC before now), so a
   * portal with `costs` shows parked-overnight history and savings on first
   * load; default 0.
   */
  parkedNights?: number;
  faults?: Partial<Record<UpstreamName, UpstreamFaultOptions>>;
}

/** The defaults, from app-config.yaml and the seed's infrastructure page. */
export const DEFAULTS = {
  ports: { circleci: 7010, github: 7011, ecr: 7012, endpoints: 7013 } as Record<
    UpstreamName,
    number
  >,
  host: '127.0.0.1',
  publicHost: 'localhost',
  owner: 'rlhatcher',
  name: 'rocket-club',
  defaultBranch: 'main',
  stepMs: 3000,
  webhookUrl: 'http://localhost:7007/api/events/http/circleci',
  webhookSecret: 'sandbox-webhook-secret',
  registryId: '111122223333',
  region: 'eu-west-2',
  ecrRepository: 'blog-data',
  parkWorkflow: 'park-infrastructure',
  unparkWorkflow: 'unpark-infrastructure',
  rebuildWorkflow: 'refresh-prefect-image',
  endpoints: ['portal', 'pipelines'],
  terraformFile: 'infra/platform/infra/envs/prod/main.tf',
  deployerTagPrefix: 'prefect-deployer-3-python3.12-',
  baseTag: 'prefect-3-python3.12-ecs',
  deployerContext: 'docker/prefect-deployer/',
};

/** The image jobs of `.circleci/config.yml`, as their descriptions say. */
export function defaultImageJobs(repository: string): Record<string, ImageJob> {
  return {
    'build-prefect-deployer-image': {
      repository,
      tag: `${DEFAULTS.deployerTagPrefix}{sha7}`,
      ifExists: 'keep',
    },
    'build-prefect-base-image': {
      repository,
      tag: DEFAULTS.baseTag,
      extraTags: [`${DEFAULTS.baseTag}-{sha7}`],
      ifExists: 'retag',
    },
  };
}
