import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { CircleCiClient } from '../../clients/circleci/CircleCiClient';
import { parseProjectSlug } from '../../clients/circleci/projectSlug';
import type { CircleCiPipeline } from '../../clients/circleci/types';
import type { EnvironmentDefinition } from '../../config';
import type {
  EnvironmentsStore,
  JobRecord,
  PipelineRecord,
  WorkflowRecord,
} from '../../database/EnvironmentsStore';
import type { ChangeNotifier, ChangePart } from '../ChangeNotifier';
import {
  classifyWorkflow,
  isFinished,
  isTerminal,
  needsJobs,
  toJobRecord,
  toPipelineRecord,
  toWorkflowRecord,
} from './toRecords';
import { IngestionService, RefreshResult, SyncResult } from './types';

/** Options of {@link createIngestionService}. */
export interface IngestionServiceOptions {
  definitions: EnvironmentDefinition[];
  circleci: Pick<
    CircleCiClient,
    'listPipelines' | 'getPipeline' | 'listWorkflows' | 'listJobs'
  >;
  store: EnvironmentsStore;
  logger: LoggerService;
  /** Pages of pipelines read at most per sync. */
  maxPages: number;
  /**
   * The first sync of an environment reads on past `maxPages`, up to this
   * many pages, until it has the newest finished park or unpark (so the
   * park state is right from the start). Default: `maxPages`.
   */
  firstSyncMaxPages?: number;
  /** Told when a saved pipeline differs from what this instance saw last. */
  notifier?: ChangeNotifier;
  now?: () => number;
}

/** What of a pipeline the environment page shows. */
function fingerprint(
  pipeline: PipelineRecord,
  workflows: WorkflowRecord[],
  jobs: JobRecord[],
) {
  return {
    all: JSON.stringify([
      pipeline.state,
      workflows.map(w => [w.id, w.status, w.stoppedAt, w.approval?.requestId]),
      jobs.map(j => [j.id, j.status]),
    ]),
  };
}

/**
 * Creates the {@link IngestionService}.
 */
export function createIngestionService(
  options: IngestionServiceOptions,
): IngestionService {
  const { circleci, store, logger, maxPages } = options;
  const now = options.now ?? Date.now;
  // What this instance last saved of each pipeline that can still change;
  // terminal pipelines are forgotten, they are never read again.
  const lastSaved = new Map<string, ReturnType<typeof fingerprint>>();

  function announce(
    pipeline: PipelineRecord,
    workflows: WorkflowRecord[],
    jobs: JobRecord[],
  ) {
    if (!options.notifier) return;
    const next = fingerprint(pipeline, workflows, jobs);
    const key = `${pipeline.environment}:${pipeline.id}`;
    const last = lastSaved.get(key);
    if (pipeline.terminal) lastSaved.delete(key);
    else lastSaved.set(key, next);
    if (last?.all === next.all) return;
    // Images are not announced here: a finished image build or deploy
    // refreshes the images view through its webhook, and the scheduled
    // refresh covers installs without webhooks; every workflow step here
    // would otherwise re-read ECR and GitHub.
    const parts: ChangePart[] = ['status', 'history'];
    options.notifier.changed(pipeline.environment, parts);
  }

  const definition = (environment: string) => {
    const found = options.definitions.find(d => d.name === environment);
    if (!found) throw new NotFoundError(`No environment '${environment}'`);
    return found;
  };

  async function ingest(
    def: EnvironmentDefinition,
    pipeline: CircleCiPipeline,
  ): Promise<Omit<RefreshResult, 'saved'>> {
    const workflows = await circleci.listWorkflows(pipeline.id);
    const records = [];
    const jobs = [];
    for (const workflow of workflows) {
      const kind = classifyWorkflow(def, workflow.name);
      const workflowJobs = needsJobs(kind, workflow)
        ? await circleci.listJobs(workflow.id)
        : undefined;
      records.push(toWorkflowRecord(def, workflow, workflowJobs));
      jobs.push(
        ...(workflowJobs ?? []).map(j => toJobRecord(def.name, workflow.id, j)),
      );
    }
    const terminal = isTerminal(pipeline, workflows, now());
    const record = toPipelineRecord(def.name, pipeline, terminal);
    await store.savePipeline(record, records, jobs);
    announce(record, records, jobs);
    return { terminal, finished: isFinished(pipeline, workflows) };
  }

  /** Whether a pipeline is of the environment's project and branch. */
  const belongs = (def: EnvironmentDefinition, pipeline: CircleCiPipeline) => {
    let slug: string | undefined;
    try {
      slug = parseProjectSlug(pipeline.project_slug).slug;
    } catch {
      return false;
    }
    return (
      slug === def.circleci.project.slug &&
      (!def.circleci.branch || pipeline.vcs?.branch === def.circleci.branch)
    );
  };

  async function refreshPipeline(
    environment: string,
    pipelineId: string,
  ): Promise<RefreshResult> {
    const def = definition(environment);
    const pipeline = await circleci.getPipeline(pipelineId);
    if (!belongs(def, pipeline)) {
      return { saved: false, terminal: false, finished: false };
    }
    return { saved: true, ...(await ingest(def, pipeline)) };
  }

  /** Whether a finished park or unpark is stored: the park state is known. */
  async function hasLifecycle(environment: string) {
    const finished = ['success', 'failed', 'error'] as const;
    const [park, unpark] = await Promise.all([
      store.newestWorkflow(environment, 'park', [...finished]),
      store.newestWorkflow(environment, 'unpark', [...finished]),
    ]);
    return !!(park || unpark);
  }

  async function syncEnvironment(
    environment: string,
    signal?: AbortSignal,
  ): Promise<SyncResult> {
    const def = definition(environment);
    const { slug } = def.circleci.project;
    const branch = def.circleci.branch;
    const previous = await store.getCursor(environment);
    const started = new Date(now()).toISOString();
    const result: SyncResult = {
      environment,
      pages: 0,
      added: 0,
      refreshed: 0,
    };
    const seen = new Set<string>();
    const unfinished = new Set(await store.nonTerminalPipelineIds(environment));
    let newest = previous?.newestPipelineNumber;
    try {
      let pageToken: string | undefined;
      let known = false;
      const first = !previous?.lastCompletedAt;
      const limit = first
        ? Math.max(maxPages, options.firstSyncMaxPages ?? maxPages)
        : maxPages;
      while (!known && result.pages < limit) {
        signal?.throwIfAborted();
        if (result.pages >= maxPages && (await hasLifecycle(environment))) {
          break;
        }
        const page = await circleci.listPipelines(slug, { branch, pageToken });
        result.pages++;
        const terminal = await store.terminalPipelineIds(
          environment,
          page.items.map(p => p.id),
        );
        for (const pipeline of page.items) {
          if (terminal.has(pipeline.id)) {
            known = true; // everything older was stored before
            break;
          }
          await ingest(def, pipeline);
          seen.add(pipeline.id);
          if (unfinished.has(pipeline.id)) result.refreshed++;
          else result.added++;
          newest = Math.max(newest ?? 0, pipeline.number);
        }
        pageToken = page.nextPageToken;
        if (!pageToken) break;
      }
      // Unfinished pipelines further back than the pages read.
      for (const id of unfinished) {
        if (seen.has(id)) continue;
        signal?.throwIfAborted();
        await refreshPipeline(environment, id).catch(error => {
          if (error?.name !== 'NotFoundError') throw error;
          logger.warn(`Pipeline ${id} of ${environment} is gone: ${error}`);
        });
        result.refreshed++;
      }
      await store.saveCursor({
        environment,
        projectSlug: slug,
        branch,
        newestPipelineNumber: newest,
        lastStartedAt: started,
        lastCompletedAt: new Date(now()).toISOString(),
      });
      return result;
    } catch (error) {
      await store.saveCursor({
        ...(previous ?? { environment, projectSlug: slug, branch }),
        newestPipelineNumber: newest,
        lastStartedAt: started,
        lastError: String(error),
        lastErrorAt: new Date(now()).toISOString(),
      });
      throw error;
    }
  }

  async function syncAll(signal?: AbortSignal) {
    const results: SyncResult[] = [];
    for (const def of options.definitions) {
      try {
        const result = await syncEnvironment(def.name, signal);
        logger.debug(`Synced ${def.name}`, { ...result });
        results.push(result);
      } catch (error) {
        logger.warn(`Could not sync environment '${def.name}': ${error}`);
      }
    }
    return results;
  }

  return { syncAll, syncEnvironment, refreshPipeline };
}
