import { http, HttpResponse } from 'msw';
import { randomUUID } from 'node:crypto';
import type {
  CircleCiJob,
  CircleCiPipeline,
  CircleCiWorkflow,
} from '../clients/circleci/types';

/** A job to seed, with defaults for what a test does not care about. */
export type JobSeed = Partial<CircleCiJob> & Pick<CircleCiJob, 'name'>;

/** A workflow to seed. */
export interface WorkflowSeed {
  name: string;
  status: CircleCiWorkflow['status'];
  createdAt?: string;
  stoppedAt?: string | null;
  jobs?: JobSeed[];
}

/** A pipeline to seed. */
export interface PipelineSeed {
  branch?: string;
  actor?: string;
  revision?: string;
  subject?: string;
  createdAt?: string;
  state?: string;
  parameters?: Record<string, string | number | boolean>;
  workflows?: WorkflowSeed[];
}

const TERMINAL = new Set([
  'success',
  'failed',
  'error',
  'canceled',
  'not_run',
  'unauthorized',
]);

/**
 * An in-memory CircleCI project behind msw handlers: pipelines (newest
 * first, paged), their workflows and jobs, with every body in the shape of
 * the official API description. Counts the calls it serves.
 */
export class FakeCircleCi {
  readonly pipelines: CircleCiPipeline[] = [];
  readonly workflows = new Map<string, CircleCiWorkflow[]>();
  readonly jobs = new Map<string, CircleCiJob[]>();
  readonly calls: string[] = [];
  #clock = Date.parse('2026-01-01T00:00:00Z');

  constructor(
    readonly baseUrl = 'http://circleci.test/api/v2',
    readonly slug = 'gh/rlhatcher/rocket-club',
    readonly pageSize = 20,
  ) {}

  #tick() {
    this.#clock += 60_000;
    return new Date(this.#clock).toISOString();
  }

  /** Adds a pipeline (the newest) with its workflows and jobs. */
  addPipeline(seed: PipelineSeed = {}) {
    const createdAt = seed.createdAt ?? this.#tick();
    const pipeline: CircleCiPipeline = {
      id: randomUUID(),
      number: (this.pipelines[0]?.number ?? 0) + 1,
      project_slug: this.slug,
      state: seed.state ?? 'created',
      created_at: createdAt,
      updated_at: createdAt,
      errors: [],
      trigger: {
        type: 'api',
        received_at: createdAt,
        actor: { login: seed.actor ?? 'rlhatcher', avatar_url: null },
      },
      trigger_parameters: seed.parameters,
      vcs: {
        provider_name: 'GitHub',
        origin_repository_url: 'https://github.com/rlhatcher/rocket-club',
        target_repository_url: 'https://github.com/rlhatcher/rocket-club',
        revision: seed.revision ?? 'f454a02b5d10fcccfd7d9dd7608a76d6493a98b4',
        branch: seed.branch ?? 'main',
        commit: { subject: seed.subject ?? 'Change things', body: '' },
      } as CircleCiPipeline['vcs'],
    };
    this.pipelines.unshift(pipeline);
    this.workflows.set(
      pipeline.id,
      (seed.workflows ?? []).map(w => this.#workflow(pipeline, w)),
    );
    return pipeline;
  }

  #workflow(pipeline: CircleCiPipeline, seed: WorkflowSeed): CircleCiWorkflow {
    const createdAt = seed.createdAt ?? pipeline.created_at;
    let stoppedAt = seed.stoppedAt ?? null;
    if (seed.stoppedAt === undefined && TERMINAL.has(seed.status)) {
      stoppedAt = new Date(Date.parse(createdAt) + 30_000).toISOString();
    }
    const workflow: CircleCiWorkflow = {
      id: randomUUID(),
      name: seed.name,
      status: seed.status,
      created_at: createdAt,
      stopped_at: stoppedAt,
      pipeline_id: pipeline.id,
      pipeline_number: pipeline.number,
      project_slug: this.slug,
      started_by: randomUUID(),
    };
    this.jobs.set(
      workflow.id,
      (seed.jobs ?? []).map(j => ({
        id: randomUUID(),
        type: 'build',
        status: 'success',
        started_at: createdAt,
        stopped_at: null,
        dependencies: [],
        project_slug: this.slug,
        ...j,
      })),
    );
    return workflow;
  }

  /** The workflow with this name in the newest pipeline that has one. */
  workflow(name: string): CircleCiWorkflow {
    for (const p of this.pipelines) {
      const w = this.workflows.get(p.id)!.find(x => x.name === name);
      if (w) return w;
    }
    throw new Error(`no workflow ${name}`);
  }

  /** Moves a workflow on (e.g. running → success). */
  finish(workflowId: string, status: CircleCiWorkflow['status']) {
    for (const list of this.workflows.values()) {
      const w = list.find(x => x.id === workflowId);
      if (w) {
        w.status = status;
        w.stopped_at = TERMINAL.has(status) ? this.#tick() : null;
        return w;
      }
    }
    throw new Error(`no workflow ${workflowId}`);
  }

  #page<T>(items: T[], request: Request) {
    const token = new URL(request.url).searchParams.get('page-token');
    const offset = token
      ? Number(Buffer.from(token, 'base64url').toString())
      : 0;
    const next = offset + this.pageSize;
    return HttpResponse.json({
      items: items.slice(offset, next),
      next_page_token:
        next < items.length
          ? Buffer.from(String(next)).toString('base64url')
          : null,
    });
  }

  #seen(request: Request) {
    const url = new URL(request.url);
    this.calls.push(
      `${request.method} ${url.pathname.replace(
        new URL(this.baseUrl).pathname,
        '',
      )}`,
    );
  }

  /** The msw handlers serving this project. */
  handlers() {
    const base = this.baseUrl;
    const notFound = () =>
      HttpResponse.json({ message: 'Not found.' }, { status: 404 });
    return [
      http.get(
        `${base}/project/:vcs/:org/:repo/pipeline`,
        ({ request, params }) => {
          this.#seen(request);
          if (`${params.vcs}/${params.org}/${params.repo}` !== this.slug)
            return notFound();
          const branch = new URL(request.url).searchParams.get('branch');
          const items = this.pipelines.filter(
            p => !branch || p.vcs?.branch === branch,
          );
          return this.#page(items, request);
        },
      ),
      http.get(`${base}/pipeline/:id`, ({ request, params }) => {
        this.#seen(request);
        const p = this.pipelines.find(x => x.id === params.id);
        return p ? HttpResponse.json(p) : notFound();
      }),
      http.get(`${base}/pipeline/:id/workflow`, ({ request, params }) => {
        this.#seen(request);
        const list = this.workflows.get(String(params.id));
        return list ? this.#page(list, request) : notFound();
      }),
      http.get(`${base}/workflow/:id/job`, ({ request, params }) => {
        this.#seen(request);
        const list = this.jobs.get(String(params.id));
        return list ? this.#page(list, request) : notFound();
      }),
    ];
  }
}
