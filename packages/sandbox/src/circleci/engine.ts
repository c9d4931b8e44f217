import { SandboxClock } from '../clock';
import { SandboxLogger } from '../logger';
import { stableUuid } from '../ids';
import { ConfigCache } from './configCache';
import { JobRecord, PipelineRecord, WorkflowRecord, isTerminal } from './model';
import {
  planPipeline,
  RepositorySource,
  TriggerRequest,
  userIdOf,
} from './plan';
import {
  approveJob,
  finishJob,
  startReadyJobs,
  workflowStatusOf,
} from './progress';
import { CircleCiStore } from './store';

export type { Revision, RepositorySource, TriggerRequest } from './plan';
export { userIdOf } from './plan';

/** What the engine reports as pipelines progress. */
export type EngineEvent =
  | {
      type: 'job-completed';
      pipeline: PipelineRecord;
      workflow: WorkflowRecord;
      job: JobRecord;
      at: number;
      live: boolean;
    }
  | {
      type: 'workflow-completed';
      pipeline: PipelineRecord;
      workflow: WorkflowRecord;
      at: number;
      live: boolean;
    };

interface Run {
  live: boolean;
  schedule(at: number, fn: (now: number) => void): void;
  duration(job: JobRecord): number;
  autoApprove?: { afterMs: number; approver: string };
}

/**
 * Runs pipelines the way CircleCI does for this repository's config: the
 * parameters are checked against the declared ones, each workflow's `when`
 * is evaluated, and jobs run in `requires` order, approval jobs holding the
 * workflow until approved.
 */
export class PipelineEngine {
  readonly #failures = new Map<string, number>();

  constructor(
    private readonly options: {
      store: CircleCiStore;
      clock: SandboxClock;
      projectSlug: string;
      stepMs: number;
      source: RepositorySource;
      configs: ConfigCache;
      listeners: Array<(event: EngineEvent) => void>;
      logger: SandboxLogger;
    },
  ) {}

  /** Makes the next `count` runs of `job` fail. */
  failNext(job: string, count = 1): void {
    this.#failures.set(job, (this.#failures.get(job) ?? 0) + count);
  }

  /** Plans a pipeline numbered next in the store. */
  plan(request: TriggerRequest, at: number, ids?: () => string) {
    const { store, projectSlug, source, configs } = this.options;
    return planPipeline(
      { projectSlug, source, configs, number: store.nextPipelineNumber() },
      request,
      at,
      ids,
    );
  }

  #live(): Run {
    const { clock, stepMs } = this.options;
    return {
      live: true,
      schedule: (at, fn) =>
        clock.setTimer(at - clock.now(), () => fn(clock.now())),
      duration: () => stepMs,
    };
  }

  #emit(event: EngineEvent) {
    for (const listener of this.options.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.options.logger.error(`${event.type} listener failed: ${error}`);
      }
    }
  }

  #advance(
    pipeline: PipelineRecord,
    workflow: WorkflowRecord,
    now: number,
    run: Run,
  ) {
    for (const job of startReadyJobs(
      workflow,
      now,
      this.options.store.nextJobNumber,
    )) {
      run.schedule(now + run.duration(job), t =>
        this.#finish(pipeline, workflow, job, t, run),
      );
    }
    if (run.autoApprove) {
      for (const job of workflow.jobs.filter(j => j.status === 'on_hold')) {
        const { afterMs, approver } = run.autoApprove;
        run.schedule(now + afterMs, t => {
          if (job.status !== 'on_hold') return;
          approveJob(job, userIdOf(approver), t);
          this.#advance(pipeline, workflow, t, run);
        });
      }
    }
    const before = workflow.status;
    workflow.status = workflowStatusOf(workflow);
    pipeline.updatedAt = now;
    if (!isTerminal(before) && isTerminal(workflow.status)) {
      workflow.stoppedAt = now;
      this.#emit({
        type: 'workflow-completed',
        pipeline,
        workflow,
        at: now,
        live: run.live,
      });
    }
  }

  #finish(
    pipeline: PipelineRecord,
    workflow: WorkflowRecord,
    job: JobRecord,
    now: number,
    run: Run,
  ) {
    if (job.status !== 'running') return;
    const injected = this.#failures.get(job.name) ?? 0;
    if (run.live && injected > 0) this.#failures.set(job.name, injected - 1);
    const failed = job.failsByDesign || (run.live && injected > 0);
    finishJob(job, failed ? 'failed' : 'success', now);
    this.#emit({
      type: 'job-completed',
      pipeline,
      workflow,
      job,
      at: now,
      live: run.live,
    });
    this.#advance(pipeline, workflow, now, run);
  }

  /** Triggers a pipeline now; its jobs progress on the clock. */
  trigger(request: TriggerRequest): PipelineRecord {
    const now = this.options.clock.now();
    const pipeline = this.plan(request, now);
    this.options.store.add(pipeline);
    const run = this.#live();
    for (const workflow of pipeline.workflows)
      this.#advance(pipeline, workflow, now, run);
    return pipeline;
  }

  /** Approves a held approval job; the workflow carries on. */
  approve(
    workflowId: string,
    approvalRequestId: string,
    login: string,
  ): 'accepted' | 'no-workflow' | 'no-approval' | 'not-on-hold' {
    const found = this.options.store.workflow(workflowId);
    if (!found) return 'no-workflow';
    const job = found.workflow.jobs.find(
      j => j.approvalRequestId === approvalRequestId,
    );
    if (!job) return 'no-approval';
    if (job.status !== 'on_hold') return 'not-on-hold';
    const now = this.options.clock.now();
    approveJob(job, userIdOf(login), now);
    this.#advance(found.pipeline, found.workflow, now, this.#live());
    return 'accepted';
  }

  /**
   * Records a pipeline of the past: planned at `at` and run to the end in
   * virtual time (approvals granted after `approveAfterMs`). Listeners see
   * its events with `live: false`.
   */
  record(
    request: TriggerRequest,
    at: number,
    options: {
      seed: string;
      duration: (job: JobRecord) => number;
      approveAfterMs: number;
      approver: string;
    },
  ): PipelineRecord {
    let n = 0;
    const pipeline = this.plan(request, at, () =>
      stableUuid(options.seed, n++),
    );
    this.options.store.add(pipeline);
    const queue: Array<{ at: number; seq: number; fn: (now: number) => void }> =
      [];
    let seq = 0;
    const run: Run = {
      live: false,
      schedule: (when, fn) => queue.push({ at: when, seq: seq++, fn }),
      duration: options.duration,
      autoApprove: {
        afterMs: options.approveAfterMs,
        approver: options.approver,
      },
    };
    for (const workflow of pipeline.workflows)
      this.#advance(pipeline, workflow, at, run);
    while (queue.length) {
      queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = queue.shift()!;
      next.fn(next.at);
    }
    return pipeline;
  }
}
