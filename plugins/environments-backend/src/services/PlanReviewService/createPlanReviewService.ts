import type { LoggerService } from '@backstage/backend-plugin-api';
import type { PlanReview } from '@rocket-club/plugin-environments-common';
import { z } from 'zod';
import type { CircleCiClient } from '../../clients/circleci/CircleCiClient';
import type { EnvironmentDefinition } from '../../config';
import type {
  DatabasePlanReviewStore,
  StoredPlanReview,
} from '../../database/DatabasePlanReviewStore';
import type { EnvironmentsStore } from '../../database/EnvironmentsStore';
import { digestPlan, planSummarySchema } from './planSummary';

/**
 * Reviews the plan behind a held apply: what it creates, updates, replaces
 * and deletes, which protected resources it touches, and whether it is
 * still fresh enough to apply.
 */
export interface PlanReviewService {
  /**
   * The review of the plan made by `job` (default: the environment's
   * `plan.job`) in the workflow.
   */
  review(
    definition: EnvironmentDefinition,
    workflowId: string,
    job?: string,
  ): Promise<PlanReview>;
}

/** Options of {@link createPlanReviewService}. */
export interface PlanReviewServiceOptions {
  circleci?: Pick<
    CircleCiClient,
    'listJobArtifacts' | 'downloadArtifact' | 'listJobs'
  >;
  jobs: Pick<EnvironmentsStore, 'listJobs'>;
  reviews: Pick<DatabasePlanReviewStore, 'get' | 'put'>;
  logger: LoggerService;
  now?: () => number;
  /** How soon a summary found missing is looked for again. Default 5 min. */
  missingRetryMs?: number;
}

const EMPTY = { create: 0, update: 0, delete: 0, replace: 0 };

/**
 * Creates the {@link PlanReviewService}. Each held workflow's summary is
 * read from CircleCI once (two calls: the plan job's artifact list, then the
 * artifact) and kept in the database; staleness is decided when asked.
 */
export function createPlanReviewService(
  options: PlanReviewServiceOptions,
): PlanReviewService {
  const { circleci, jobs, reviews, logger } = options;
  const now = options.now ?? Date.now;
  const missingRetryMs = options.missingRetryMs ?? 5 * 60_000;
  const inFlight = new Map<string, Promise<StoredPlanReview | undefined>>();

  async function read(
    def: EnvironmentDefinition,
    workflowId: string,
    job: string,
  ): Promise<StoredPlanReview | undefined> {
    const found = (status: StoredPlanReview['status'], extra: object = {}) => ({
      workflowId,
      environment: def.name,
      status,
      fetchedAt: new Date(now()),
      ...extra,
    });
    // Ingestion keeps the jobs of held and running workflows; a finished
    // drift check's are read from CircleCI (once: the review is stored).
    const kept = (await jobs.listJobs(def.name, [workflowId])).find(
      j => j.name === job && j.jobNumber !== undefined,
    );
    let planJob = kept && { jobNumber: kept.jobNumber! };
    if (!planJob && circleci) {
      try {
        const live = (await circleci.listJobs(workflowId)).find(
          j => j.name === job && typeof j.job_number === 'number',
        );
        planJob = live && { jobNumber: live.job_number! };
      } catch (error) {
        logger.warn(
          `Could not list the jobs of workflow ${workflowId}: ${error}`,
        );
        return undefined;
      }
    }
    if (!planJob || !circleci) {
      return found('missing', {
        reason: `no ${job} job in the workflow`,
      });
    }
    let text: string;
    try {
      const artifacts = await circleci.listJobArtifacts(
        def.circleci.project.slug,
        planJob.jobNumber!,
      );
      const artifact = artifacts.find(a => a.path === def.plan.artifact);
      if (!artifact) {
        return found('missing', {
          reason: `${job} #${planJob.jobNumber} published no ${def.plan.artifact}`,
        });
      }
      text = await circleci.downloadArtifact(artifact.url);
    } catch (error) {
      // CircleCI did not answer: nothing is stored, so the next view retries.
      logger.warn(
        `Could not read the plan summary of workflow ${workflowId}: ${error}`,
      );
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return found('invalid', { reason: `${def.plan.artifact} is not JSON` });
    }
    const parsed = planSummarySchema.safeParse(json);
    if (!parsed.success) {
      return found('invalid', {
        reason: `${def.plan.artifact} is not a value-free plan summary: ${z
          .prettifyError(parsed.error)
          .slice(0, 300)}`,
      });
    }
    return found('ok', { digest: digestPlan(parsed.data, def.plan.protect) });
  }

  async function stored(
    def: EnvironmentDefinition,
    workflowId: string,
    job: string,
  ) {
    const known = await reviews.get(workflowId);
    const fresh =
      known &&
      (known.status !== 'missing' ||
        now() - known.fetchedAt.getTime() < missingRetryMs);
    if (fresh) return known;
    let pending = inFlight.get(workflowId);
    if (!pending) {
      pending = read(def, workflowId, job)
        .then(async result => {
          if (result) await reviews.put(result);
          return result;
        })
        .finally(() => inFlight.delete(workflowId));
      inFlight.set(workflowId, pending);
    }
    return pending;
  }

  return {
    async review(def, workflowId, job = def.plan.job) {
      const result = await stored(def, workflowId, job);
      const base = {
        counts: EMPTY,
        changes: [],
        protected: [],
        drift: [],
        protectedPolicy: def.plan.onProtectedChange,
      };
      if (!result) {
        return {
          ...base,
          status: 'missing',
          reason: 'CircleCI did not answer; the plan summary could not be read',
        };
      }
      if (result.status !== 'ok' || !result.digest) {
        return { ...base, status: result.status, reason: result.reason };
      }
      const digest = result.digest;
      const created = digest.createdAt ? Date.parse(digest.createdAt) : NaN;
      const stale =
        !Number.isNaN(created) && now() - created > def.plan.maxAgeMs;
      return {
        ...base,
        ...digest,
        status: stale ? 'stale' : 'ok',
        reason: stale
          ? `the plan was made ${Math.floor(
              (now() - created) / 86_400_000,
            )} days ago, more than the ${Math.round(
              def.plan.maxAgeMs / 86_400_000,
            )} days allowed; rerun the pipeline for a fresh plan`
          : undefined,
      };
    },
  };
}
