import type {
  AuditorService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { OperationResult } from '@rocket-club/plugin-environments-common';
import type { Request } from 'express';
import type { EcrImage } from '../../clients/ecr/EcrClient';
import type { GithubClient } from '../../clients/github/GithubClient';
import type { EnvironmentsConfig, PipelineParameterValue } from '../../config';
import type { EnvironmentsStore } from '../../database/EnvironmentsStore';
import type { OperationsStore } from '../../database/OperationsStore';
import type { ChangeNotifier } from '../ChangeNotifier';
import type { PlanReviewService } from '../PlanReviewService';

/** Who asks, and how to recognise a retry of the same request. */
export interface OperationContext {
  /** An environment name or the entity ref of its catalog entity. */
  environment: string;
  credentials: BackstageCredentials<
    BackstageUserPrincipal | BackstageServicePrincipal
  >;
  /** The same key from the same caller returns the first result. */
  idempotencyKey?: string;
  /**
   * Work out and return what would happen; change nothing. Every guard
   * applies; a refusal is answered as `wouldSucceed: false`.
   */
  dryRun?: boolean;
  /** The HTTP request, for the audit trail. */
  request?: Request;
}

/**
 * Every mutation of an environment, each behind the same guards: permission
 * on the environment's catalog entity, the environment's lock, idempotency,
 * then the upstream call and an audit event.
 */
export interface OperationsService {
  park(ctx: OperationContext): Promise<OperationResult>;
  unpark(ctx: OperationContext): Promise<OperationResult>;
  /** Triggers the image refresh pipeline. */
  rebuild(ctx: OperationContext): Promise<OperationResult>;
  /** Triggers the read-only drift check (`terraform-drift`). */
  checkDrift(ctx: OperationContext): Promise<OperationResult>;
  /** Approves the held job of an on-hold deploy workflow. */
  approve(
    ctx: OperationContext & {
      workflowId: string;
      /** The environment's name, typed to approve a protected change. */
      confirm?: string;
    },
  ): Promise<OperationResult>;
  /** Any pipeline, with parameters checked against `.circleci/config.yml`. */
  trigger(
    ctx: OperationContext & {
      branch?: string;
      parameters: Record<string, PipelineParameterValue>;
    },
  ): Promise<OperationResult>;
  /** Opens or updates the pull request that pins an image tag. */
  bump(
    ctx: OperationContext & { image: string; tag?: string },
  ): Promise<OperationResult>;
  /** Releases the lock that a finished pipeline held (webhooks, ingestion). */
  pipelineFinished(environment: string, pipelineId: string): Promise<void>;
  /**
   * Housekeeping: releases locks whose pipeline finished, and reconciles
   * locks and keys left unknown or orphaned (their process died) against
   * CircleCI and GitHub, adopting what happened or releasing them.
   */
  recover(): Promise<void>;
}

/** The CircleCI calls of the write side (and the reads that reconcile them). */
export interface PipelineApi {
  /** One page of a project's pipelines on a branch, newest first. */
  listPipelines(
    projectSlug: string,
    options: { branch?: string; pageToken?: string },
  ): Promise<{
    items: {
      id: string;
      number: number;
      created_at: string;
      trigger_parameters?: Record<string, unknown> | null;
    }[];
    nextPageToken?: string;
  }>;
  triggerPipeline(
    projectSlug: string,
    request: {
      branch: string;
      parameters: Record<string, PipelineParameterValue>;
    },
  ): Promise<{ id: string; number: number; state: string; createdAt: string }>;
  /** The held approval jobs of a workflow, read live. */
  listJobs(workflowId: string): Promise<
    {
      name: string;
      type: string;
      status: string;
      approval_request_id?: string | null;
    }[]
  >;
  approveJob(workflowId: string, approvalRequestId: string): Promise<void>;
}

/** The GitHub calls of a bump, all through {@link GithubClient}. */
export type BumpGithub = Pick<
  GithubClient,
  'branchHead' | 'readFile' | 'commitFile' | 'setBranch' | 'upsertPullRequest'
>;

/** The dependencies of the operations service. */
export interface OperationsServiceOptions {
  config: EnvironmentsConfig;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  store: OperationsStore;
  history: Pick<
    EnvironmentsStore,
    'listUnfinishedWorkflows' | 'listWorkflows' | 'terminalPipelineIds'
  >;
  circleci: PipelineApi;
  github: BumpGithub & Pick<GithubClient, 'openPullRequest'>;
  ecr: { listImages(repositoryName: string): Promise<EcrImage[]> };
  /** Entity refs of annotated entities resolve through the catalog. */
  catalog?: Pick<CatalogService, 'getEntityByRef'>;
  /** Reviews the plan of a held apply before it is approved. */
  plans?: PlanReviewService;
  /** Told when housekeeping adopts or releases a lock. */
  notifier?: ChangeNotifier;
  now?: () => Date;
  lockTtlMs?: number;
  /** See `environments.operations.reconcileWindow`. */
  reconcileWindowMs?: number;
}
