import type {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import type { OperationResult } from '@rocket-club/plugin-environments-common';
import type { Request } from 'express';
import type { PipelineParameterValue } from '../../config';

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
