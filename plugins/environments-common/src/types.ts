/*
 * Wire types of the environments REST API (`/api/environments`), shared by
 * the backend, the frontend plugin and the scaffolder module. They are
 * names for the schemas of the OpenAPI document
 * (plugins/environments-backend/src/schema/openapi.yaml), generated into
 * ./generated/openapi.ts: change the document, not these. Timestamps are
 * ISO 8601 strings in UTC; durations are milliseconds.
 */

import type { components } from './generated/openapi';

/**
 * The live state of an environment, derived from its newest park, unpark and deploy workflows.
 *
 * @public
 */
export type EnvironmentState = components['schemas']['EnvironmentState'];

/**
 * What a CircleCI workflow does to an environment, classified from the configured workflow names.
 *
 * @public
 */
export type OperationKind = components['schemas']['OperationKind'];

/**
 * A CircleCI workflow status (API v2).
 *
 * @public
 */
export type WorkflowStatus = components['schemas']['WorkflowStatus'];

/**
 * A CircleCI pipeline, as linked from the portal.
 *
 * @public
 */
export type PipelineRef = components['schemas']['PipelineRef'];

/**
 * Who asked for a pipeline, an approval or a pull request.
 *
 * @public
 */
export type Initiator = components['schemas']['Initiator'];

/**
 * How far a running workflow has got: "job 2 of 5: terraform-apply".
 *
 * @public
 */
export type WorkflowProgress = components['schemas']['WorkflowProgress'];

/**
 * A finished park, unpark or deploy that failed, with where to look and where to rerun it.
 *
 * @public
 */
export type FailedRun = components['schemas']['FailedRun'];

/**
 * The commit a workflow ran on.
 *
 * @public
 */
export type CommitRef = components['schemas']['CommitRef'];

/**
 * One workflow run against an environment: a row of the deploy history.
 *
 * @public
 */
export type Deployment = components['schemas']['Deployment'];

/**
 * One of Terraform's change actions (JSON output format).
 *
 * @public
 */
export type PlanAction = components['schemas']['PlanAction'];

/**
 * One resource a Terraform plan changes, as Terraform names it.
 *
 * @public
 */
export type PlannedChange = components['schemas']['PlannedChange'];

/**
 * The review of the plan a held apply would apply, read from the value-free summary the plan job publishes (`terraform/plan-summary.json`).
 *
 * @public
 */
export type PlanReview = components['schemas']['PlanReview'];

/**
 * A held Terraform apply waiting for approval.
 *
 * @public
 */
export type HeldApproval = components['schemas']['HeldApproval'];

/**
 * The health of one configured endpoint.
 *
 * @public
 */
export type EndpointHealth = components['schemas']['EndpointHealth'];

/**
 * An image reference as pinned in Terraform.
 *
 * @public
 */
export type PinnedImage = components['schemas']['PinnedImage'];

/**
 * An image as found in ECR.
 *
 * @public
 */
export type RegistryImage = components['schemas']['RegistryImage'];

/**
 * One image an environment pins, against the newest one in ECR.
 *
 * @public
 */
export type ImageStatus = components['schemas']['ImageStatus'];

/**
 * The running operation that holds an environment's lock.
 *
 * @public
 */
export type EnvironmentLock = components['schemas']['EnvironmentLock'];

/**
 * One environment, as listed.
 *
 * @public
 */
export type EnvironmentSummary = components['schemas']['EnvironmentSummary'];

/**
 * The answer of `GET /environments`.
 *
 * @public
 */
export type EnvironmentList = components['schemas']['EnvironmentList'];

/**
 * Whether the infrastructure matches its Terraform, from the newest drift check (the `terraform-drift` workflow's read-only plan).
 *
 * @public
 */
export type DriftStatus = components['schemas']['DriftStatus'];

/**
 * The full status of one environment.
 *
 * @public
 */
export type EnvironmentDetails = components['schemas']['EnvironmentDetails'];

/**
 * The health of the CircleCI sync of an environment.
 *
 * @public
 */
export type SyncHealth = components['schemas']['SyncHealth'];

/**
 * The images of one environment.
 *
 * @public
 */
export type EnvironmentImages = components['schemas']['EnvironmentImages'];

/**
 * The ECR tags an image may be bumped to, newest first.
 *
 * @public
 */
export type ImageTags = components['schemas']['ImageTags'];

/**
 * A page of deploy history, newest first.
 *
 * @public
 */
export type DeploymentPage = components['schemas']['DeploymentPage'];

/**
 * The pull request that an image bump opened or would open.
 *
 * @public
 */
export type BumpPullRequest = components['schemas']['BumpPullRequest'];

/**
 * The result of a mutation (park, unpark, rebuild, drift check, approve, trigger, bump).
 *
 * @public
 */
export type OperationResult = components['schemas']['OperationResult'];

/**
 * A pipeline parameter value, as CircleCI accepts them.
 *
 * @public
 */
export type PipelineParameterValue =
  components['schemas']['PipelineParameterValue'];

/**
 * The body of `POST /environments/{name}/park`, `/unpark`, `/rebuild` and `/drift-check`.
 *
 * @public
 */
export type DryRunBody = components['schemas']['DryRunBody'];

/**
 * The body of `POST /environments/{name}/approvals/{workflowId}`.
 *
 * @public
 */
export type ApproveBody = components['schemas']['ApproveBody'];

/**
 * The body of `POST /environments/{name}/images/{image}/bump`.
 *
 * @public
 */
export type BumpBody = components['schemas']['BumpBody'];

/**
 * The body of `POST /pipelines`.
 *
 * @public
 */
export type PipelineTriggerBody = components['schemas']['PipelineTriggerBody'];
