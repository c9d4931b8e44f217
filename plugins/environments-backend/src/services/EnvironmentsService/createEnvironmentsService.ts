import type { PermissionsService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  EnvironmentDetails,
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
import type { ImageService } from '../ImageService/createImageService';
import { deriveEndpoints } from '../StatusService/deriveEndpoints';
import {
  deriveLock,
  deriveState,
  findHeldApproval,
} from '../StatusService/deriveState';
import { loadStatusWorkflows } from '../StatusService/loadStatusWorkflows';
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
  images: ImageService;
  catalog: Pick<CatalogService, 'getEntityByRef'>;
  permissions: PermissionsService;
  /** Short-lived shared views; default: none (every read computes). */
  views?: ViewCache;
  now?: () => number;
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
  const { definitions, store, permissions } = options;
  const now = options.now ?? Date.now;
  const views = options.views ?? createViewCache({ ttlMs: 0 });
  const links = new Map<string, Links>(
    definitions.map(d => [d.name, linksFor(d, options.appBaseUrl)]),
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
      store.getLock(def.name, new Date(now())),
    ]);
    const derived = deriveState(workflows);
    const lock = deriveLock(workflows, lockRow);
    const summary: EnvironmentSummary = {
      name: def.name,
      title: def.title,
      entityRef: def.entityRef,
      state: derived.state,
      since: derived.since,
      actor: derived.actor,
      source: derived.source && toDeployment(derived.source, link),
      lock: lock && {
        kind: (KINDS.includes(lock.kind as OperationKind)
          ? lock.kind
          : 'other') as EnvironmentLock['kind'],
        pipeline: {
          id: lock.pipelineId,
          number: lock.pipelineNumber,
          url: link.pipeline(lock.pipelineNumber),
        },
        workflowId: lock.workflowId,
        since: lock.since,
      },
    };
    return { summary, workflows };
  }

  async function details(
    def: EnvironmentDefinition,
  ): Promise<EnvironmentDetails> {
    const link = links.get(def.name)!;
    const [{ summary, workflows }, stats, cursor] = await Promise.all([
      summarise(def),
      store.endpointStats(
        def.name,
        def.endpoints.map(e => e.name),
        new Date(now() - DAY_MS),
      ),
      store.getCursor(def.name),
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
    };
    return {
      ...summary,
      heldApproval,
      endpoints: deriveEndpoints(def.endpoints, stats, summary.state),
      lastSuccessfulDeploy: lastDeploy && toDeployment(lastDeploy, link),
      inFlight: workflows
        .filter(w => ['running', 'failing', 'on_hold'].includes(w.status))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map(w => toDeployment(w, link)),
      syncedAt: cursor?.lastCompletedAt,
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
        return {
          items: page.map(r => toDeployment(r, links.get(def.name)!)),
          nextCursor:
            rows.length > query.limit && last
              ? encodeCursor({ createdAt: last.createdAt, id: last.id })
              : undefined,
        };
      });
    },

    async getImages(nameOrRef, opts) {
      return options.images.getImages(await resolve(nameOrRef, opts));
    },
  };
}
