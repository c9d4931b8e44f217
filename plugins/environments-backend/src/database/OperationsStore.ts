import type { PipelineParameterValue } from '@rocket-club/plugin-environments-node';

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
      parameters: Record<string, PipelineParameterValue>;
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

/** What an idempotency key lookup found. */
export type IdempotencyLookup<T> =
  | { state: 'new' }
  | { state: 'done'; response: T }
  | { state: 'pending'; since: string; attempt?: OperationAttempt }
  | { state: 'unknown'; since: string; attempt?: OperationAttempt }
  | { state: 'mismatch'; operation: string; environment: string };

/** Identifies one use of an idempotency key. */
export interface IdempotencyRequest {
  key: string;
  userEntityRef: string;
  operation: string;
  environment: string;
  /** Hash of the request; a key reused for another request is refused. */
  fingerprint: string;
}

/** The key of an idempotency row. */
export type IdempotencyKeyRef = Pick<
  IdempotencyRequest,
  'key' | 'userEntityRef'
>;

/** A key whose request has not come to an end (pending or unknown). */
export interface UnresolvedIdempotency extends IdempotencyKeyRef {
  operation: string;
  environment: string;
  state: 'pending' | 'unknown';
  createdAt: string;
  attempt?: OperationAttempt;
}

/** Who caused a pipeline, an approval or a pull request through the portal. */
export interface InitiatorRecord {
  environment: string;
  subjectKind: 'pipeline' | 'approval' | 'pull-request';
  /** Pipeline id, workflow id or pull request number. */
  subjectId: string;
  userEntityRef: string;
  operation: string;
}

/**
 * Operation locks, idempotency keys, initiators and webhook deliveries
 * (`operation_locks`, `idempotency_keys`, `operation_initiators`,
 * `webhook_deliveries`): the tables this store alone reads and writes, in
 * the database so that every backend instance agrees. The read side reads
 * locks and initiators through it too.
 */
export interface OperationsStore {
  /**
   * Takes the environment's lock, unless a live one is held; an expired lock
   * is replaced. Atomic: of two concurrent calls exactly one acquires.
   */
  acquireLock(lock: {
    environment: string;
    operation: string;
    acquiredBy: string;
    now: Date;
    ttlMs: number;
    idempotencyKey?: string;
  }): Promise<
    { acquired: true } | { acquired: false; holder: OperationLockRecord }
  >;
  /** Records what the lock's operation is about to send. */
  setLockAttempt(environment: string, attempt: OperationAttempt): Promise<void>;
  /** The lock's trigger was sent but its answer lost. */
  markLockUnknown(environment: string): Promise<void>;
  /** Records the pipeline that the lock's operation triggered (or adopted). */
  attachPipeline(
    environment: string,
    operation: string,
    pipeline: { id: string; number: number },
  ): Promise<void>;
  /** Releases the lock: of that pipeline, or (no pipeline) whatever is held. */
  releaseLock(environment: string, pipelineId?: string): Promise<boolean>;
  /** Every lock, expired or not, for housekeeping. */
  listLocks(): Promise<OperationLockRecord[]>;

  /**
   * Claims an idempotency key, or reports the first use's state. A claim is
   * `pending` until completed, marked unknown or abandoned.
   */
  claimIdempotency<T>(
    request: IdempotencyRequest,
    now: Date,
  ): Promise<IdempotencyLookup<T>>;
  /** Records what the key's request is about to send. */
  setIdempotencyAttempt(
    key: IdempotencyKeyRef,
    attempt: OperationAttempt,
  ): Promise<void>;
  /** The key's request was sent but its answer lost. */
  markIdempotencyUnknown(key: IdempotencyKeyRef): Promise<void>;
  completeIdempotency(key: IdempotencyKeyRef, response: unknown): Promise<void>;
  /** Forgets a claim that did not complete, so a retry may act. */
  abandonIdempotency(key: IdempotencyKeyRef): Promise<void>;
  /** Keys pending or unknown since before `before`. */
  listUnresolvedIdempotency(before: Date): Promise<UnresolvedIdempotency[]>;
  /** Deletes keys older than `before` (long after any reconciliation). */
  deleteIdempotencyBefore(before: Date): Promise<number>;

  /** Records the Backstage user behind something the portal caused. */
  recordInitiator(record: InitiatorRecord, now: Date): Promise<void>;

  /** Whether a webhook delivery was handled already. */
  hasDelivery(id: string): Promise<boolean>;
  /**
   * Records a handled webhook delivery; false when it was recorded before
   * (a redelivery handled meanwhile).
   */
  recordDelivery(id: string, type: string, now: Date): Promise<boolean>;
  /** Forgets deliveries older than `before`. */
  deleteDeliveriesBefore(before: Date): Promise<number>;

  /** The environment's operation lock, unless it has expired. */
  getLock(
    environment: string,
    now: Date,
  ): Promise<OperationLockRecord | undefined>;
  /**
   * The Backstage users behind the given pipelines, approvals (by workflow
   * id) or pull requests that the portal caused: subject id → user ref.
   */
  initiators(
    environment: string,
    kind: InitiatorRecord['subjectKind'],
    ids: string[],
  ): Promise<Map<string, string>>;
}
