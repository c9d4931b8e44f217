import type { OperationResult } from '@rocket-club/plugin-environments-common';
import type { EnvironmentDefinition } from '../../config';
import type { OperationAttempt } from '../../database/OperationsStore';
import type { PipelineApi } from './types';

/** What reconciling a write whose answer was lost found. */
export type Reconciled =
  /** It happened: this is what it did. */
  | { status: 'found'; result: OperationResult }
  /** It provably did not happen: what was taken may be released. */
  | { status: 'absent' }
  /** Not seen yet, and too early to say it never will be. */
  | { status: 'unresolved'; until: string };

/** What {@link createReconciler} needs. */
export interface ReconcileDeps {
  circleci: Pick<PipelineApi, 'listPipelines' | 'listJobs'>;
  /** Reads a branch's head and the open pull request from it. */
  bumpState(
    d: EnvironmentDefinition,
    branch: string,
    base: string,
  ): Promise<{
    headSha?: string;
    pullRequest?: { number: number; url: string };
  }>;
  pipelineUrl(d: EnvironmentDefinition, number: number): string;
  now: () => Date;
  /** How long after sending a pipeline may still appear. */
  windowMs: number;
}

/** CircleCI's clock and ours may differ a little. */
const CLOCK_SKEW_MS = 60_000;
/** Pages of pipelines looked through, newest first. */
const MAX_PAGES = 5;

/** Whether a pipeline was triggered with (at least) these parameters. */
export function sameParameters(
  sent: Record<string, unknown>,
  seen: Record<string, unknown> | null | undefined,
): boolean {
  if (!seen) return Object.keys(sent).length === 0;
  return Object.entries(sent).every(([key, value]) => seen[key] === value);
}

/**
 * Looks upstream for the effect of a write whose answer was lost: the
 * pipeline on the branch created since the request whose trigger parameters
 * are what was sent; the approval job no longer on hold; the bump branch at
 * the commit the bump built with its pull request open.
 */
export function createReconciler(deps: ReconcileDeps) {
  const elapsed = (attempt: OperationAttempt) =>
    deps.now().getTime() - Date.parse(attempt.sentAt);
  const notYet = (attempt: OperationAttempt): Reconciled =>
    elapsed(attempt) >= deps.windowMs
      ? { status: 'absent' }
      : {
          status: 'unresolved',
          until: new Date(
            Date.parse(attempt.sentAt) + deps.windowMs,
          ).toISOString(),
        };

  async function findPipeline(
    d: EnvironmentDefinition,
    attempt: Extract<OperationAttempt, { kind: 'pipeline' }>,
  ): Promise<Reconciled> {
    const since = Date.parse(attempt.sentAt) - CLOCK_SKEW_MS;
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { items, nextPageToken } = await deps.circleci.listPipelines(
        attempt.projectSlug,
        { branch: attempt.branch, pageToken },
      );
      // Oldest first among the candidates: the first one since the request.
      const candidates = items
        .filter(p => Date.parse(p.created_at) >= since)
        .filter(p => sameParameters(attempt.parameters, p.trigger_parameters))
        .sort((a, b) => a.number - b.number);
      if (candidates[0]) {
        const p = candidates[0];
        const operation = attempt.operation as OperationResult['operation'];
        return {
          status: 'found',
          result: {
            operation,
            environment: d.name,
            dryRun: false,
            message: `Triggered ${
              operation === 'trigger' ? 'a' : `the ${operation}`
            } pipeline #${p.number} of ${d.name}`,
            pipeline: {
              id: p.id,
              number: p.number,
              url: deps.pipelineUrl(d, p.number),
              parameters: attempt.parameters,
            },
          },
        };
      }
      const older = items.some(p => Date.parse(p.created_at) < since);
      if (older || !nextPageToken) break;
      pageToken = nextPageToken;
    }
    return notYet(attempt);
  }

  async function findApproval(
    d: EnvironmentDefinition,
    attempt: Extract<OperationAttempt, { kind: 'approval' }>,
  ): Promise<Reconciled> {
    const job = (await deps.circleci.listJobs(attempt.workflowId)).find(
      j => j.approval_request_id === attempt.approvalRequestId,
    );
    if (job && job.status !== 'on_hold') {
      return {
        status: 'found',
        result: {
          operation: 'approve',
          environment: d.name,
          dryRun: false,
          workflowId: attempt.workflowId,
          message: `Approved ${attempt.jobName} of ${attempt.workflowName} (pipeline #${attempt.pipelineNumber})`,
          pipeline: {
            id: attempt.pipelineId,
            number: attempt.pipelineNumber,
            url: deps.pipelineUrl(d, attempt.pipelineNumber),
            parameters: {},
          },
        },
      };
    }
    // GitHub and CircleCI read their own writes: an approval not visible on
    // the job is one CircleCI did not take; only the window guards a lag.
    return notYet(attempt);
  }

  async function findBump(
    d: EnvironmentDefinition,
    attempt: Extract<OperationAttempt, { kind: 'bump' }>,
  ): Promise<Reconciled> {
    const state = await deps.bumpState(d, attempt.branch, attempt.base);
    if (state.headSha === attempt.commitSha && state.pullRequest) {
      const result = attempt.result as OperationResult;
      return {
        status: 'found',
        result: {
          ...result,
          pullRequest: result.pullRequest && {
            ...result.pullRequest,
            number: state.pullRequest.number,
            url: state.pullRequest.url,
          },
        },
      };
    }
    // The branch never shows a commit without its file (the commit is built
    // before the branch moves), so a retry from scratch is safe now.
    return { status: 'absent' };
  }

  return {
    async reconcile(
      d: EnvironmentDefinition,
      attempt: OperationAttempt,
    ): Promise<Reconciled> {
      switch (attempt.kind) {
        case 'pipeline':
          return findPipeline(d, attempt);
        case 'approval':
          return findApproval(d, attempt);
        default:
          return findBump(d, attempt);
      }
    },
  };
}

/** The reconciler of the operations service. */
export type Reconciler = ReturnType<typeof createReconciler>;
