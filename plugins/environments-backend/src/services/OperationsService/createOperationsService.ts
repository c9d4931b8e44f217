import { InputError } from '@backstage/errors';
import {
  environmentApprovePermission,
  environmentDriftCheckPermission,
  environmentImageBumpPermission,
  environmentImageRebuildPermission,
  environmentParkPermission,
  environmentPipelineTriggerPermission,
  environmentUnparkPermission,
  OperationKind,
} from '@rocket-club/plugin-environments-common';
import type { EnvironmentDefinition } from '../../config';
import { findEnvironment } from '../EnvironmentsService/resolveEnvironment';
import { deriveState } from '../StatusService/deriveState';
import { approvalGate, PlanReviewService } from '../PlanReviewService';
import { loadStatusWorkflows } from '../StatusService/loadStatusWorkflows';
import { createBumper } from './bump';
import { DEFAULT_LOCK_TTL_MS, runGuarded } from './guard';
import type { GuardDeps } from './guardTypes';
import { createReconciler } from './reconcile';
import { createRecovery } from './recovery';
import { createTrigger } from './trigger';
import type {
  OperationContext,
  OperationsService,
  OperationsServiceOptions,
} from './types';

/** What each pipeline operation waits for. */
const CONFLICTS: Record<
  'park' | 'unpark' | 'rebuild' | 'drift',
  OperationKind[]
> = {
  park: ['park', 'unpark', 'deploy'],
  unpark: ['park', 'unpark', 'deploy'],
  rebuild: ['rebuild'],
  drift: ['drift'],
};

/** Builds the {@link OperationsService}. */
export function createOperationsService(
  options: OperationsServiceOptions,
): OperationsService {
  const { config, circleci, store, history } = options;
  const now = options.now ?? (() => new Date());
  const appBase = config.circleci?.appBaseUrl ?? 'https://app.circleci.com';
  const pipelineUrl = (d: EnvironmentDefinition, number: number) =>
    `${appBase}/pipelines/${d.circleci.project.appPath}/${number}`;
  const reconciler = createReconciler({
    circleci,
    pipelineUrl,
    now,
    windowMs: options.reconcileWindowMs ?? config.operations.reconcileWindowMs,
    async bumpState(d, branch, base) {
      const repo = {
        host: d.repository.host,
        owner: d.repository.owner,
        name: d.repository.name,
      };
      const [headSha, pullRequest] = await Promise.all([
        options.github.branchHead(repo, branch),
        options.github.openPullRequest(repo, branch, base),
      ]);
      return { headSha, pullRequest };
    },
  });
  const guard: GuardDeps = {
    permissions: options.permissions,
    auditor: options.auditor,
    logger: options.logger,
    store,
    history,
    reconciler,
    now,
    lockTtlMs:
      options.lockTtlMs ?? config.operations.lockTtlMs ?? DEFAULT_LOCK_TTL_MS,
    windowMs: options.reconcileWindowMs ?? config.operations.reconcileWindowMs,
    notify: environment =>
      options.notifier?.changed(environment, ['status', 'history']),
  };
  const bumper = createBumper({ ...options, now });
  const trigger = createTrigger({ ...options, now, pipelineUrl });
  const recovery = createRecovery(guard);

  // One resolver for reads and writes: a name, the environment's own
  // entity ref, or any entity annotated with it.
  const resolve = (ctx: OperationContext) =>
    findEnvironment(
      config.definitions,
      options.catalog ?? { getEntityByRef: async () => undefined },
      ctx.environment,
      ctx.credentials,
    );

  /** Park when parked, unpark when active: refused, nothing triggered. */
  const already =
    (d: EnvironmentDefinition, kind: 'park' | 'unpark') => async () => {
      const { state } = deriveState(await loadStatusWorkflows(history, d.name));
      if (kind === 'park' && state === 'parked') {
        return `${d.name} is already parked`;
      }
      if (kind === 'unpark' && state === 'active') {
        return `${d.name} is already active`;
      }
      return undefined;
    };

  async function modeOperation(
    kind: 'park' | 'unpark' | 'rebuild' | 'drift',
    ctx: OperationContext,
  ) {
    const d = await resolve(ctx);
    const parameters = d.parameters[kind];
    if (!parameters || !d.workflows[kind]) {
      throw new InputError(`${d.name} has no ${kind} operation configured`);
    }
    const permission = {
      park: environmentParkPermission,
      unpark: environmentUnparkPermission,
      rebuild: environmentImageRebuildPermission,
      drift: environmentDriftCheckPermission,
    }[kind];
    return runGuarded(guard, {
      operation: kind,
      permission,
      definition: d,
      ctx,
      conflictsWith: CONFLICTS[kind],
      // A drift check plans read-only without Terraform's lock: it must
      // not hold the environment's lock against a park.
      takesLock: kind !== 'drift',
      input: {},
      precondition:
        kind === 'park' || kind === 'unpark' ? already(d, kind) : undefined,
      act: sender =>
        trigger.pipeline(d, kind, trigger.branchOf(d), parameters, ctx, sender),
    });
  }

  async function pipelineFinished(environment: string, pipelineId: string) {
    // Announced by announceOperations, which wraps this service.
    if (await store.releaseLock(environment, pipelineId)) {
      options.logger.info(
        `Released the lock of ${environment}: pipeline ${pipelineId} finished`,
      );
    }
  }

  return {
    park: ctx => modeOperation('park', ctx),
    unpark: ctx => modeOperation('unpark', ctx),
    rebuild: ctx => modeOperation('rebuild', ctx),
    checkDrift: ctx => modeOperation('drift', ctx),

    async approve(ctx) {
      const d = await resolve(ctx);
      const { workflowId } = ctx;
      if (!/^[0-9a-f-]{8,64}$/i.test(workflowId)) {
        throw new InputError(
          `Invalid workflow id ${JSON.stringify(workflowId)}`,
        );
      }
      // The plan review gates real and dry runs alike, before any write.
      let review: Awaited<ReturnType<PlanReviewService['review']>> | undefined;
      let warning: string | undefined;
      return runGuarded(guard, {
        operation: 'approve',
        permission: environmentApprovePermission,
        definition: d,
        ctx,
        conflictsWith: ['park', 'unpark'],
        takesLock: false,
        input: { workflowId },
        precondition: async () => {
          review = await options.plans?.review(d, workflowId);
          const gate = approvalGate(d.name, review, ctx.confirm);
          if (!gate.allowed) return gate.reason;
          warning = gate.warning;
          return undefined;
        },
        act: async sender => ({
          ...(await trigger.approve(d, workflowId, ctx, sender)),
          plan: review,
          warning,
        }),
      });
    },

    async trigger(ctx) {
      const d = await resolve(ctx);
      const branch = ctx.branch ?? trigger.branchOf(d);
      if (!/^[A-Za-z0-9._/-]{1,255}$/.test(branch) || branch.includes('..')) {
        throw new InputError(`Invalid branch ${JSON.stringify(branch)}`);
      }
      return runGuarded(guard, {
        operation: 'trigger',
        permission: environmentPipelineTriggerPermission,
        definition: d,
        ctx,
        conflictsWith: ['park', 'unpark', 'deploy'],
        takesLock: true,
        input: { branch, parameters: ctx.parameters },
        act: async sender => {
          await trigger.checkParameters(d, branch, ctx.parameters);
          return trigger.pipeline(
            d,
            'trigger',
            branch,
            ctx.parameters,
            ctx,
            sender,
          );
        },
      });
    },

    async bump(ctx) {
      const d = await resolve(ctx);
      const image = bumper.resolveImage(d, ctx.image, ctx.tag);
      return runGuarded(guard, {
        operation: 'bump',
        permission: environmentImageBumpPermission,
        definition: d,
        ctx,
        conflictsWith: [],
        takesLock: false,
        input: { image: image.name, tag: ctx.tag ?? null },
        act: sender => bumper.bump(d, image, ctx.tag, !!ctx.dryRun, sender),
      });
    },

    pipelineFinished,

    async recover() {
      const definition = (name: string) =>
        config.definitions.find(d => d.name === name);
      const locks = await store.listLocks();
      for (const lock of locks) {
        const d = definition(lock.environment);
        if (!d) continue;
        if (lock.pipelineId) {
          const done = await history.terminalPipelineIds(d.name, [
            lock.pipelineId,
          ]);
          if (done.has(lock.pipelineId)) {
            await pipelineFinished(d.name, lock.pipelineId);
          }
        } else {
          await recovery
            .resolveLock(d, lock)
            .catch(error =>
              options.logger.warn(
                `Could not reconcile the lock of ${d.name}: ${error}`,
              ),
            );
        }
      }
      for (const key of await store.listUnresolvedIdempotency(now())) {
        const d = definition(key.environment);
        if (!d) continue;
        await recovery
          .resolveKey(d, key)
          .catch(error =>
            options.logger.warn(
              `Could not reconcile a ${key.operation} of ${d.name}: ${error}`,
            ),
          );
      }
    },
  };
}
