import { ConflictError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { OperationResult } from '@rocket-club/plugin-environments-common';
import type { OperationLockRecord } from '../../database/OperationsStore';
import type { GuardDeps, GuardedOperation } from './guardTypes';

/*
 * The checks of an operation, shared by real calls (which throw) and dry
 * runs (which answer `wouldSucceed: false` with the same reason).
 */

const describe = (kind: string, number?: number) =>
  number === undefined ? `a ${kind} pipeline` : `${kind} pipeline #${number}`;

/** Why a lock refuses an operation, in words the page also shows. */
export function lockReason(environment: string, holder: OperationLockRecord) {
  if (holder.pipelineId) {
    return `${environment} is locked: ${describe(
      holder.operation,
      holder.pipelineNumber,
    )} is running`;
  }
  return `${environment} is locked: the outcome of a ${holder.operation} requested at ${holder.acquiredAt} is not known yet (the portal is looking for its pipeline in CircleCI)`;
}

/** A refusal that a dry run reports instead of throwing. */
export class Refusal extends Error {}

/** Permission on the environment's entity. */
export async function checkPermission(
  deps: GuardDeps,
  op: GuardedOperation,
  actor: string,
) {
  const [decision] = await deps.permissions.authorize(
    [{ permission: op.permission, resourceRef: op.definition.entityRef }],
    { credentials: op.ctx.credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `${actor} may not ${op.operation} ${op.definition.name}: only the owners of ${op.definition.entityRef} may`,
    );
  }
}

/** The environment's state and the workflows in flight. */
export async function checkState(deps: GuardDeps, op: GuardedOperation) {
  const refusal = await op.precondition?.();
  if (refusal) throw new ConflictError(refusal);
  if (op.conflictsWith.length === 0) return;
  const inFlight = (
    await deps.history.listUnfinishedWorkflows(op.definition.name)
  ).find(w => op.conflictsWith.includes(w.kind));
  if (inFlight) {
    const state =
      inFlight.status === 'on_hold' ? 'awaiting approval' : 'running';
    throw new ConflictError(
      `${op.definition.name} is locked: ${describe(
        inFlight.kind,
        inFlight.pipelineNumber,
      )} is ${state}`,
    );
  }
}

/** The guards of a real call, answered instead of thrown. */
export async function dryRun(
  deps: GuardDeps,
  op: GuardedOperation,
  actor: string,
): Promise<OperationResult> {
  try {
    await checkPermission(deps, op, actor);
    await checkState(deps, op);
    if (op.takesLock) {
      const holder = (await deps.store.listLocks()).find(
        l =>
          l.environment === op.definition.name &&
          Date.parse(l.expiresAt) > deps.now().getTime(),
      );
      if (holder) throw new Refusal(lockReason(op.definition.name, holder));
    }
    const result = await op.act({
      async sending() {
        throw new Error('A dry run must not send anything');
      },
    });
    return { ...result, dryRun: true, wouldSucceed: true };
  } catch (error) {
    const e = error as Error;
    if (
      !(error instanceof Refusal) &&
      ![
        'ConflictError',
        'NotAllowedError',
        'InputError',
        'NotFoundError',
      ].includes(e?.name)
    ) {
      throw error;
    }
    return {
      operation: op.operation,
      environment: op.definition.name,
      dryRun: true,
      wouldSucceed: false,
      reason: e.message,
      message: `Would not ${op.operation} ${op.definition.name}: ${e.message}`,
    };
  }
}
