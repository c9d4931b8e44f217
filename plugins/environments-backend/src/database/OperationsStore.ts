import type { OperationLockRecord } from './EnvironmentsStore';

/** What an idempotency key lookup found. */
export type IdempotencyLookup<T> =
  | { state: 'new' }
  | { state: 'done'; response: T }
  | { state: 'pending' }
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

/**
 * Operation locks and idempotency keys, in the database so that every
 * backend instance agrees.
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
  }): Promise<
    { acquired: true } | { acquired: false; holder: OperationLockRecord }
  >;
  /** Records the pipeline that the lock's operation triggered. */
  attachPipeline(
    environment: string,
    operation: string,
    pipeline: { id: string; number: number },
  ): Promise<void>;
  /** Releases the lock: of that pipeline, or (no pipeline) whatever is held. */
  releaseLock(environment: string, pipelineId?: string): Promise<boolean>;

  /**
   * Claims an idempotency key, or reports the first use's outcome. A claim is
   * `pending` until {@link OperationsStore.completeIdempotency} or
   * {@link OperationsStore.abandonIdempotency}.
   */
  claimIdempotency<T>(
    request: IdempotencyRequest,
    now: Date,
  ): Promise<IdempotencyLookup<T>>;
  completeIdempotency(
    request: IdempotencyRequest,
    response: unknown,
  ): Promise<void>;
  /** Forgets a claim whose operation failed, so a retry may act. */
  abandonIdempotency(request: IdempotencyRequest): Promise<void>;
  /** Deletes keys older than `before`. */
  deleteIdempotencyBefore(before: Date): Promise<number>;

  /**
   * Records a webhook delivery; false when it was recorded before (a
   * redelivery), so each event is handled once across instances.
   */
  recordDelivery(id: string, type: string, now: Date): Promise<boolean>;
  /** Forgets deliveries older than `before`. */
  deleteDeliveriesBefore(before: Date): Promise<number>;
}
