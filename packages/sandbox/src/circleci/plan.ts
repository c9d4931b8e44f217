import { newUuid, stableUuid } from '../ids';
import { branchAllowed, WorkflowJob } from './config';
import { ConfigCache } from './configCache';
import { JobRecord, PipelineRecord, WorkflowRecord } from './model';
import { resolveParameters } from './parameters';
import {
  PipelineValues,
  workflowRuns,
} from '@rocket-club/plugin-environments-node';

/** The commit a pipeline runs on. */
export interface Revision {
  revision: string;
  message: string;
  authorName: string;
  authorEmail: string;
  committedAt: number;
}

/** Where pipelines get their commit and `.circleci/config.yml` from. */
export interface RepositorySource {
  /** The commit at `revision`, or the head of a branch or tag. */
  resolve(ref: {
    branch?: string;
    tag?: string;
    revision?: string;
  }): Revision | undefined;
  /** The config file's text at `revision`, if it has one. */
  configAt(revision: string): string | undefined;
}

/** A request to run a pipeline. */
export interface TriggerRequest {
  branch?: string;
  tag?: string;
  parameters?: Record<string, unknown>;
  actor: string;
  triggerType: 'api' | 'webhook';
  /** A commit on the branch to run instead of its head (seeded history). */
  revision?: string;
}

/** The user id CircleCI would show for a login. */
export const userIdOf = (login: string) => stableUuid('circleci-user', login);

/** What planning a pipeline needs. */
export interface PlanContext {
  projectSlug: string;
  /** The number the pipeline gets. */
  number: number;
  source: RepositorySource;
  configs: ConfigCache;
}

/**
 * Builds a pipeline at time `at` the way CircleCI compiles one: the commit,
 * the config at that commit, the parameters checked against the declared
 * ones, and the workflows whose `when` holds, with their jobs blocked. An
 * errored pipeline carries CircleCI's error instead of workflows.
 */
export function planPipeline(
  context: PlanContext,
  request: TriggerRequest,
  at: number,
  ids: () => string = newUuid,
): PipelineRecord {
  const { projectSlug, source, configs } = context;
  const number = context.number;
  const ref = request.tag
    ? { tag: request.tag }
    : { branch: request.branch ?? 'main' };
  const commit = source.resolve(
    request.revision ? { ...ref, revision: request.revision } : ref,
  );
  const [subject, ...rest] = (commit?.message ?? '').split('\n');
  const pipeline: PipelineRecord = {
    id: ids(),
    number,
    projectSlug,
    createdAt: at,
    updatedAt: at,
    state: 'created',
    errors: [],
    trigger: {
      type: request.triggerType,
      receivedAt: at,
      actor: { login: request.actor, avatarUrl: null },
    },
    vcs: {
      revision: commit?.revision ?? '0'.repeat(40),
      ...ref,
      subject: commit ? subject : null,
      body: commit ? rest.join('\n').trim() : null,
      authorName: commit?.authorName ?? request.actor,
      authorEmail: commit?.authorEmail ?? '',
      committedAt: commit?.committedAt ?? at,
    },
    parameters: request.parameters ?? {},
    workflows: [],
  };
  const fail = (type: 'config' | 'config-fetch', message: string) => {
    pipeline.state = 'errored';
    pipeline.errors.push({ type, message });
    return pipeline;
  };
  if (!commit) {
    return fail(
      'config-fetch',
      `${ref.tag ? 'Tag' : 'Branch'} ${JSON.stringify(
        ref.tag ?? ref.branch,
      )} not found`,
    );
  }
  const config = configs.get(source.configAt(commit.revision));
  if ('error' in config) return fail(config.type, config.error);
  const { values, errors } = resolveParameters(
    config.config.parameters,
    pipeline.parameters,
  );
  if (errors.length > 0) {
    pipeline.state = 'errored';
    pipeline.errors.push(...errors);
    return pipeline;
  }
  const pipelineValues: PipelineValues = {
    parameters: values,
    git: { branch: ref.branch, tag: ref.tag, revision: commit.revision },
    project: { slug: projectSlug },
    number,
    triggerSource: request.triggerType,
  };
  try {
    for (const workflow of config.config.workflows) {
      if (!workflowRuns(workflow, pipelineValues)) continue;
      const jobs = workflow.jobs.filter(j => branchAllowed(j, ref.branch));
      pipeline.workflows.push(
        planWorkflow(pipeline, workflow.name, jobs, request.actor, ids),
      );
    }
  } catch (error) {
    return fail('config', String((error as Error).message));
  }
  return pipeline;
}

function planWorkflow(
  pipeline: PipelineRecord,
  name: string,
  jobs: WorkflowJob[],
  actor: string,
  ids: () => string,
): WorkflowRecord {
  const id = ids();
  const records: JobRecord[] = jobs.map(job => ({
    id: ids(),
    name: job.name,
    definition: job.job,
    type: job.type,
    status: 'blocked',
    requires: job.requires,
    dependencies: [],
    failsByDesign: job.failsByDesign,
    artifacts: job.artifacts,
    startedAt: null,
    stoppedAt: null,
  }));
  for (const record of records) {
    record.dependencies = record.requires
      .map(r => records.find(j => j.name === r)?.id)
      .filter((x): x is string => !!x);
    // CircleCI's approval request id is the approval job's id.
    if (record.type === 'approval') record.approvalRequestId = record.id;
  }
  return {
    id,
    name,
    pipelineId: pipeline.id,
    pipelineNumber: pipeline.number,
    status: 'running',
    createdAt: pipeline.createdAt,
    stoppedAt: null,
    startedBy: userIdOf(actor),
    jobs: records,
  };
}
