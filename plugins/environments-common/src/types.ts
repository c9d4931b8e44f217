/*
 * Wire types of the environments REST API (`/api/environments`). Shared by
 * the backend, the frontend plugin and the scaffolder module. Timestamps are
 * ISO 8601 strings in UTC; durations are milliseconds.
 */

import type { EnvironmentSavings, EnvironmentSchedule } from './schedule';

/**
 * The live state of an environment, derived from its newest park, unpark and
 * deploy workflows.
 *
 * @public
 */
export type EnvironmentState =
  | 'active'
  | 'parked'
  | 'parking'
  | 'unparking'
  | 'deploying'
  | 'awaiting-approval'
  | 'failed'
  | 'unknown';

/**
 * What a CircleCI workflow does to an environment, classified from the
 * configured workflow names.
 *
 * @public
 */
export type OperationKind = 'deploy' | 'park' | 'unpark' | 'rebuild' | 'other';

/**
 * A CircleCI workflow status (API v2).
 *
 * @public
 */
export type WorkflowStatus =
  | 'success'
  | 'running'
  | 'not_run'
  | 'failed'
  | 'error'
  | 'failing'
  | 'on_hold'
  | 'canceled'
  | 'unauthorized';

/**
 * A CircleCI pipeline, as linked from the portal.
 *
 * @public
 */
export interface PipelineRef {
  id: string;
  number: number;
  /** Link to the pipeline in the CircleCI app. */
  url: string;
}

/**
 * The commit a workflow ran on.
 *
 * @public
 */
export interface CommitRef {
  sha: string;
  subject?: string;
  branch?: string;
  /** Link to the commit on GitHub. */
  url?: string;
}

/**
 * One workflow run against an environment: a row of the deploy history.
 *
 * @public
 */
export interface Deployment {
  /** The CircleCI workflow id. */
  id: string;
  kind: OperationKind;
  workflowName: string;
  status: WorkflowStatus;
  pipeline: PipelineRef;
  /** Link to the workflow in the CircleCI app. */
  url: string;
  /** Who triggered the pipeline (CircleCI login). */
  actor?: string;
  /** How the pipeline was started: webhook (push), api, schedule, ... */
  triggerType?: string;
  commit?: CommitRef;
  /** The pull request that the commit came from, when known. */
  pullRequest?: { number: number; url: string };
  createdAt: string;
  stoppedAt?: string;
  durationMs?: number;
  /** Time the workflow spent waiting for approval, when it had a hold. */
  approvalWaitMs?: number;
  /**
   * For a successful park: how long the environment stayed parked (to the
   * next unpark, or to now while still parked).
   */
  parkedForMs?: number;
}

/**
 * A held Terraform apply waiting for approval.
 *
 * @public
 */
export interface HeldApproval {
  workflowId: string;
  workflowName: string;
  /** The approval job's `approval_request_id`, used to approve it. */
  approvalRequestId: string;
  jobName: string;
  waitingSince: string;
  pipeline: PipelineRef;
  actor?: string;
  commit?: CommitRef;
}

/**
 * The health of one configured endpoint.
 *
 * @public
 */
export interface EndpointHealth {
  name: string;
  url: string;
  /** `expected-down`: down while the environment is parked, not an outage. */
  status: 'up' | 'down' | 'expected-down' | 'unknown';
  httpStatus?: number;
  latencyMs?: number;
  checkedAt?: string;
  /** Share of successful probes over the last 24 hours, 0 to 1. */
  uptime24h?: number;
  /** Probes over the last 24 hours that the uptime is computed from. */
  samples24h: number;
  error?: string;
}

/**
 * An image reference as pinned in Terraform.
 *
 * @public
 */
export interface PinnedImage {
  /** The full reference as written, e.g. `123.dkr.ecr.eu-west-2.amazonaws.com/blog-data:tag`. */
  reference: string;
  registry: string;
  repository: string;
  tag: string;
}

/**
 * An image as found in ECR.
 *
 * @public
 */
export interface RegistryImage {
  tag: string;
  digest: string;
  pushedAt: string;
  /** The rocket-club commit encoded in the tag, when the tag carries one. */
  commitSha?: string;
}

/**
 * One image an environment pins, against the newest one in ECR.
 *
 * @public
 */
export interface ImageStatus {
  /** The image's key in the environment definition, e.g. `deployer`. */
  name: string;
  /** The Terraform local that pins it, e.g. `prefect_deployer_image`. */
  local: string;
  ecrRepository: string;
  /** Whether this image may be bumped (it has a tag pattern). */
  bumpable: boolean;
  pinned?: PinnedImage & { commitSha?: string; pushedAt?: string };
  newest?: RegistryImage;
  upToDate?: boolean;
  /** Commits between the pinned and the newest image's commit. */
  commitsBehind?: number;
  /** GitHub compare link between the pinned and the newest commit. */
  compareUrl?: string;
  /** Why part of this image's status could not be read. */
  error?: string;
}

/**
 * The running operation that holds an environment's lock.
 *
 * @public
 */
export interface EnvironmentLock {
  kind: OperationKind;
  pipeline: PipelineRef;
  workflowId?: string;
  since: string;
}

/**
 * One environment, as listed.
 *
 * @public
 */
export interface EnvironmentSummary {
  name: string;
  title: string;
  /** The catalog entity that carries the environment annotation, if any. */
  entityRef?: string;
  state: EnvironmentState;
  /** When the current state began. */
  since?: string;
  /** Who caused the current state. */
  actor?: string;
  /** The workflow that the state is derived from. */
  source?: Deployment;
  lock?: EnvironmentLock;
  /** What parking saved, when the environment's `costs` are configured. */
  savings?: EnvironmentSavings;
}

/**
 * The full status of one environment.
 *
 * @public
 */
export interface EnvironmentDetails extends EnvironmentSummary {
  heldApproval?: HeldApproval;
  endpoints: EndpointHealth[];
  lastSuccessfulDeploy?: Deployment;
  /** Workflows not yet finished, newest first. */
  inFlight: Deployment[];
  /** When the backend last synced this environment from CircleCI. */
  syncedAt?: string;
  /** The park/unpark schedule, when one is configured. */
  schedule?: EnvironmentSchedule;
}

/**
 * The images of one environment.
 *
 * @public
 */
export interface EnvironmentImages {
  environment: string;
  /** Where the pins were read from, e.g. `infra/platform/infra/envs/prod/main.tf@main`. */
  source: string;
  images: ImageStatus[];
}

/**
 * A page of deploy history, newest first.
 *
 * @public
 */
export interface DeploymentPage {
  items: Deployment[];
  /** Pass as `cursor` to get the next (older) page; absent on the last page. */
  nextCursor?: string;
}

/**
 * The pull request that an image bump opened or would open.
 *
 * @public
 */
export interface BumpPullRequest {
  number?: number;
  url?: string;
  branch: string;
  title: string;
  body: string;
  /** True when an existing open pull request was updated. */
  updated: boolean;
}

/**
 * The result of a mutation (park, unpark, rebuild, approve, trigger, bump).
 *
 * @public
 */
export interface OperationResult {
  operation: 'park' | 'unpark' | 'rebuild' | 'approve' | 'trigger' | 'bump';
  environment: string;
  dryRun: boolean;
  /** One human sentence about what happened. */
  message: string;
  /** The pipeline triggered (or that would be, on a dry run). */
  pipeline?: PipelineRef & {
    parameters: Record<string, string | number | boolean>;
  };
  /** For approve: the workflow whose hold was approved. */
  workflowId?: string;
  /** For bump. */
  image?: string;
  fromTag?: string;
  toTag?: string;
  digest?: string;
  pushedAt?: string;
  /** Unified diff of the Terraform file. */
  diff?: string;
  pullRequest?: BumpPullRequest;
  /** True when nothing needed doing (the tag was already pinned). */
  noop?: boolean;
}
