import { PipelineError } from './parameters';

/** Job statuses the stand-in uses (a subset of CircleCI's). */
export type JobStatus =
  | 'blocked'
  | 'running'
  | 'on_hold'
  | 'success'
  | 'failed'
  | 'canceled';

/** Workflow statuses the stand-in uses (a subset of CircleCI's). */
export type WorkflowStatus =
  | 'running'
  | 'on_hold'
  | 'failing'
  | 'success'
  | 'failed'
  | 'canceled';

/** A job of a workflow run. */
export interface JobRecord {
  id: string;
  name: string;
  /** The job definition that runs (differs from `name` when renamed). */
  definition: string;
  type: 'build' | 'approval';
  status: JobStatus;
  requires: string[];
  /** Ids of the jobs this one requires. */
  dependencies: string[];
  failsByDesign: boolean;
  /** Paths its `store_artifacts` steps store, once it has run. */
  artifacts: string[];
  jobNumber?: number;
  startedAt: number | null;
  stoppedAt: number | null;
  approvalRequestId?: string;
  approvedBy?: string;
}

/** A workflow run. */
export interface WorkflowRecord {
  id: string;
  name: string;
  pipelineId: string;
  pipelineNumber: number;
  status: WorkflowStatus;
  createdAt: number;
  stoppedAt: number | null;
  startedBy: string;
  jobs: JobRecord[];
}

/** A pipeline, with the parameters it was triggered with. */
export interface PipelineRecord {
  id: string;
  number: number;
  projectSlug: string;
  createdAt: number;
  updatedAt: number;
  state: 'created' | 'errored' | 'setup-pending' | 'setup' | 'pending';
  errors: PipelineError[];
  trigger: {
    type: 'api' | 'webhook' | 'explicit' | 'scheduled_pipeline';
    receivedAt: number;
    actor: { login: string; avatarUrl: string | null };
  };
  vcs: {
    revision: string;
    branch?: string;
    tag?: string;
    subject: string | null;
    body: string | null;
    authorName: string;
    authorEmail: string;
    committedAt: number;
  };
  /** As given by the trigger. */
  parameters: Record<string, unknown>;
  workflows: WorkflowRecord[];
}

/** Whether a workflow status is final. */
export function isTerminal(status: WorkflowStatus): boolean {
  return status === 'success' || status === 'failed' || status === 'canceled';
}
