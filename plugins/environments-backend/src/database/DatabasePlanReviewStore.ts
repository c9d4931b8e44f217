import type { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { migratedClient } from './client';
import type { PlanDigest } from '../services/PlanReviewService/planSummary';

/** What was read of one held workflow's plan summary. */
export interface StoredPlanReview {
  workflowId: string;
  environment: string;
  status: 'ok' | 'missing' | 'invalid';
  digest?: PlanDigest;
  reason?: string;
  fetchedAt: Date;
}

/**
 * The `plan_reviews` table, which this store alone reads and writes: one
 * row per held workflow whose plan summary was read, so an approval review
 * costs CircleCI its calls once.
 */
export class DatabasePlanReviewStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabasePlanReviewStore> {
    return new DatabasePlanReviewStore(await migratedClient(options.database));
  }

  private constructor(private readonly db: Knex) {}

  async get(workflowId: string): Promise<StoredPlanReview | undefined> {
    const row = await this.db('plan_reviews')
      .where({ workflow_id: workflowId })
      .first();
    if (!row) return undefined;
    return {
      workflowId: row.workflow_id,
      environment: row.environment,
      status: row.status,
      digest: row.digest ? JSON.parse(row.digest) : undefined,
      reason: row.reason ?? undefined,
      fetchedAt: new Date(row.fetched_at),
    };
  }

  async put(review: StoredPlanReview): Promise<void> {
    await this.db('plan_reviews')
      .insert({
        workflow_id: review.workflowId,
        environment: review.environment,
        status: review.status,
        plan_created_at: review.digest?.createdAt
          ? new Date(review.digest.createdAt)
          : null,
        digest: review.digest ? JSON.stringify(review.digest) : null,
        reason: review.reason ?? null,
        fetched_at: review.fetchedAt,
      })
      .onConflict('workflow_id')
      .merge();
  }

  /** Forgets reviews of workflows fetched before `before`. */
  async prune(before: Date): Promise<number> {
    return this.db('plan_reviews').where('fetched_at', '<', before).delete();
  }
}
