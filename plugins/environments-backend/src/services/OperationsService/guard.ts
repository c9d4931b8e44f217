import type {
  AuditorService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  OperationKind,
  OperationResult,
} from '@rocket-club/plugin-environments-common';
import { createHash } from 'node:crypto';
import type { EnvironmentDefinition } from '../../config';
import type { EnvironmentsStore } from '../../database/EnvironmentsStore';
import type {
  IdempotencyRequest,
  OperationsStore,
} from '../../database/OperationsStore';
import type { JsonObject } from '@backstage/types';
import type { OperationContext } from './types';

/** How long a lock lives if its pipeline is never seen to finish. */
export const DEFAULT_LOCK_TTL_MS = 2 * 60 * 60 * 1000;

/** What one guarded operation needs. */
export interface GuardedOperation {
  operation: OperationResult['operation'];
  permission: ResourcePermission<'catalog-entity'>;
  definition: EnvironmentDefinition;
  ctx: OperationContext;
  /** Workflows of these kinds in flight refuse the operation. */
  conflictsWith: OperationKind[];
  /** Hold the environment's lock until the triggered pipeline finishes. */
  takesLock: boolean;
  /** The request's own fields, to recognise a reused idempotency key. */
  input: Record<string, unknown>;
  act: () => Promise<OperationResult>;
}

/** The dependencies of {@link runGuarded}. */
export interface GuardDeps {
  permissions: PermissionsService;
  auditor: AuditorService;
  store: OperationsStore;
  history: Pick<EnvironmentsStore, 'listUnfinishedWorkflows'>;
  now: () => Date;
  lockTtlMs: number;
}

function principalOf(ctx: OperationContext): string {
  const p = ctx.credentials.principal;
  return p.type === 'user' ? p.userEntityRef : `service:${p.subject}`;
}

const describe = (kind: string, number?: number) =>
  number === undefined ? `a ${kind} pipeline` : `${kind} pipeline #${number}`;

/**
 * Runs one operation behind the guards, in order: permission on the
 * environment's entity; a replay of the first result for a known
 * idempotency key (before the lock, which the first call may still hold);
 * the environment's lock; the upstream call; the audit event. A failure
 * releases what was taken, so a retry may act.
 */
export async function runGuarded(
  deps: GuardDeps,
  op: GuardedOperation,
): Promise<OperationResult> {
  const { ctx, definition } = op;
  const actor = principalOf(ctx);
  const environment = definition.name;
  // A dry run changes nothing, so it leaves no audit trail; refusals do.
  const audit = ctx.dryRun
    ? undefined
    : await deps.auditor.createEvent({
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
  try {
    const [decision] = await deps.permissions.authorize(
      [{ permission: op.permission, resourceRef: definition.entityRef }],
      { credentials: ctx.credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${actor} may not ${op.operation} ${environment}: only the owners of ${definition.entityRef} may`,
      );
    }
    if (ctx.dryRun) {
      return await op.act();
    }

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
      const claim = await deps.store.claimIdempotency<OperationResult>(
        request,
        deps.now(),
      );
      if (claim.state === 'done') {
        await audit?.success({ meta: { replayed: true } });
        return claim.response;
      }
      if (claim.state === 'pending') {
        throw new ConflictError(
          `A request with Idempotency-Key ${JSON.stringify(
            request.key,
          )} is still in progress`,
        );
      }
      if (claim.state === 'mismatch') {
        throw new ConflictError(
          `Idempotency-Key ${JSON.stringify(
            request.key,
          )} was already used for another request (${claim.operation} of ${
            claim.environment
          })`,
        );
      }
      claimed = request;
    }

    if (op.conflictsWith.length > 0) {
      const inFlight = (
        await deps.history.listUnfinishedWorkflows(environment)
      ).find(w => op.conflictsWith.includes(w.kind));
      if (inFlight) {
        const state =
          inFlight.status === 'on_hold' ? 'awaiting approval' : 'running';
        throw new ConflictError(
          `${environment} is locked: ${describe(
            inFlight.kind,
            inFlight.pipelineNumber,
          )} is ${state}`,
        );
      }
    }
    if (op.takesLock) {
      const lock = await deps.store.acquireLock({
        environment,
        operation: op.operation,
        acquiredBy: actor,
        now: deps.now(),
        ttlMs: deps.lockTtlMs,
      });
      if (!lock.acquired) {
        throw new ConflictError(
          `${environment} is locked: ${describe(
            lock.holder.operation,
            lock.holder.pipelineNumber,
          )} is running`,
        );
      }
      locked = true;
    }

    const result = await op.act();

    if (locked && result.pipeline) {
      await deps.store.attachPipeline(
        environment,
        op.operation,
        result.pipeline,
      );
    }
    if (claimed) {
      await deps.store.completeIdempotency(claimed, result);
    }
    await audit?.success({
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
    if (locked) await deps.store.releaseLock(environment);
    if (claimed) await deps.store.abandonIdempotency(claimed);
    await audit?.fail({ error: error as Error });
    throw error;
  }
}
