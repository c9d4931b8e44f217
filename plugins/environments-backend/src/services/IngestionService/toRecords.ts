import type { OperationKind } from '@rocket-club/plugin-environments-common';
import type {
  CircleCiJob,
  CircleCiPipeline,
  CircleCiWorkflow,
} from '../../clients/circleci/types';
import type { EnvironmentDefinition } from '../../config';
import type {
  JobRecord,
  PipelineRecord,
  WorkflowRecord,
} from '../../database/EnvironmentsStore';
import { UNFINISHED_STATUSES } from '../StatusService/deriveState';

/**
 * How long after its last workflow stopped a pipeline may still grow new
 * workflows (setup workflows continue into others): it is not terminal
 * before that.
 */
export const SETTLE_MS = 2 * 60_000;

/** Classifies a workflow by its name against the configured ones. */
export function classifyWorkflow(
  definition: EnvironmentDefinition,
  name: string,
): OperationKind {
  const kinds = ['deploy', 'park', 'unpark', 'rebuild', 'drift'] as const;
  return kinds.find(kind => definition.workflows[kind] === name) ?? 'other';
}

const unfinished = (w: CircleCiWorkflow) =>
  UNFINISHED_STATUSES.includes(w.status);

/**
 * Whether a workflow's jobs are worth reading: approvals to find, the
 * approval wait of a finished deploy, the progress of a running park,
 * unpark or deploy ("job 2 of 5"), and the failed job of a failed one.
 */
export function needsJobs(
  kind: OperationKind,
  workflow: CircleCiWorkflow,
): boolean {
  if (workflow.status === 'on_hold') return true;
  if (kind === 'deploy') return true;
  if (kind === 'park' || kind === 'unpark') {
    return (
      unfinished(workflow) || ['failed', 'error'].includes(workflow.status)
    );
  }
  return false;
}

/**
 * Whether everything a pipeline started has finished: it errored, or it has
 * workflows and none of them is running, failing or on hold.
 */
export function isFinished(
  pipeline: CircleCiPipeline,
  workflows: CircleCiWorkflow[],
): boolean {
  if (pipeline.state === 'errored') return true;
  return workflows.length > 0 && !workflows.some(unfinished);
}

/** Whether a pipeline can change no more. */
export function isTerminal(
  pipeline: CircleCiPipeline,
  workflows: CircleCiWorkflow[],
  now: number,
): boolean {
  if (pipeline.state === 'errored') return true;
  if (workflows.some(unfinished)) return false;
  const last = Math.max(
    Date.parse(pipeline.created_at),
    ...workflows.map(w => Date.parse(w.stopped_at ?? w.created_at)),
  );
  return now - last > SETTLE_MS;
}

function pullRequest(pipeline: CircleCiPipeline) {
  const id = Number(pipeline.vcs?.review_id);
  const url = pipeline.vcs?.review_url;
  return Number.isInteger(id) && url ? { number: id, url } : undefined;
}

/** The stored form of a pipeline. */
export function toPipelineRecord(
  environment: string,
  pipeline: CircleCiPipeline,
  terminal: boolean,
): PipelineRecord {
  return {
    environment,
    id: pipeline.id,
    number: pipeline.number,
    projectSlug: pipeline.project_slug,
    state: pipeline.state,
    branch: pipeline.vcs?.branch ?? undefined,
    revision: pipeline.vcs?.revision ?? undefined,
    commitSubject: pipeline.vcs?.commit?.subject ?? undefined,
    pullRequest: pullRequest(pipeline),
    actor: pipeline.trigger.actor.login,
    triggerType: pipeline.trigger.type,
    createdAt: pipeline.created_at,
    terminal,
  };
}

const latest = (times: (string | null | undefined)[]) =>
  times
    .filter((t): t is string => !!t)
    .sort()
    .pop();

/**
 * The stored form of a workflow: its kind, and from its jobs (when read)
 * the held approval and how long an approval waited.
 */
export function toWorkflowRecord(
  definition: EnvironmentDefinition,
  workflow: CircleCiWorkflow,
  jobs: CircleCiJob[] | undefined,
): WorkflowRecord {
  const record: WorkflowRecord = {
    environment: definition.name,
    id: workflow.id,
    pipelineId: workflow.pipeline_id,
    pipelineNumber: workflow.pipeline_number,
    name: workflow.name,
    kind: classifyWorkflow(definition, workflow.name),
    status: workflow.status,
    createdAt: workflow.created_at,
    stoppedAt: workflow.stopped_at ?? undefined,
  };
  const approvals = (jobs ?? []).filter(j => j.type === 'approval');
  // The hold began when the jobs it waits for stopped.
  const holdStart = (job: CircleCiJob) =>
    latest(
      (jobs ?? [])
        .filter(j => job.dependencies?.includes(j.id))
        .map(j => j.stopped_at),
    ) ??
    job.started_at ??
    workflow.created_at;

  const held = approvals.find(
    j => j.status === 'on_hold' && j.approval_request_id,
  );
  if (workflow.status === 'on_hold' && held) {
    record.approval = {
      requestId: held.approval_request_id!,
      jobName: held.name,
      since: holdStart(held),
    };
  }
  const approved = approvals.find(j => j.status === 'success');
  if (approved) {
    // It ended when the first job after it started.
    const resumed = (jobs ?? [])
      .filter(j => j.dependencies?.includes(approved.id) && j.started_at)
      .map(j => j.started_at!)
      .sort()[0];
    if (resumed) {
      record.approvalWaitMs = Math.max(
        0,
        Date.parse(resumed) - Date.parse(holdStart(approved)),
      );
    }
  }
  return record;
}

/** The stored form of a job. */
export function toJobRecord(
  environment: string,
  workflowId: string,
  job: CircleCiJob,
): JobRecord {
  return {
    environment,
    id: job.id,
    workflowId,
    name: job.name,
    type: job.type,
    status: job.status,
    jobNumber: job.job_number ?? undefined,
    startedAt: job.started_at ?? undefined,
    stoppedAt: job.stopped_at ?? undefined,
    approvalRequestId: job.approval_request_id ?? undefined,
    approvedBy: job.approved_by ?? undefined,
  };
}
