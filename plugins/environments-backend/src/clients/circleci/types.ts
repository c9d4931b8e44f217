import { z } from 'zod';

/*
 * The parts of CircleCI API v2 bodies the plugin reads, checked on arrival so
 * a malformed body fails loudly instead of storing nonsense. Unknown fields
 * are allowed: the API adds fields over time.
 */

const timestamp = z.string().refine(s => !Number.isNaN(Date.parse(s)), {
  message: 'not a date-time',
});

/** A pipeline (`GET /project/{slug}/pipeline`, `GET /pipeline/{id}`). */
export const pipelineSchema = z.object({
  id: z.string().min(1),
  number: z.number().int(),
  project_slug: z.string(),
  state: z.string(),
  created_at: timestamp,
  updated_at: timestamp.nullish(),
  errors: z.array(z.object({ type: z.string(), message: z.string() })),
  trigger: z.object({
    type: z.string(),
    received_at: timestamp.nullish(),
    actor: z.object({ login: z.string(), avatar_url: z.string().nullish() }),
  }),
  trigger_parameters: z.record(z.string(), z.unknown()).nullish(),
  vcs: z
    .object({
      revision: z.string().nullish(),
      branch: z.string().nullish(),
      tag: z.string().nullish(),
      review_id: z.string().nullish(),
      review_url: z.string().nullish(),
      target_repository_url: z.string().nullish(),
      commit: z
        .object({ subject: z.string().nullish(), body: z.string().nullish() })
        .nullish(),
    })
    .nullish(),
});

/** A workflow (`GET /pipeline/{id}/workflow`). */
export const workflowSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  status: z.enum([
    'success',
    'running',
    'not_run',
    'failed',
    'error',
    'failing',
    'on_hold',
    'canceled',
    'unauthorized',
  ]),
  created_at: timestamp,
  stopped_at: timestamp.nullish(),
  pipeline_id: z.string(),
  pipeline_number: z.number().int(),
  project_slug: z.string(),
  started_by: z.string().nullish(),
});

/** A job of a workflow (`GET /workflow/{id}/job`). */
export const jobSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  type: z.string(),
  status: z.string(),
  job_number: z.number().int().nullish(),
  started_at: timestamp.nullish(),
  stopped_at: timestamp.nullish(),
  approval_request_id: z.string().nullish(),
  approved_by: z.string().nullish(),
  dependencies: z.array(z.string()).nullish(),
});

/** A stored artifact of a job (`GET /project/{slug}/{job-number}/artifacts`). */
export const artifactSchema = z.object({
  path: z.string(),
  node_index: z.number().int(),
  url: z.string().url(),
});

/** One page of a list. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next_page_token: z.string().nullish() });

/** A CircleCI pipeline. */
export type CircleCiPipeline = z.infer<typeof pipelineSchema>;
/** A CircleCI workflow. */
export type CircleCiWorkflow = z.infer<typeof workflowSchema>;
/** A CircleCI job. */
export type CircleCiJob = z.infer<typeof jobSchema>;
/** A CircleCI job artifact. */
export type CircleCiArtifact = z.infer<typeof artifactSchema>;
/** One page of a CircleCI list. */
export interface CircleCiPage<T> {
  items: T[];
  nextPageToken?: string;
}
