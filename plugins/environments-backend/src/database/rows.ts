import type {
  OperationKind,
  WorkflowStatus,
} from '@rocket-club/plugin-environments-common';
import {
  IngestionCursor,
  JobRecord,
  PipelineRecord,
  ProbeSample,
  WorkflowRecord,
  WorkflowRun,
} from './EnvironmentsStore';
import type { OperationLockRecord } from './OperationsStore';

/*
 * Row mapping. Timestamps are bound as Date objects on every write, so both
 * databases store them as timestamps (SQLite: epoch milliseconds) and compare
 * them correctly; they are read back as Date (PostgreSQL) or number (SQLite).
 * 64-bit integers come back from PostgreSQL as strings.
 */

type Row = Record<string, any>;

const date = (value: string | undefined) => (value ? new Date(value) : null);

/** An ISO 8601 string from whatever the driver returned. */
export function iso(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const d = value instanceof Date ? value : new Date(value as string | number);
  return d.toISOString();
}

const num = (value: unknown) =>
  value === null || value === undefined ? undefined : Number(value);
const str = (value: unknown) =>
  value === null || value === undefined ? undefined : String(value);

export function pipelineToRow(p: PipelineRecord, syncedAt: Date): Row {
  return {
    environment: p.environment,
    id: p.id,
    number: p.number,
    project_slug: p.projectSlug,
    state: p.state,
    branch: p.branch ?? null,
    revision: p.revision ?? null,
    commit_subject: p.commitSubject ?? null,
    pull_request_number: p.pullRequest?.number ?? null,
    pull_request_url: p.pullRequest?.url ?? null,
    actor: p.actor ?? null,
    trigger_type: p.triggerType ?? null,
    created_at: date(p.createdAt),
    terminal: p.terminal,
    synced_at: syncedAt,
  };
}

export function workflowToRow(w: WorkflowRecord): Row {
  return {
    environment: w.environment,
    id: w.id,
    pipeline_id: w.pipelineId,
    pipeline_number: w.pipelineNumber,
    name: w.name,
    kind: w.kind,
    status: w.status,
    created_at: date(w.createdAt),
    stopped_at: date(w.stoppedAt),
    approval_request_id: w.approval?.requestId ?? null,
    approval_job: w.approval?.jobName ?? null,
    on_hold_since: date(w.approval?.since),
    approval_wait_ms: w.approvalWaitMs ?? null,
  };
}

export function jobToRow(j: JobRecord): Row {
  return {
    environment: j.environment,
    id: j.id,
    workflow_id: j.workflowId,
    name: j.name,
    type: j.type,
    status: j.status,
    job_number: j.jobNumber ?? null,
    started_at: date(j.startedAt),
    stopped_at: date(j.stoppedAt),
    approval_request_id: j.approvalRequestId ?? null,
    approved_by: j.approvedBy ?? null,
  };
}

/** Columns of a workflow joined with its pipeline (`w` and `p`). */
export const WORKFLOW_COLUMNS = [
  'w.environment',
  'w.id',
  'w.pipeline_id',
  'w.pipeline_number',
  'w.name',
  'w.kind',
  'w.status',
  'w.created_at',
  'w.stopped_at',
  'w.approval_request_id',
  'w.approval_job',
  'w.on_hold_since',
  'w.approval_wait_ms',
];
export const PIPELINE_COLUMNS = [
  'p.number as p_number',
  'p.project_slug as p_project_slug',
  'p.state as p_state',
  'p.branch as p_branch',
  'p.revision as p_revision',
  'p.commit_subject as p_commit_subject',
  'p.pull_request_number as p_pull_request_number',
  'p.pull_request_url as p_pull_request_url',
  'p.actor as p_actor',
  'p.trigger_type as p_trigger_type',
  'p.created_at as p_created_at',
  'p.terminal as p_terminal',
];

export function runFromRow(r: Row): WorkflowRun {
  const approval =
    r.approval_request_id && r.approval_job && r.on_hold_since
      ? {
          requestId: r.approval_request_id,
          jobName: r.approval_job,
          since: iso(r.on_hold_since)!,
        }
      : undefined;
  return {
    environment: r.environment,
    id: r.id,
    pipelineId: r.pipeline_id,
    pipelineNumber: Number(r.pipeline_number),
    name: r.name,
    kind: r.kind as OperationKind,
    status: r.status as WorkflowStatus,
    createdAt: iso(r.created_at)!,
    stoppedAt: iso(r.stopped_at),
    approval,
    approvalWaitMs: num(r.approval_wait_ms),
    pipeline: {
      environment: r.environment,
      id: r.pipeline_id,
      number: Number(r.p_number),
      projectSlug: r.p_project_slug,
      state: r.p_state,
      branch: str(r.p_branch),
      revision: str(r.p_revision),
      commitSubject: str(r.p_commit_subject),
      pullRequest:
        r.p_pull_request_number !== null && r.p_pull_request_url
          ? {
              number: Number(r.p_pull_request_number),
              url: r.p_pull_request_url,
            }
          : undefined,
      actor: str(r.p_actor),
      triggerType: str(r.p_trigger_type),
      createdAt: iso(r.p_created_at)!,
      terminal: Boolean(r.p_terminal),
    },
  };
}

export function jobFromRow(r: Row): JobRecord {
  return {
    environment: r.environment,
    id: r.id,
    workflowId: r.workflow_id,
    name: r.name,
    type: r.type,
    status: r.status,
    jobNumber: num(r.job_number),
    startedAt: iso(r.started_at),
    stoppedAt: iso(r.stopped_at),
    approvalRequestId: str(r.approval_request_id),
    approvedBy: str(r.approved_by),
  };
}

export function sampleToRow(s: ProbeSample): Row {
  return {
    environment: s.environment,
    endpoint: s.endpoint,
    checked_at: date(s.checkedAt),
    ok: s.ok,
    http_status: s.httpStatus ?? null,
    latency_ms: s.latencyMs ?? null,
    error: s.error?.slice(0, 500) ?? null,
    expected_down: s.expectedDown,
  };
}

export function sampleFromRow(r: Row): ProbeSample {
  return {
    environment: r.environment,
    endpoint: r.endpoint,
    checkedAt: iso(r.checked_at)!,
    ok: Boolean(r.ok),
    httpStatus: num(r.http_status),
    latencyMs: num(r.latency_ms),
    error: str(r.error),
    expectedDown: Boolean(r.expected_down),
  };
}

export function cursorToRow(c: IngestionCursor): Row {
  return {
    environment: c.environment,
    project_slug: c.projectSlug,
    branch: c.branch ?? null,
    newest_pipeline_number: c.newestPipelineNumber ?? null,
    last_started_at: date(c.lastStartedAt),
    last_completed_at: date(c.lastCompletedAt),
    last_error: c.lastError?.slice(0, 2000) ?? null,
    last_error_at: date(c.lastErrorAt),
  };
}

export function cursorFromRow(r: Row): IngestionCursor {
  return {
    environment: r.environment,
    projectSlug: r.project_slug,
    branch: str(r.branch),
    newestPipelineNumber: num(r.newest_pipeline_number),
    lastStartedAt: iso(r.last_started_at),
    lastCompletedAt: iso(r.last_completed_at),
    lastError: str(r.last_error),
    lastErrorAt: iso(r.last_error_at),
  };
}

export function lockFromRow(r: Row): OperationLockRecord {
  return {
    environment: r.environment,
    operation: r.operation,
    pipelineId: str(r.pipeline_id),
    pipelineNumber: num(r.pipeline_number),
    acquiredBy: str(r.acquired_by),
    acquiredAt: iso(r.acquired_at)!,
    expiresAt: iso(r.expires_at)!,
    state: r.state === 'unknown' ? 'unknown' : 'held',
    attempt: r.attempt ? JSON.parse(r.attempt) : undefined,
    idempotencyKey: str(r.idempotency_key),
  };
}
