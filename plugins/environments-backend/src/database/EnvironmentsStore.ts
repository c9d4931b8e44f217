import type {
  OperationKind,
  WorkflowStatus,
} from '@rocket-club/plugin-environments-common';

/** A CircleCI pipeline as stored. Timestamps are ISO 8601. */
export interface PipelineRecord {
  environment: string;
  id: string;
  number: number;
  projectSlug: string;
  state: string;
  branch?: string;
  revision?: string;
  commitSubject?: string;
  pullRequest?: { number: number; url: string };
  actor?: string;
  triggerType?: string;
  createdAt: string;
  /** It and all its workflows have finished: never fetched again. */
  terminal: boolean;
}

/** A CircleCI workflow as stored. */
export interface WorkflowRecord {
  environment: string;
  id: string;
  pipelineId: string;
  pipelineNumber: number;
  name: string;
  kind: OperationKind;
  status: WorkflowStatus;
  createdAt: string;
  stoppedAt?: string;
  /** The held approval job, while the workflow is on hold. */
  approval?: { requestId: string; jobName: string; since: string };
  approvalWaitMs?: number;
}

/** A workflow with its pipeline. */
export interface WorkflowRun extends WorkflowRecord {
  pipeline: PipelineRecord;
}

/** A CircleCI job as stored. */
export interface JobRecord {
  environment: string;
  id: string;
  workflowId: string;
  name: string;
  type: string;
  status: string;
  jobNumber?: number;
  startedAt?: string;
  stoppedAt?: string;
  approvalRequestId?: string;
  approvedBy?: string;
}

/** Position in the history, newest first: rows strictly older come next. */
export interface HistoryCursor {
  createdAt: string;
  id: string;
}

/** One probe of an endpoint. */
export interface ProbeSample {
  environment: string;
  endpoint: string;
  checkedAt: string;
  ok: boolean;
  httpStatus?: number;
  latencyMs?: number;
  error?: string;
  /** The environment was parked or parking when probed. */
  expectedDown: boolean;
}

/** An endpoint's latest probe and counts over a window. */
export interface EndpointStats {
  endpoint: string;
  latest?: ProbeSample;
  total: number;
  ok: number;
  /** Failures while the environment was parked: not outages. */
  expectedDownFailures: number;
}

/** Where ingestion got to for one environment. */
export interface IngestionCursor {
  environment: string;
  projectSlug: string;
  branch?: string;
  newestPipelineNumber?: number;
  lastStartedAt?: string;
  lastCompletedAt?: string;
  lastError?: string;
  lastErrorAt?: string;
}

/** The operation holding an environment's lock. */
export interface OperationLockRecord {
  environment: string;
  operation: string;
  pipelineId?: string;
  pipelineNumber?: number;
  acquiredBy?: string;
  acquiredAt: string;
  expiresAt: string;
  /** `unknown` while the outcome of its trigger is being reconciled. */
  state?: 'held' | 'unknown';
  /** What its trigger sent, once sent. */
  attempt?: OperationAttempt;
  /** The Idempotency-Key of the request that took it. */
  idempotencyKey?: string;
}

/**
 * What a mutation sent upstream and when, recorded before it is sent so
 * that a lost answer (or a crash) can be reconciled against what the
 * upstream shows.
 */
export type OperationAttempt =
  | {
      kind: 'pipeline';
      operation: string;
      projectSlug: string;
      branch: string;
      parameters: Record<string, string | number | boolean>;
      sentAt: string;
    }
  | {
      kind: 'approval';
      workflowId: string;
      approvalRequestId: string;
      jobName: string;
      workflowName: string;
      pipelineId: string;
      pipelineNumber: number;
      sentAt: string;
    }
  | {
      kind: 'bump';
      branch: string;
      base: string;
      path: string;
      /** The commit the bump built, which the branch must point at. */
      commitSha: string;
      result: unknown;
      sentAt: string;
    };

/**
 * The plugin's storage: CircleCI history, probe samples, ingestion cursors
 * and operation locks.
 */
export interface EnvironmentsStore {
  /** Of the given pipeline ids, those stored as terminal. */
  terminalPipelineIds(environment: string, ids: string[]): Promise<Set<string>>;
  /** Stored pipelines that are not terminal yet, oldest first. */
  nonTerminalPipelineIds(environment: string): Promise<string[]>;
  /** Inserts or updates a pipeline with its workflows and jobs, at once. */
  savePipeline(
    pipeline: PipelineRecord,
    workflows: WorkflowRecord[],
    jobs: JobRecord[],
  ): Promise<void>;

  getCursor(environment: string): Promise<IngestionCursor | undefined>;
  saveCursor(cursor: IngestionCursor): Promise<void>;

  /** Workflows newest first (created_at, then id), after a cursor. */
  listWorkflows(
    environment: string,
    options: { kinds?: OperationKind[]; limit: number; before?: HistoryCursor },
  ): Promise<WorkflowRun[]>;
  /** Workflows that have not finished, newest first. */
  listUnfinishedWorkflows(environment: string): Promise<WorkflowRun[]>;
  /** The newest workflow of a kind with one of the statuses. */
  newestWorkflow(
    environment: string,
    kind: OperationKind,
    statuses?: WorkflowStatus[],
  ): Promise<WorkflowRun | undefined>;
  listJobs(environment: string, workflowIds: string[]): Promise<JobRecord[]>;

  addProbeSamples(samples: ProbeSample[]): Promise<void>;
  /** For each named endpoint: its latest sample, and counts since `since`. */
  endpointStats(
    environment: string,
    endpoints: string[],
    since: Date,
  ): Promise<EndpointStats[]>;
  /** Deletes samples older than `before`; returns how many. */
  deleteProbeSamplesBefore(before: Date): Promise<number>;

  /**
   * The Backstage users behind the given pipelines, approvals (by workflow
   * id) or pull requests that the portal caused: subject id → user ref.
   */
  initiators(
    environment: string,
    kind: 'pipeline' | 'approval' | 'pull-request',
    ids: string[],
  ): Promise<Map<string, string>>;

  /** The environment's operation lock, unless it has expired. */
  getLock(
    environment: string,
    now: Date,
  ): Promise<OperationLockRecord | undefined>;
}
