import { ConflictError } from '@backstage/errors';
import type { OperationResult } from '@rocket-club/plugin-environments-common';
import type { JsonObject } from '@backstage/types';
import { createHash } from 'node:crypto';
import {
  isOutcomeUnknown,
  OutcomeUnknownError,
} from '../../clients/outcomeUnknown';
import type {
  IdempotencyRequest,
  OperationAttempt,
  OperationLockRecord,
} from '../../database/OperationsStore';
import { createRecovery, Recovery, summary } from './recovery';
import type { OperationContext } from './types';
import type { GuardDeps, GuardedOperation } from './guardTypes';
import { checkPermission, checkState, dryRun, lockReason } from './guardChecks';

export { lockReason };

/** How long a lock lives if its pipeline is never seen to finish. */
export const DEFAULT_LOCK_TTL_MS = 2 * 60 * 60 * 1000;

/** Who is asking, as stored with keys and locks. */
export function principalOf(ctx: OperationContext): string {
  const p = ctx.credentials.principal;
  return p.type === 'user' ? p.userEntityRef : `service:${p.subject}`;
}

/**
 * Runs one operation behind the guards, the same for a dry run and a real
 * one, in order: permission on the environment's entity; (real only) a
 * replay of the first result for a known idempotency key, before the lock,
 * which the first call may still hold; the environment's state (already
 * parked); workflows in flight; the environment's lock; the upstream call;
 * the audit event. A dry run answers a refusal as `wouldSucceed: false`
 * with the reason the real call would give. A failure releases what was
 * taken, so a retry may act, unless the outcome is unknown: then the key
 * and the lock stay, marked unknown, until reconciliation adopts what
 * happened or proves that nothing did.
 */
export async function runGuarded(
  deps: GuardDeps,
  op: GuardedOperation,
): Promise<OperationResult> {
  const { ctx, definition } = op;
  const actor = principalOf(ctx);
  const environment = definition.name;
  const recovery: Recovery = createRecovery(deps);
  if (ctx.dryRun) return dryRun(deps, op, actor);

  const audit = await deps.auditor.createEvent({
    eventId: 'environment-operation',
    severityLevel: 'medium',
    request: ctx.request,
    meta: {
      operation: op.operation,
      environment,
      actor,
      input: op.input as JsonObject,
    },
  });

  let claimed: IdempotencyRequest | undefined;
  let locked = false;
  let attempt: OperationAttempt | undefined;
  try {
    await checkPermission(deps, op, actor);

    if (ctx.idempotencyKey) {
      const request: IdempotencyRequest = {
        key: ctx.idempotencyKey,
        userEntityRef: actor,
        operation: op.operation,
        environment,
        fingerprint: createHash('sha256')
          .update(JSON.stringify([op.operation, environment, op.input]))
          .digest('hex'),
      };
      for (let tries = 0; !claimed; tries++) {
        const claim = await deps.store.claimIdempotency<OperationResult>(
          request,
          deps.now(),
        );
        if (claim.state === 'new') {
          claimed = request;
        } else if (claim.state === 'done') {
          await audit.success({ meta: { replayed: true } });
          return claim.response;
        } else if (claim.state === 'mismatch') {
          throw new ConflictError(
            `Idempotency-Key ${JSON.stringify(
              request.key,
            )} was already used for another request (${claim.operation} of ${
              claim.environment
            })`,
          );
        } else {
          // Pending or unknown: find out what the first request did.
          const outcome = await recovery.resolveKey(definition, {
            ...request,
            state: claim.state,
            createdAt: claim.since,
            attempt: claim.attempt,
          });
          if (outcome.status === 'found') {
            await audit.success({
              meta: { replayed: true, resolved: outcome.summary },
            });
            return outcome.result;
          }
          if (outcome.status === 'unresolved' || tries > 0) {
            throw new ConflictError(
              claim.state === 'unknown'
                ? `The outcome of the first request with Idempotency-Key ${JSON.stringify(
                    request.key,
                  )} is not known yet: the portal is looking for its pipeline in CircleCI until ${
                    outcome.status === 'unresolved' ? outcome.until : 'now'
                  }; retry with the same key to get it`
                : `A request with Idempotency-Key ${JSON.stringify(
                    request.key,
                  )} is still in progress`,
            );
          }
          // Released: nothing happened, so this request may act.
        }
      }
    }

    await checkState(deps, op);
    if (op.takesLock) {
      const holder = await takeLock(deps, recovery, op, actor);
      if (holder) throw new ConflictError(lockReason(environment, holder));
      locked = true;
    }

    const result = await op.act({
      async sending(a) {
        attempt = a;
        if (claimed) await deps.store.setIdempotencyAttempt(claimed, a);
        if (locked) await deps.store.setLockAttempt(environment, a);
      },
    });

    await recovery.adopt(definition, {
      operation: op.operation,
      userEntityRef: actor,
      key: claimed,
      lock: locked,
      result,
    });
    await audit.success({
      meta: {
        pipeline: result.pipeline
          ? {
              id: result.pipeline.id,
              number: result.pipeline.number,
              url: result.pipeline.url,
            }
          : null,
        pullRequest: result.pullRequest?.url ?? null,
        noop: result.noop ?? false,
      },
    });
    return result;
  } catch (error) {
    if (attempt && isOutcomeUnknown(error)) {
      return await unknownOutcome(error);
    }
    if (locked) await deps.store.releaseLock(environment);
    if (claimed) await deps.store.abandonIdempotency(claimed);
    await audit.fail({ error: error as Error });
    throw error;
  }

  /** The write may have happened: keep key and lock, look for its effect. */
  async function unknownOutcome(
    error: OutcomeUnknownError,
  ): Promise<OperationResult> {
    if (claimed) await deps.store.markIdempotencyUnknown(claimed);
    if (locked) await deps.store.markLockUnknown(environment);
    deps.logger.warn(
      `The outcome of ${op.operation} of ${environment} is unknown: ${error.message}`,
    );
    const outcome = await deps.reconciler
      .reconcile(definition, attempt!)
      .catch(() => undefined);
    if (outcome?.status === 'found') {
      await recovery.adopt(definition, {
        operation: op.operation,
        userEntityRef: actor,
        key: claimed,
        lock: locked,
        result: outcome.result,
      });
      await audit.success({
        meta: { outcome: 'unknown', resolved: summary(outcome.result) },
      });
      return outcome.result;
    }
    if (outcome?.status === 'absent') {
      // Proven not to have happened (a bump whose branch never moved).
      if (locked) await deps.store.releaseLock(environment);
      if (claimed) await deps.store.abandonIdempotency(claimed);
      await audit.fail({
        error,
        meta: { outcome: 'unknown', resolved: 'nothing happened' },
      });
      throw error;
    }
    await audit.fail({ error, meta: { outcome: 'unknown' } });
    throw new OutcomeUnknownError(
      `${
        error.message
      }. The outcome is unknown: the portal is looking for what happened${
        claimed ? '; retry with the same Idempotency-Key to get it' : ''
      }`,
      error,
    );
  }
}

/**
 * Takes the lock; returns the holder when it is held. A holder whose
 * outcome is unknown or whose process died is reconciled first.
 */
async function takeLock(
  deps: GuardDeps,
  recovery: Recovery,
  op: GuardedOperation,
  actor: string,
): Promise<OperationLockRecord | undefined> {
  for (let tries = 0; ; tries++) {
    const lock = await deps.store.acquireLock({
      environment: op.definition.name,
      operation: op.operation,
      acquiredBy: actor,
      now: deps.now(),
      ttlMs: deps.lockTtlMs,
      idempotencyKey: op.ctx.idempotencyKey,
    });
    if (lock.acquired) return undefined;
    if (tries > 0 || lock.holder.pipelineId) return lock.holder;
    // Adopts the holder's pipeline or releases it; then look again.
    await recovery.resolveLock(op.definition, lock.holder);
  }
}
