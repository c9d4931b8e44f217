import type {
  FailedRun,
  Initiator,
  SyncHealth,
  WorkflowProgress,
} from '@rocket-club/plugin-environments-common';
import type {
  IngestionCursor,
  JobRecord,
  WorkflowRun,
} from '../../database/EnvironmentsStore';
import type { OperationLockRecord } from '../../database/OperationsStore';
import { Links, pipelineRef } from './toDeployment';

const FAILED_JOB = ['failed', 'infrastructure_fail', 'timedout', 'error'];

/** "job 2 of 5: plan", from the jobs of a running workflow. */
export function progressOf(
  run: WorkflowRun,
  jobs: JobRecord[],
): WorkflowProgress | undefined {
  const own = jobs.filter(j => j.workflowId === run.id);
  if (own.length === 0) return undefined;
  const current =
    own.find(j => j.status === 'running') ??
    own.find(j => j.status === 'on_hold');
  return {
    workflowId: run.id,
    workflowName: run.name,
    completed: own.filter(j => j.status === 'success').length,
    total: own.length,
    currentJob: current?.name,
  };
}

/** A failed workflow with its first failed job and the links to both. */
export function failureOf(
  run: WorkflowRun,
  jobs: JobRecord[],
  links: Links,
): FailedRun {
  const url = links.workflow(run.pipelineNumber, run.id);
  const failed = jobs
    .filter(j => j.workflowId === run.id && FAILED_JOB.includes(j.status))
    .sort((a, b) => (a.stoppedAt ?? '').localeCompare(b.stoppedAt ?? ''))[0];
  return {
    kind: run.kind,
    workflowId: run.id,
    workflowName: run.name,
    url,
    pipeline: pipelineRef(run, links),
    stoppedAt: run.stoppedAt,
    job: failed && {
      name: failed.name,
      url:
        failed.jobNumber !== undefined
          ? `${url}/jobs/${failed.jobNumber}`
          : undefined,
    },
    rerunUrl: url,
  };
}

/** Who took a lock through the portal, from the lock row. */
export function lockInitiator(
  lock: OperationLockRecord | undefined,
): Initiator | undefined {
  const ref = lock?.acquiredBy;
  if (!ref?.startsWith('user:')) return undefined;
  return {
    userEntityRef: ref,
    displayName: ref.replace(/^user:(default\/)?/, ''),
    via: 'portal',
  };
}

/**
 * Whether the CircleCI sync is healthy: its last run failed, or its last
 * success is older than twice its schedule (the task is not running).
 */
export function syncHealthOf(
  cursor: IngestionCursor | undefined,
  expectedEveryMs: number | undefined,
  now: number,
): SyncHealth | undefined {
  if (!cursor) return undefined;
  const failing =
    !!cursor.lastErrorAt &&
    (!cursor.lastCompletedAt || cursor.lastErrorAt > cursor.lastCompletedAt);
  const last = cursor.lastCompletedAt ?? cursor.lastStartedAt;
  const stale =
    expectedEveryMs !== undefined &&
    !!last &&
    now - Date.parse(last) > 2 * expectedEveryMs;
  return {
    failing,
    stale,
    lastError: failing ? cursor.lastError : undefined,
    lastErrorAt: failing ? cursor.lastErrorAt : undefined,
    expectedEveryMs,
  };
}
