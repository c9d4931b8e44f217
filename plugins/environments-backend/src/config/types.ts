import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type { PipelineParameterValue } from '@rocket-club/plugin-environments-node';
import { ProjectSlug } from '../clients/circleci/projectSlug';

/** The operations an environment's workflows perform. */
export type WorkflowKind = 'deploy' | 'park' | 'unpark' | 'rebuild' | 'drift';

export type { PipelineParameterValue };

/** CircleCI connection settings. */
export interface CircleCiSettings {
  baseUrl: string;
  appBaseUrl: string;
  token: string;
  webhookSecret?: string;
  requestTimeoutMs: number;
  maxRetries: number;
}

/** ECR connection settings. */
export interface EcrSettings {
  region: string;
  endpoint?: string;
  accountId?: string;
}

/** One image an environment pins in Terraform. */
export interface ImageDefinition {
  name: string;
  local: string;
  ecrRepository: string;
  /** Tags the image may take (bumpable images). */
  tagPattern?: RegExp;
  /** A fixed tag (images rebuilt in place). */
  tag?: string;
}

/** One endpoint to probe. */
export interface EndpointDefinition {
  name: string;
  url: string;
}

/** How the plan behind a held apply is reviewed (`definitions.<env>.plan`). */
export interface PlanPolicy {
  /** The job that makes the saved plan and its summary. */
  job: string;
  /** The drift workflow's plan job, publishing the same summary. */
  driftJob: string;
  /** The summary's artifact path. */
  artifact: string;
  /** Plans older than this are stale: approving them is refused. */
  maxAgeMs: number;
  /** Resource types whose delete or replace needs `onProtectedChange`. */
  protect: string[];
  /** `confirm`: approving needs the environment's name typed; `refuse`: never. */
  onProtectedChange: 'confirm' | 'refuse';
}

/** One environment, as configured under `environments.definitions`. */
export interface EnvironmentDefinition {
  name: string;
  title: string;
  entityRef: string;
  repository: { host: string; owner: string; name: string; branch?: string };
  circleci: { project: ProjectSlug; branch?: string };
  terraform: { root: string; file: string; path: string };
  images: ImageDefinition[];
  workflows: Partial<Record<WorkflowKind, string>>;
  parameters: Partial<
    Record<
      'park' | 'unpark' | 'rebuild' | 'drift',
      Record<string, PipelineParameterValue>
    >
  >;
  endpoints: EndpointDefinition[];
  plan: PlanPolicy;
  schedule?: ScheduleDefinition;
  costs?: { parkedSavingsPerHour: number; currency: string };
  notify: NotifySettings;
}

/** An environment's park/unpark schedule, checked at start. */
export interface ScheduleDefinition {
  park?: string;
  unpark?: string;
  timezone: string;
  warnBeforeMs: number;
  /** The user entity ref the schedule acts as. */
  actor: string;
}

/** Which notifications the owners get. */
export interface NotifySettings {
  approvals: boolean;
  parkResults: boolean;
  scheduledPark: boolean;
  skipped: boolean;
  /** 0: off. */
  pinnedBehindDays: number;
}

/** The whole `environments` config block, read and checked. */
export interface EnvironmentsConfig {
  circleci?: CircleCiSettings;
  ecr?: EcrSettings;
  ingestion: {
    schedule: SchedulerServiceTaskScheduleDefinition;
    maxPages: number;
    /**
     * The first sync of an environment reads back further, up to this many
     * pages, until it has the newest finished park or unpark.
     */
    firstSyncMaxPages: number;
  };
  operations: {
    /** How long after a lost answer its effect may still appear upstream. */
    reconcileWindowMs: number;
    /** The longest a lock lives when its pipeline is never seen to finish. */
    lockTtlMs: number;
  };
  /**
   * The task that releases and reconciles locks and idempotency keys and
   * forgets old keys and webhook deliveries.
   */
  housekeeping: { schedule: SchedulerServiceTaskScheduleDefinition };
  /** The task that runs scheduled parks/unparks and the owners' notices. */
  scheduledOperations: { schedule: SchedulerServiceTaskScheduleDefinition };
  probes: {
    schedule: SchedulerServiceTaskScheduleDefinition;
    timeoutMs: number;
    retentionMs: number;
  };
  images: {
    schedule: SchedulerServiceTaskScheduleDefinition;
    /** How long a refreshed view is served. */
    viewTtlMs: number;
  };
  cache: {
    ecrTtlMs: number;
    githubTtlMs: number;
    readDecisionTtlMs: number;
    statusTtlMs: number;
  };
  definitions: EnvironmentDefinition[];
}
