import { JobRecord, WorkflowRecord, WorkflowStatus } from './model';

/**
 * How a workflow's jobs move: a job starts when every job it requires has
 * succeeded; a build job runs, an approval job holds. These functions take
 * the time explicitly, so live runs (on the clock) and seeded history (in
 * virtual time) share them.
 */

function requiredOf(workflow: WorkflowRecord, job: JobRecord): JobRecord[] {
  return job.dependencies.map(id => workflow.jobs.find(j => j.id === id)!);
}

/**
 * Starts every blocked job whose requirements all succeeded: build jobs
 * begin running (and get a job number), approval jobs go on hold. Returns
 * the build jobs that started.
 */
export function startReadyJobs(
  workflow: WorkflowRecord,
  now: number,
  nextJobNumber: () => number,
): JobRecord[] {
  const started: JobRecord[] = [];
  for (const job of workflow.jobs) {
    if (job.status !== 'blocked') continue;
    if (!requiredOf(workflow, job).every(r => r.status === 'success')) continue;
    if (job.type === 'approval') {
      job.status = 'on_hold';
      continue;
    }
    job.status = 'running';
    job.startedAt = now;
    job.jobNumber = nextJobNumber();
    started.push(job);
  }
  return started;
}

/** The workflow's status from its jobs' statuses. */
export function workflowStatusOf(workflow: WorkflowRecord): WorkflowStatus {
  const statuses = workflow.jobs.map(j => j.status);
  const failed = statuses.includes('failed');
  if (statuses.includes('running')) return failed ? 'failing' : 'running';
  if (failed) return 'failed';
  if (statuses.includes('canceled')) return 'canceled';
  if (statuses.includes('on_hold')) return 'on_hold';
  if (statuses.every(s => s === 'success')) return 'success';
  return 'running';
}

/** Ends a running build job. */
export function finishJob(
  job: JobRecord,
  status: 'success' | 'failed',
  now: number,
) {
  job.status = status;
  job.stoppedAt = now;
}

/** Approves a held approval job. */
export function approveJob(job: JobRecord, approverId: string, now: number) {
  job.status = 'success';
  job.approvedBy = approverId;
  job.startedAt = now;
  job.stoppedAt = now;
}
