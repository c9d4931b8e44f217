import type {
  JobRecord,
  PipelineRecord,
  WorkflowRecord,
} from '../database/EnvironmentsStore';

/** A stored pipeline with defaults. */
export function pipelineRecord(
  over: Partial<PipelineRecord> = {},
): PipelineRecord {
  return {
    environment: 'prod',
    id: 'p-1',
    number: 1,
    projectSlug: 'gh/rlhatcher/rocket-club',
    state: 'created',
    branch: 'main',
    revision: 'f454a02b5d10fcccfd7d9dd7608a76d6493a98b4',
    commitSubject: 'Change things',
    actor: 'rlhatcher',
    triggerType: 'api',
    createdAt: '2026-01-01T00:00:00.000Z',
    terminal: true,
    ...over,
  };
}

/** A stored workflow with defaults. */
export function workflowRecord(
  over: Partial<WorkflowRecord> = {},
): WorkflowRecord {
  return {
    environment: 'prod',
    id: 'w-1',
    pipelineId: 'p-1',
    pipelineNumber: 1,
    name: 'terraform-prod',
    kind: 'deploy',
    status: 'success',
    createdAt: '2026-01-01T00:00:00.000Z',
    stoppedAt: '2026-01-01T00:05:00.000Z',
    ...over,
  };
}

/** A stored job with defaults. */
export function jobRecord(over: Partial<JobRecord> = {}): JobRecord {
  return {
    environment: 'prod',
    id: 'j-1',
    workflowId: 'w-1',
    name: 'terraform-prod-plan',
    type: 'build',
    status: 'success',
    jobNumber: 7,
    startedAt: '2026-01-01T00:00:10.000Z',
    stoppedAt: '2026-01-01T00:01:00.000Z',
    ...over,
  };
}
