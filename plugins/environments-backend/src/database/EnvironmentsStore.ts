import type {
  OperationKind,
  WorkflowStatus,
} from '@rocket-club/plugin-environments-common';

/**
 * A CircleCI pipeline as stored. Timestamps are ISO 8601.
 *
 * @public
 */
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

/**
 * A CircleCI workflow as stored.
 *
 * @public
 */
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

/**
 * A workflow with its pipeline.
 *
 * @public
 */
export interface WorkflowRun extends WorkflowRecord {
  pipeline: PipelineRecord;
}

/**
 * A CircleCI job as stored.
 *
 * @public
 */
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

/**
 * Position in the history, newest first: rows strictly older come next.
 *
 * @public
 */
export interface HistoryCursor {
  createdAt: string;
  id: string;
}

/**
 * One probe of an endpoint.
 *
 * @public
 */
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

/**
 * An endpoint's latest probe and counts over a window.
 *
 * @public
 */
export interface EndpointStats {
  endpoint: string;
  latest?: ProbeSample;
  total: number;
  ok: number;
  /** Failures while the environment was parked: not outages. */
  expectedDownFailures: number;
}

/**
 * Where ingestion got to for one environment.
 *
 * @public
 */
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

/**
 * The CircleCI history (`pipelines`, `workflows`, `jobs`), the ingestion
 * cursors (`ingestion_cursors`) and the probe samples (`probe_samples`):
 * the tables this store alone reads and writes.
 *
 * @public
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
}
