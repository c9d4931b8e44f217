import type { PermissionsService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  DriftStatus,
  EnvironmentDetails,
  EnvironmentImages,
  EnvironmentLock,
  EnvironmentSummary,
  HeldApproval,
  OperationKind,
} from '@rocket-club/plugin-environments-common';
import type { EnvironmentDefinition } from '../../config';
import type {
  EnvironmentsStore,
  WorkflowRun,
} from '../../database/EnvironmentsStore';
import type { OperationsStore } from '../../database/OperationsStore';
import type { ImageService } from '../ImageService/createImageService';
import type { PlanReviewService } from '../PlanReviewService';
import { deriveEndpoints } from '../StatusService/deriveEndpoints';
import {
  deriveLock,
  deriveState,
  findHeldApproval,
} from '../StatusService/deriveState';
import { loadStatusWorkflows } from '../StatusService/loadStatusWorkflows';
import { loadPeople } from '../StatusService/people';
import {
  failureOf,
  lockInitiator,
  progressOf,
  syncHealthOf,
} from '../StatusService/describeRuns';
import {
  commitRef,
  Links,
  linksFor,
  pipelineRef,
  toDeployment,
} from '../StatusService/toDeployment';
import { createViewCache, ViewCache } from '../ViewCache';
import { decodeCursor, encodeCursor } from './cursor';
import {
  assertReadable,
  findEnvironment,
  readable,
} from './resolveEnvironment';
import { EnvironmentsService, ReadOptions } from './types';

/** Options of {@link createEnvironmentsService}. */
export interface EnvironmentsServiceOptions {
  definitions: EnvironmentDefinition[];
  appBaseUrl: string;
  store: EnvironmentsStore;
  /** The locks and the portal's initiators, owned by the write side. */
  operationsStore: Pick<OperationsStore, 'getLock' | 'initiators'>;
  images: Pick<ImageService, 'getImages' | 'listTags'>;
  /** Reviews the plan of a held apply; without it the review is left out. */
  plans?: PlanReviewService;
  catalog: Pick<CatalogService, 'getEntityByRef'>;
  permissions: PermissionsService;
  /** The web address of a GitHub host, for commit links. */
  githubWebBaseUrl?: (host: string) => string;
  /** The CircleCI sync's period, to tell a stale sync; unknown for cron. */
  syncEveryMs?: number;
  /** Short-lived shared views; default: none (every read computes). */
  views?: ViewCache;
  now?: () => number;
}

/**
 * An image pinned to a fixed tag (the base image) runs what the tag pointed
 * at when Terraform last applied: if the tag was pushed again after the
 * last successful deploy, the running digest is not the tag's digest now.
 */
function markRebuiltAfterDeploy(
  view: EnvironmentImages,
  lastDeployAt: string | undefined,
): EnvironmentImages {
  if (!lastDeployAt) return view;
  return {
    ...view,
    images: view.images.map(image => {
      if (image.bumpable || !image.newest?.pushedAt) return image;
      const rebuilt = image.newest.pushedAt > lastDeployAt;
      return {
        ...image,
        lastDeployAt,
        rebuiltAfterDeploy: rebuilt,
        upToDate: rebuilt ? false : image.upToDate,
      };
    }),
  };
}

const KINDS: OperationKind[] = ['deploy', 'park', 'unpark', 'rebuild'];

/** Descending, as the store orders history: newest first, then by id. */
function newestFirst(a: WorkflowRun, b: WorkflowRun) {
  const byTime = b.createdAt.localeCompare(a.createdAt);
  if (byTime !== 0) return byTime;
  if (a.id === b.id) return 0;
  return a.id < b.id ? 1 : -1;
}

/** The newest successful deploy among loaded workflows, in history order. */
function newestSuccessfulDeploy(workflows: WorkflowRun[]) {
  return workflows
    .filter(w => w.kind === 'deploy' && w.status === 'success')
    .sort(newestFirst)[0];
}

const DAY_MS = 24 * 3600_000;

/**
 * Creates the {@link EnvironmentsService}. Status and history come from
 * the database only; images from the cache-fronted image service.
 */
export function createEnvironmentsService(
  options: EnvironmentsServiceOptions,
): EnvironmentsService {
  const { definitions, store, operationsStore, permissions } = options;
  const now = options.now ?? Date.now;
  const views = options.views ?? createViewCache({ ttlMs: 0 });
  const links = new Map<string, Links>(
    definitions.map(d => [
      d.name,
      linksFor(
        d,
        options.appBaseUrl,
        options.githubWebBaseUrl?.(d.repository.host),
      ),
    ]),
  );

  async function resolve(nameOrRef: string, { credentials }: ReadOptions) {
    const definition = await findEnvironment(
      definitions,
      options.catalog,
      nameOrRef,
      credentials,
    );
    await assertReadable(permissions, definition, credentials);
    return definition;
  }

  async function summarise(def: EnvironmentDefinition) {
    const link = links.get(def.name)!;
    const [workflows, lockRow] = await Promise.all([
      loadStatusWorkflows(store, def.name),
      operationsStore.getLock(def.name, new Date(now())),
    ]);
    const derived = deriveState(workflows, lockRow);
    const lock = deriveLock(workflows, lockRow);
    const people = await loadPeople(operationsStore, def.name, workflows);
    const running =
      derived.source &&
      ['running', 'failing', 'on_hold'].includes(derived.source.status)
        ? derived.source
        : undefined;
    const jobs = await store.listJobs(
      def.name,
      [running?.id, derived.failure?.id].filter((id): id is string => !!id),
    );
    const summary: EnvironmentSummary = {
      name: def.name,
      title: def.title,
      entityRef: def.entityRef,
      state: derived.state,
      since: derived.since,
      actor: derived.actor,
      // A lock taken before its workflow shows: the person who took it.
      initiatedBy: derived.pendingLock
        ? lockInitiator(derived.pendingLock)
        : derived.source && people.initiatedBy(derived.source),
      source: derived.source && toDeployment(derived.source, link, people),
      lock: lock && {
        kind: (KINDS.includes(lock.kind as OperationKind)
          ? lock.kind
          : 'other') as EnvironmentLock['kind'],
        pipeline:
          lock.pipelineId && lock.pipelineNumber !== undefined
            ? {
                id: lock.pipelineId,
                number: lock.pipelineNumber,
                url: link.pipeline(lock.pipelineNumber),
              }
            : undefined,
        workflowId: lock.workflowId,
        since: lock.since,
        outcome: lock.outcome,
        initiatedBy: lock.acquiredBy?.startsWith('user:')
          ? people.portalUser(lock.acquiredBy)
          : undefined,
      },
      progress: running && progressOf(running, jobs),
      lastFailure: derived.failure && failureOf(derived.failure, jobs, link),
    };
    return { summary, workflows, people };
  }

  /** The newest finished drift check, reviewed like a held apply's plan. */
  async function driftOf(
    def: EnvironmentDefinition,
  ): Promise<DriftStatus | undefined> {
    if (!def.workflows.drift) return undefined;
    const run = await store.newestWorkflow(def.name, 'drift', [
      'success',
      'failed',
    ]);
    if (!run)
      return { status: 'unknown', resources: [], reason: 'never checked' };
    const base = {
      checkedAt: run.stoppedAt ?? run.createdAt,
      pipeline: pipelineRef(run, links.get(def.name)!),
    };
    const review = await options.plans?.review(def, run.id, def.plan.driftJob);
    if (!review || (review.status !== 'ok' && review.status !== 'stale')) {
      return {
        ...base,
        status: 'unknown',
        resources: [],
        reason: review?.reason,
      };
    }
    const resources = [...review.changes, ...review.drift];
    return {
      ...base,
      status: resources.length ? 'drifted' : 'none',
      resources,
    };
  }

  async function details(
    def: EnvironmentDefinition,
  ): Promise<EnvironmentDetails> {
    const link = links.get(def.name)!;
    const [{ summary, workflows, people }, stats, cursor, drift] =
      await Promise.all([
        summarise(def),
        store.endpointStats(
          def.name,
          def.endpoints.map(e => e.name),
          new Date(now() - DAY_MS),
        ),
        store.getCursor(def.name),
        driftOf(def),
      ]);
    // The status read the newest deploys already; only when none of them
    // succeeded is the last success further back.
    const lastDeploy =
      newestSuccessfulDeploy(workflows) ??
      (await store.newestWorkflow(def.name, 'deploy', ['success']));
    const held = findHeldApproval(workflows);
    const heldApproval: HeldApproval | undefined = held?.approval && {
      workflowId: held.id,
      workflowName: held.name,
      approvalRequestId: held.approval.requestId,
      jobName: held.approval.jobName,
      waitingSince: held.approval.since,
      pipeline: pipelineRef(held, link),
      actor: held.pipeline.actor,
      commit: commitRef(held, link),
      initiatedBy: people.initiatedBy(held),
      plan: await options.plans?.review(def, held.id),
    };
    return {
      ...summary,
      heldApproval,
      endpoints: deriveEndpoints(def.endpoints, stats, summary.state),
      lastSuccessfulDeploy:
        lastDeploy &&
        toDeployment(
          lastDeploy,
          link,
          await loadPeople(operationsStore, def.name, [lastDeploy]),
        ),
      inFlight: workflows
        .filter(w => ['running', 'failing', 'on_hold'].includes(w.status))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map(w => toDeployment(w, link, people)),
      syncedAt: cursor?.lastCompletedAt,
      drift,
      sync: syncHealthOf(cursor, options.syncEveryMs, now()),
    };
  }

  return {
    async listEnvironments({ credentials }) {
      const allowed = await readable(permissions, definitions, credentials);
      return Promise.all(
        allowed.map(d =>
          views.get(
            d.name,
            'summary',
            async () => (await summarise(d)).summary,
          ),
        ),
      );
    },

    async getEnvironment(nameOrRef, opts): Promise<EnvironmentDetails> {
      const def = await resolve(nameOrRef, opts);
      return views.get(def.name, 'status', () => details(def));
    },

    async listDeployments(nameOrRef, query, opts) {
      const before = query.cursor ? decodeCursor(query.cursor) : undefined;
      if (query.limit < 1 || query.limit > 100) {
        throw new InputError(`limit must be 1 to 100, got ${query.limit}`);
      }
      const def = await resolve(nameOrRef, opts);
      const key = `history:${query.kind ?? ''}:${query.limit}:${
        query.cursor ?? ''
      }`;
      return views.get(def.name, key, async () => {
        const rows = await store.listWorkflows(def.name, {
          kinds: query.kind ? [query.kind] : undefined,
          limit: query.limit + 1,
          before,
        });
        const page = rows.slice(0, query.limit);
        const last = page[page.length - 1];
        const people = await loadPeople(operationsStore, def.name, page);
        return {
          items: page.map(r => toDeployment(r, links.get(def.name)!, people)),
          nextCursor:
            rows.length > query.limit && last
              ? encodeCursor({ createdAt: last.createdAt, id: last.id })
              : undefined,
        };
      });
    },

    async listImageTags(nameOrRef, image, limit, opts) {
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
        throw new InputError(`limit must be 1 to 100, got ${limit}`);
      }
      const def = await resolve(nameOrRef, opts);
      return {
        environment: def.name,
        image,
        tags: await options.images.listTags(def, image, limit),
      };
    },

    async getImages(nameOrRef, opts) {
      const def = await resolve(nameOrRef, opts);
      const [view, lastDeploy] = await Promise.all([
        options.images.getImages(def),
        store.newestWorkflow(def.name, 'deploy', ['success']),
      ]);
      return markRebuiltAfterDeploy(view, lastDeploy?.stoppedAt);
    },
  };
}
