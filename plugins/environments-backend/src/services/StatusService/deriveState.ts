import type {
  EnvironmentState,
  WorkflowStatus,
} from '@rocket-club/plugin-environments-common';
import type { WorkflowRun } from '../../database/EnvironmentsStore';
import type { OperationLockRecord } from '../../database/OperationsStore';

/** Statuses of a workflow that has not finished. */
export const UNFINISHED_STATUSES: WorkflowStatus[] = [
  'running',
  'failing',
  'on_hold',
];
/** Statuses of a workflow that finished without changing anything. */
const NO_EFFECT: WorkflowStatus[] = ['canceled', 'not_run', 'unauthorized'];
const FAILED: WorkflowStatus[] = ['failed', 'error'];

const unfinished = (w: WorkflowRun) => UNFINISHED_STATUSES.includes(w.status);

/** The state of an environment and the workflow it comes from. */
export interface DerivedState {
  state: EnvironmentState;
  since?: string;
  actor?: string;
  source?: WorkflowRun;
  /**
   * The newest finished deploy, when it failed and the environment kept the
   * state it had before ("Active · last deploy failed"), or the failed park
   * or unpark the `failed` state comes from.
   */
  failure?: WorkflowRun;
  /** The write side holds the lock for this operation; CircleCI has not shown it yet. */
  pendingLock?: OperationLockRecord;
}

function newestFirst(a: WorkflowRun, b: WorkflowRun) {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? 1 : -1;
}

function from(
  state: EnvironmentState,
  w: WorkflowRun,
  since = w.stoppedAt ?? w.createdAt,
): DerivedState {
  return { state, since, actor: w.pipeline.actor, source: w };
}

/**
 * A park or unpark the write side has triggered (it holds the lock) but
 * whose workflow has not been seen finishing: parking / unparking from the
 * moment the lock was taken, before CircleCI lists the pipeline.
 */
function lockTransition(
  workflows: WorkflowRun[],
  lockRow: OperationLockRecord | undefined,
): DerivedState | undefined {
  if (!lockRow || !['park', 'unpark'].includes(lockRow.operation)) {
    return undefined;
  }
  const ofLock = workflows.filter(
    w =>
      lockRow.pipelineId !== undefined &&
      w.pipelineId === lockRow.pipelineId &&
      (w.kind === 'park' || w.kind === 'unpark'),
  );
  // Seen: the workflow itself says what is happening (or happened: a
  // finished pipeline's lock is released a moment later).
  if (ofLock.length > 0) return undefined;
  return {
    state: lockRow.operation === 'park' ? 'parking' : 'unparking',
    since: lockRow.acquiredAt,
    pendingLock: lockRow,
  };
}

/** The settled state from finished workflows, newest first. */
function settled(relevant: WorkflowRun[]): DerivedState {
  const lifecycle = relevant.find(
    w => w.kind === 'park' || w.kind === 'unpark',
  );
  const deploy = relevant.find(w => w.kind === 'deploy');
  const newest = [lifecycle, deploy]
    .filter((w): w is WorkflowRun => !!w)
    .sort(newestFirst)[0];
  if (!newest) return { state: 'unknown' };
  if (FAILED.includes(newest.status)) {
    if (newest.kind !== 'deploy') {
      return { ...from('failed', newest), failure: newest };
    }
    // A failed apply leaves the environment as it was: say so beside it.
    const before = settled(relevant.filter(w => w !== newest));
    return { ...before, failure: newest };
  }
  if (lifecycle && lifecycle.status === 'success') {
    return from(lifecycle.kind === 'park' ? 'parked' : 'active', lifecycle);
  }
  return newest.status === 'success'
    ? from('active', newest)
    : { state: 'unknown', source: newest };
}

/**
 * Derives an environment's state from its workflows (any order; at least
 * the newest park/unpark and deploy workflows and all unfinished ones) and
 * the write side's lock row:
 *
 * 1. a park/unpark in progress → parking / unparking; also while the lock
 *    is held for a park/unpark whose workflow is not seen yet;
 * 2. a deploy in progress → awaiting-approval when on hold, else deploying;
 * 3. the newest finished park/unpark failed → failed;
 * 4. the newest finished deploy failed → the state before it, with the
 *    failure beside it;
 * 5. the newest finished park/unpark → parked / active, or a finished
 *    deploy with no park/unpark on record → active;
 * 6. otherwise unknown.
 *
 * Canceled, not-run and unauthorized workflows changed nothing and are
 * skipped; rebuilds and other workflows do not touch the state.
 */
export function deriveState(
  workflows: WorkflowRun[],
  lockRow?: OperationLockRecord,
): DerivedState {
  const relevant = workflows
    .filter(w => !NO_EFFECT.includes(w.status))
    .sort(newestFirst);
  const lifecycle = relevant.find(
    w => w.kind === 'park' || w.kind === 'unpark',
  );
  const deploy = relevant.find(w => w.kind === 'deploy');

  if (lifecycle && unfinished(lifecycle)) {
    const state = lifecycle.kind === 'park' ? 'parking' : 'unparking';
    return from(state, lifecycle, lifecycle.createdAt);
  }
  const pending = lockTransition(workflows, lockRow);
  if (pending) return pending;
  if (deploy && unfinished(deploy)) {
    return deploy.status === 'on_hold'
      ? from(
          'awaiting-approval',
          deploy,
          deploy.approval?.since ?? deploy.createdAt,
        )
      : from('deploying', deploy, deploy.createdAt);
  }
  return settled(relevant);
}

/** The running operation that an environment is locked by. */
export interface DerivedLock {
  kind: 'park' | 'unpark' | 'deploy' | string;
  /** Absent while the lock's trigger is still being reconciled. */
  pipelineId?: string;
  pipelineNumber?: number;
  workflowId?: string;
  since: string;
  /** `unknown`: its trigger's answer was lost (or its process died). */
  outcome?: 'unknown';
  /** Who took the lock through the portal. */
  acquiredBy?: string;
}

/**
 * The environment's lock: the write side's lock row while it is valid
 * (with or without its pipeline: a lock that refuses an operation is always
 * shown), else the newest unfinished park, unpark or deploy workflow.
 */
export function deriveLock(
  workflows: WorkflowRun[],
  lockRow?: OperationLockRecord,
): DerivedLock | undefined {
  if (lockRow?.pipelineId && lockRow.pipelineNumber !== undefined) {
    return {
      kind: lockRow.operation,
      pipelineId: lockRow.pipelineId,
      pipelineNumber: lockRow.pipelineNumber,
      since: lockRow.acquiredAt,
      acquiredBy: lockRow.acquiredBy,
    };
  }
  if (lockRow) {
    return {
      kind: lockRow.operation,
      since: lockRow.acquiredAt,
      outcome: 'unknown',
      acquiredBy: lockRow.acquiredBy,
    };
  }
  const running = workflows
    .filter(w => unfinished(w) && ['park', 'unpark', 'deploy'].includes(w.kind))
    .sort(newestFirst)[0];
  return running
    ? {
        kind: running.kind,
        pipelineId: running.pipelineId,
        pipelineNumber: running.pipelineNumber,
        workflowId: running.id,
        since: running.createdAt,
      }
    : undefined;
}

/** The newest on-hold workflow with an approval to give, deploys first. */
export function findHeldApproval(
  workflows: WorkflowRun[],
): WorkflowRun | undefined {
  const held = workflows
    .filter(w => w.status === 'on_hold' && w.approval)
    .sort(newestFirst);
  return held.find(w => w.kind === 'deploy') ?? held[0];
}
