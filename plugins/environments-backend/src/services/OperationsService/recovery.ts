import type { OperationResult } from '@rocket-club/plugin-environments-common';
import type { EnvironmentDefinition } from '../../config';
import type { OperationLockRecord } from '../../database/OperationsStore';
import type {
  IdempotencyKeyRef,
  UnresolvedIdempotency,
} from '../../database/OperationsStore';
import type { GuardDeps } from './guardTypes';

/** What resolving an unfinished idempotency key came to. */
export type KeyOutcome =
  | { status: 'found'; result: OperationResult; summary: string }
  | { status: 'released' }
  | { status: 'unresolved'; until: string };

/** `pipeline #N`, `pull request #N` or `nothing`, for the audit trail. */
export function summary(result: OperationResult): string {
  if (result.pullRequest?.number) {
    return `pull request #${result.pullRequest.number}`;
  }
  if (result.operation === 'approve') return `approved ${result.workflowId}`;
  return result.pipeline?.number
    ? `pipeline #${result.pipeline.number}`
    : 'nothing';
}

/**
 * Adopting what a write did, and recovering keys and locks whose write's
 * outcome is unknown or whose process died: each is reconciled against the
 * upstream, then adopted (the pipeline it triggered is attached, the key
 * answers with it) or released when nothing happened. Every resolution is
 * audited (`environment-operation-reconciled`).
 */
export function createRecovery(
  deps: Pick<
    GuardDeps,
    | 'store'
    | 'reconciler'
    | 'now'
    | 'windowMs'
    | 'auditor'
    | 'logger'
    | 'notify'
  >,
) {
  const { store } = deps;
  const age = (since: string) => deps.now().getTime() - Date.parse(since);
  const until = (since: string) =>
    new Date(Date.parse(since) + deps.windowMs).toISOString();

  async function audited(
    meta: { operation: string; environment: string; actor?: string },
    resolved: string,
  ) {
    const event = await deps.auditor.createEvent({
      eventId: 'environment-operation-reconciled',
      severityLevel: 'medium',
      meta: { ...meta, actor: meta.actor ?? null },
    });
    await event.success({ meta: { resolved } });
    deps.logger.info(
      `Reconciled ${meta.operation} of ${meta.environment}: ${resolved}`,
    );
  }

  /** Records what a write did: lock, initiator, idempotency key. */
  async function adopt(
    d: EnvironmentDefinition,
    outcome: {
      operation: string;
      userEntityRef?: string;
      key?: IdempotencyKeyRef;
      lock: boolean;
      result: OperationResult;
    },
  ) {
    const { result } = outcome;
    const now = deps.now();
    if (outcome.lock && result.pipeline?.id) {
      await store.attachPipeline(d.name, outcome.operation, result.pipeline);
      deps.notify?.(d.name);
    }
    if (outcome.userEntityRef?.startsWith('user:')) {
      const base = {
        environment: d.name,
        userEntityRef: outcome.userEntityRef,
        operation: outcome.operation,
      };
      if (result.operation === 'approve' && result.workflowId) {
        await store.recordInitiator(
          { ...base, subjectKind: 'approval', subjectId: result.workflowId },
          now,
        );
      } else if (result.pipeline?.id) {
        await store.recordInitiator(
          { ...base, subjectKind: 'pipeline', subjectId: result.pipeline.id },
          now,
        );
      }
      if (result.pullRequest?.number) {
        await store.recordInitiator(
          {
            ...base,
            subjectKind: 'pull-request',
            subjectId: String(result.pullRequest.number),
          },
          now,
        );
      }
    }
    if (outcome.key) await store.completeIdempotency(outcome.key, result);
  }

  const ownedBy = (lock: OperationLockRecord, key: IdempotencyKeyRef) =>
    !lock.pipelineId &&
    lock.idempotencyKey === key.key &&
    lock.acquiredBy === key.userEntityRef;

  /** Resolves a key whose request is pending or whose outcome is unknown. */
  async function resolveKey(
    d: EnvironmentDefinition,
    key: UnresolvedIdempotency,
  ): Promise<KeyOutcome> {
    const lock = (await store.listLocks()).find(
      l => l.environment === d.name && ownedBy(l, key),
    );
    const meta = {
      operation: key.operation,
      environment: d.name,
      actor: key.userEntityRef,
    };
    const release = async (resolved: string): Promise<KeyOutcome> => {
      await store.abandonIdempotency(key);
      if (lock) {
        await store.releaseLock(d.name);
        deps.notify?.(d.name);
      }
      await audited(meta, resolved);
      return { status: 'released' };
    };
    // A request still pending may be on its way (here or in another
    // instance): only once it cannot be is it looked for, or released.
    if (key.state === 'pending' && age(key.createdAt) < deps.windowMs) {
      return { status: 'unresolved', until: until(key.createdAt) };
    }
    const attempt = key.attempt ?? lock?.attempt;
    if (!attempt) {
      // Nothing was sent (it is recorded before sending): once no request
      // can still be on its way, the key is free again.
      if (age(key.createdAt) < deps.windowMs) {
        return { status: 'unresolved', until: until(key.createdAt) };
      }
      return release('nothing was sent');
    }
    const found = await deps.reconciler.reconcile(d, attempt);
    if (found.status === 'unresolved') return found;
    if (found.status === 'absent') return release('nothing happened');
    await adopt(d, {
      operation: key.operation,
      userEntityRef: key.userEntityRef,
      key,
      lock: !!lock,
      result: found.result,
    });
    await audited(meta, summary(found.result));
    return {
      status: 'found',
      result: found.result,
      summary: summary(found.result),
    };
  }

  /** Resolves a lock that holds no pipeline: adopts one or releases it. */
  async function resolveLock(
    d: EnvironmentDefinition,
    lock: OperationLockRecord,
  ): Promise<void> {
    if (lock.pipelineId) return;
    const key = lock.idempotencyKey
      ? { key: lock.idempotencyKey, userEntityRef: lock.acquiredBy ?? '' }
      : undefined;
    const meta = {
      operation: lock.operation,
      environment: d.name,
      actor: lock.acquiredBy,
    };
    const release = async (resolved: string) => {
      await store.releaseLock(d.name);
      deps.notify?.(d.name);
      if (key) await store.abandonIdempotency(key);
      await audited(meta, resolved);
    };
    if (!lock.attempt) {
      if (age(lock.acquiredAt) >= deps.windowMs) {
        await release('nothing was sent');
      }
      return;
    }
    // A request still on its way (this or another instance) is left alone.
    if (lock.state !== 'unknown' && age(lock.attempt.sentAt) < deps.windowMs) {
      return;
    }
    const found = await deps.reconciler.reconcile(d, lock.attempt);
    if (found.status === 'absent') {
      await release('nothing happened');
    } else if (found.status === 'found') {
      await adopt(d, {
        operation: lock.operation,
        userEntityRef: lock.acquiredBy,
        key,
        lock: true,
        result: found.result,
      });
      await audited(meta, summary(found.result));
    }
  }

  return { adopt, resolveKey, resolveLock };
}

/** See {@link createRecovery}. */
export type Recovery = ReturnType<typeof createRecovery>;
