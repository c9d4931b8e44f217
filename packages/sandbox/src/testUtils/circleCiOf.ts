import { InputError, NotFoundError } from '@backstage/errors';
import {
  isTerminal,
  JobRecord,
  JobStatus,
  PipelineRecord,
  WorkflowRecord,
  WorkflowStatus,
} from '../circleci/model';
import { userIdOf } from '../circleci/plan';
import { newUuid } from '../ids';
import { Sandbox } from '../sandbox';

export type {
  JobRecord as SandboxJobRecord,
  JobStatus as SandboxJobStatus,
  PipelineRecord as SandboxPipelineRecord,
  WorkflowRecord as SandboxWorkflowRecord,
  WorkflowStatus as SandboxWorkflowStatus,
} from '../circleci/model';

/**
 * A job to record, with defaults for what a test does not care about: a
 * finished build that started with its workflow.
 *
 * @public
 */
export interface SandboxJobSeed {
  name: string;
  id?: string;
  type?: 'build' | 'approval';
  status?: JobStatus;
  /** ISO time; default the workflow's creation, `null` not started. */
  startedAt?: string | null;
  /** ISO time; default none. */
  stoppedAt?: string | null;
  approvalRequestId?: string;
  /** Ids of the jobs it requires. */
  dependencies?: string[];
  jobNumber?: number;
}

/**
 * A workflow to record.
 *
 * @public
 */
export interface SandboxWorkflowSeed {
  name: string;
  status: WorkflowStatus;
  /** ISO time; default the pipeline's creation. */
  createdAt?: string;
  /** ISO time; default 30 s after creation when `status` is final. */
  stoppedAt?: string | null;
  jobs?: SandboxJobSeed[];
}

/**
 * A pipeline to record, as CircleCI would list it.
 *
 * @public
 */
export interface SandboxPipelineSeed {
  branch?: string;
  actor?: string;
  revision?: string;
  subject?: string;
  /** ISO time; default one minute after the pipeline recorded before. */
  createdAt?: string;
  state?: PipelineRecord['state'];
  parameters?: Record<string, string | number | boolean>;
  workflows?: SandboxWorkflowSeed[];
}

/**
 * What a test records in, and reads of, the CircleCI stand-in in-process:
 * pipelines with the workflows and jobs it needs (not run by the engine),
 * served over the stand-in's API like any other.
 *
 * @public
 */
export interface SandboxCircleCi {
  /** Records a pipeline (the newest) with its workflows and jobs. */
  addPipeline(seed?: SandboxPipelineSeed): PipelineRecord;
  /** Every pipeline of the project, newest first. */
  pipelines(): PipelineRecord[];
  /** The pipeline's workflows. */
  workflows(pipelineId: string): WorkflowRecord[];
  /** The workflow's jobs. */
  jobs(workflowId: string): JobRecord[];
  /** The workflow with this name in the newest pipeline that has one. */
  workflow(name: string): WorkflowRecord;
  /** Moves a workflow on (e.g. running → success), stopping it a minute on. */
  finish(workflowId: string, status: WorkflowStatus): WorkflowRecord;
}

const MINUTE = 60_000;

function time(value: string, what: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new InputError(`Invalid ${what} ${JSON.stringify(value)}`);
  }
  return ms;
}

/**
 * Records and reads the CircleCI stand-in's pipelines. Pipelines without a
 * `createdAt` are a minute apart from `options.start` (default the
 * sandbox's clock).
 *
 * @public
 */
export function circleCiOf(
  sandbox: Sandbox,
  options: { start?: string } = {},
): SandboxCircleCi {
  const { store, projectSlug, github } = sandbox.world;
  let clock =
    options.start === undefined
      ? sandbox.clock.now()
      : time(options.start, 'start');
  const tick = () => {
    clock += MINUTE;
    return clock;
  };
  const mine = () =>
    store.pipelines
      .filter(p => p.projectSlug === projectSlug)
      .slice()
      .reverse();
  const workflowOf = (workflowId: string) => {
    const found = store.workflow(workflowId);
    if (!found) throw new NotFoundError(`No workflow ${workflowId}`);
    return found.workflow;
  };

  function job(workflow: WorkflowRecord, seed: SandboxJobSeed): JobRecord {
    let startedAt: number | null = workflow.createdAt;
    if (seed.startedAt === null) startedAt = null;
    else if (seed.startedAt !== undefined)
      startedAt = time(seed.startedAt, 'startedAt');
    return {
      id: seed.id ?? newUuid(),
      name: seed.name,
      definition: seed.name,
      type: seed.type ?? 'build',
      status: seed.status ?? 'success',
      requires: [],
      dependencies: seed.dependencies ?? [],
      failsByDesign: false,
      artifacts: [],
      jobNumber: seed.jobNumber,
      startedAt,
      stoppedAt: seed.stoppedAt ? time(seed.stoppedAt, 'stoppedAt') : null,
      approvalRequestId: seed.approvalRequestId,
    };
  }

  return {
    addPipeline(seed = {}) {
      const createdAt =
        seed.createdAt === undefined
          ? tick()
          : time(seed.createdAt, 'createdAt');
      const branch = seed.branch ?? github.site.defaultBranch;
      const head = github.head(github.site.defaultBranch);
      const commit = head ? github.repo.commit(head) : undefined;
      const login = seed.actor ?? github.site.owner;
      const pipeline: PipelineRecord = {
        id: newUuid(),
        number: store.nextPipelineNumber(),
        projectSlug,
        createdAt,
        updatedAt: createdAt,
        state: seed.state ?? 'created',
        errors: [],
        trigger: {
          type: 'api',
          receivedAt: createdAt,
          actor: { login, avatarUrl: null },
        },
        vcs: {
          revision: seed.revision ?? head ?? '0'.repeat(40),
          branch,
          subject: seed.subject ?? 'Change things',
          body: '',
          authorName: commit?.author.name ?? login,
          authorEmail: commit?.author.email ?? `${login}@users.noreply`,
          committedAt: commit?.committer.date ?? createdAt,
        },
        parameters: seed.parameters ?? {},
        workflows: [],
      };
      for (const w of seed.workflows ?? []) {
        const wCreated =
          w.createdAt === undefined
            ? createdAt
            : time(w.createdAt, 'createdAt');
        let stoppedAt: number | null = null;
        if (w.stoppedAt) stoppedAt = time(w.stoppedAt, 'stoppedAt');
        else if (w.stoppedAt === undefined && isTerminal(w.status))
          stoppedAt = wCreated + 30_000;
        const workflow: WorkflowRecord = {
          id: newUuid(),
          name: w.name,
          pipelineId: pipeline.id,
          pipelineNumber: pipeline.number,
          status: w.status,
          createdAt: wCreated,
          stoppedAt,
          startedBy: userIdOf(login),
          jobs: [],
        };
        workflow.jobs = (w.jobs ?? []).map(j => job(workflow, j));
        pipeline.workflows.push(workflow);
      }
      store.add(pipeline);
      return pipeline;
    },
    pipelines: mine,
    workflows(pipelineId) {
      const pipeline = store.pipeline(pipelineId);
      if (!pipeline) throw new NotFoundError(`No pipeline ${pipelineId}`);
      return pipeline.workflows;
    },
    jobs: workflowId => workflowOf(workflowId).jobs,
    workflow(name) {
      for (const p of mine()) {
        const w = p.workflows.find(x => x.name === name);
        if (w) return w;
      }
      throw new NotFoundError(`No workflow ${JSON.stringify(name)}`);
    },
    finish(workflowId, status) {
      const workflow = workflowOf(workflowId);
      workflow.status = status;
      workflow.stoppedAt = isTerminal(status) ? tick() : null;
      return workflow;
    },
  };
}
