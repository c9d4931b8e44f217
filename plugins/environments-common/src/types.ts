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
export type OperationKind =
  | 'deploy'
  | 'park'
  | 'unpark'
  | 'rebuild'
  | 'drift'
  | 'other';

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

/** Who asked for a pipeline, an approval or a pull request. @public */
export interface Initiator {
  /** The Backstage user entity ref, e.g. `user:default/ada`, when the portal caused it. */
  userEntityRef?: string;
  /** What to show: the user's display name or ref name (portal), or the CircleCI login. */
  displayName: string;
  /** `portal`: caused through the portal; `circleci`: started in CircleCI directly. */
  via: 'portal' | 'circleci';
}

/**
 * How far a running workflow has got: "job 2 of 5: terraform-apply".
 *
 * @public
 */
export interface WorkflowProgress {
  workflowId: string;
  workflowName: string;
  /** Jobs that finished successfully. */
  completed: number;
  /** All jobs of the workflow known so far. */
  total: number;
  /** The job that runs now (the first, when several do). */
  currentJob?: string;
}

/**
 * A finished park, unpark or deploy that failed, with where to look and
 * where to rerun it.
 *
 * @public
 */
export interface FailedRun {
  kind: OperationKind;
  workflowId: string;
  workflowName: string;
  /** Link to the workflow in the CircleCI app. */
  url: string;
  pipeline: PipelineRef;
  stoppedAt?: string;
  /** The first job that failed, when the jobs were read. */
  job?: { name: string; url?: string };
  /**
   * Where CircleCI offers "Rerun from failed": the workflow's page in the
   * CircleCI app (the rerun menu), since the app has no link of its own.
   */
  rerunUrl: string;
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

/** Who asked for a pipeline, an approval or a pull request. @public */
export interface Initiator {
  /** The Backstage user entity ref, e.g. `user:default/ada`, when the portal caused it. */
  userEntityRef?: string;
  /** What to show: the user's display name or ref name (portal), or the CircleCI login. */
  displayName: string;
  /** `portal`: caused through the portal; `circleci`: started in CircleCI directly. */
  via: 'portal' | 'circleci';
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
  /** Who started the pipeline: the portal user, or CircleCI's actor. */
  initiatedBy?: Initiator;
  /** Who approved its hold through the portal, when someone did. */
  approvedBy?: Initiator;
}

/**
 * One of Terraform's change actions (JSON output format).
 *
 * @public
 */
export type PlanAction =
  | 'no-op'
  | 'create'
  | 'read'
  | 'update'
  | 'delete'
  | 'forget';

/**
 * One resource a Terraform plan changes, as Terraform names it.
 *
 * @public
 */
export interface PlannedChange {
  /** e.g. `module.aurora.aws_rds_cluster.this`. */
  address: string;
  /** e.g. `aws_rds_cluster`. */
  type: string;
  /** Terraform's actions; `["delete","create"]` or `["create","delete"]` is a replace. */
  actions: PlanAction[];
}

/**
 * The review of the plan a held apply would apply, read from the value-free
 * summary the plan job publishes (`terraform/plan-summary.json`).
 *
 * @public
 */
export interface PlanReview {
  /**
   * `ok`: read and current; `missing`: no summary was published; `invalid`:
   * the summary could not be read; `stale`: older than the configured
   * `maxAge` (CircleCI may no longer hold the saved plan).
   */
  status: 'ok' | 'missing' | 'invalid' | 'stale';
  /** When Terraform made the plan. */
  createdAt?: string;
  counts: { create: number; update: number; delete: number; replace: number };
  /** Every change, replaces and deletes first. */
  changes: PlannedChange[];
  /** Deletes and replaces of the resource types the environment protects. */
  protected: PlannedChange[];
  /** Changes made outside Terraform that the plan found. */
  drift: PlannedChange[];
  /** Why the summary could not be used, when it could not. */
  reason?: string;
  /** What approving needs: `confirm` (type the name), or `refuse`d outright. */
  protectedPolicy?: 'confirm' | 'refuse';
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
  /** What the apply will do, from the plan job's summary. */
  plan?: PlanReview;
  /** Who started the held pipeline. */
  initiatedBy?: Initiator;
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
  /**
   * For an image pinned to a fixed (mutable) tag: the tag was pushed again
   * after the last successful deploy, so the environment still runs the
   * image of before until Terraform is applied again.
   */
  rebuiltAfterDeploy?: boolean;
  /** When the last successful deploy finished (for `rebuiltAfterDeploy`). */
  lastDeployAt?: string;
  /** The open pull request that bumps this image, if there is one. */
  openPullRequest?: { number: number; url: string; title?: string };
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
  /**
   * The pipeline it waits for; absent while the portal is still finding
   * out whether its trigger started one (`outcome: 'unknown'`).
   */
  pipeline?: PipelineRef;
  workflowId?: string;
  since: string;
  /** `unknown`: the trigger's answer was lost and is being reconciled. */
  outcome?: 'unknown';
  /** Who took it. */
  initiatedBy?: Initiator;
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
  /** Who started the pipeline the state comes from. */
  initiatedBy?: Initiator;
  /** The workflow that the state is derived from. */
  source?: Deployment;
  lock?: EnvironmentLock;
  /** What parking saved, when the environment's `costs` are configured. */
  savings?: EnvironmentSavings;
  /** How far the workflow of an in-between state has got. */
  progress?: WorkflowProgress;
  /**
   * The failure beside the state: the newest deploy when it failed (the
   * environment kept its state), or the park / unpark of a `failed` state.
   */
  lastFailure?: FailedRun;
}

/**
 * Whether the infrastructure matches its Terraform, from the newest drift
 * check (the `terraform-drift` workflow's read-only plan).
 *
 * @public
 */
export interface DriftStatus {
  /** `unknown`: never checked, or the check's summary could not be read. */
  status: 'none' | 'drifted' | 'unknown';
  checkedAt?: string;
  /** The drift check's pipeline. */
  pipeline?: PipelineRef;
  /** What differs: the check's planned changes and the drift it found. */
  resources: PlannedChange[];
  reason?: string;
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
  /** The newest drift check's result. */
  drift?: DriftStatus;
  /** Whether the CircleCI sync is healthy, for a warning when it is not. */
  sync?: SyncHealth;
}

/**
 * The health of the CircleCI sync of an environment.
 *
 * @public
 */
export interface SyncHealth {
  /** The last sync failed (its error is newer than its last success). */
  failing: boolean;
  /** The last success is older than twice the sync schedule. */
  stale: boolean;
  lastError?: string;
  lastErrorAt?: string;
  /** The sync schedule's period. */
  expectedEveryMs?: number;
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
 * The ECR tags an image may be bumped to, newest first.
 *
 * @public
 */
export interface ImageTags {
  environment: string;
  image: string;
  tags: RegistryImage[];
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
  operation:
    | 'park'
    | 'unpark'
    | 'rebuild'
    | 'drift'
    | 'approve'
    | 'trigger'
    | 'bump';
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
  /**
   * Dry runs: whether the real call would succeed now. The same guards
   * apply (permission, lock, operations in flight, already parked/active).
   */
  wouldSucceed?: boolean;
  /** For approve: the review of the plan that was (or would be) approved. */
  plan?: PlanReview;
  /** Something the caller should know though it did not refuse, e.g. an unread plan. */
  warning?: string;
  /** Dry runs: why the real call would be refused. */
  reason?: string;
}
