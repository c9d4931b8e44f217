import { CustomErrorBase } from '@backstage/errors';
import type { ContractViolation } from '../contracts/violations';
import type {
  FaultRule,
  RecordedRequest,
  UpstreamFaultOptions,
  UpstreamName,
  UpstreamStats,
} from '../faults';

/**
 * One pipeline as `GET /_sandbox/pipelines` lists it.
 *
 * @public
 */
export interface SandboxPipeline {
  id: string;
  number: number;
  state: string;
  errors: { type: string; message: string }[];
  trigger: string;
  actor: string;
  branch?: string;
  revision: string;
  parameters: Record<string, unknown>;
  workflows: {
    id: string;
    name: string;
    status: string;
    jobs: { name: string; status: string }[];
  }[];
}

/**
 * What `GET /_sandbox/state` reports.
 *
 * @public
 */
export interface SandboxState {
  parked: boolean;
  head: string;
  pipelines: number;
  pulls: {
    number: number;
    head: string;
    base: string;
    state: string;
    title: string;
  }[];
  now: string;
}

/**
 * Latency and queued faults of one upstream, as `GET /_sandbox/faults`
 * reports them.
 *
 * @public
 */
export type SandboxFaults = Required<UpstreamFaultOptions>;

/**
 * What a pipeline's plan job stored, for `POST /_sandbox/circleci/plan`.
 *
 * @public
 */
export interface SandboxPlanOverride {
  /** The summary to serve instead of the one derived from the push. */
  summary?: object;
  /** How old the plan is when served, in milliseconds. */
  ageMs?: number;
  /** The job stored no summary. */
  missing?: boolean;
  /** The stored summary is not JSON. */
  invalid?: boolean;
}

/**
 * A commit in the GitHub stand-in and the pipeline it started.
 *
 * @public
 */
export interface SandboxPushResult {
  commit: string;
  pipeline: { id: string; number: number };
}

/**
 * The admin API refused a request: its status and its message.
 *
 * @public
 */
export class SandboxAdminError extends CustomErrorBase {
  name = 'SandboxAdminError' as const;

  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/**
 * A typed client of the sandbox's admin API (`/_sandbox`), served on every
 * stand-in's port: what tests, end-to-end flows and the benchmark ask of a
 * sandbox running in-process or as a separate process.
 *
 * @public
 */
export class SandboxAdminClient {
  readonly #base: string;

  /**
   * @param url - any stand-in's URL, e.g. `sandbox.circleciUrl` or
   *   `http://127.0.0.1:7010`; only its origin is used.
   */
  constructor(url: string) {
    this.#base = `${new URL(url).origin}/_sandbox`;
  }

  /** The admin API's base URL, `<origin>/_sandbox`. */
  get url(): string {
    return this.#base;
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.#base}${path}`, {
      method,
      headers:
        body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      const text = await response.text();
      let message = text;
      try {
        message = JSON.parse(text).message ?? text;
      } catch {
        // not JSON: the text is the message
      }
      throw new SandboxAdminError(
        `Sandbox ${method} ${this.#base}${path} answered ${
          response.status
        }: ${message}`,
        response.status,
      );
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  /** Park state, the default branch's head, pull requests, the clock. */
  state(): Promise<SandboxState> {
    return this.#call('GET', '/state');
  }

  /** Every pipeline, oldest first, with its parameters and workflows. */
  pipelines(): Promise<SandboxPipeline[]> {
    return this.#call('GET', '/pipelines');
  }

  /** Requests per upstream since the last reset, by operation. */
  stats(): Promise<Record<UpstreamName, UpstreamStats>> {
    return this.#call('GET', '/stats');
  }

  /**
   * The requests each upstream served since the counts were reset, oldest
   * first (the last 1,000 of each).
   */
  requests(): Promise<Record<UpstreamName, RecordedRequest[]>> {
    return this.#call('GET', '/requests');
  }

  /** Zeroes the request counts and empties the request journals. */
  resetStats(): Promise<void> {
    return this.#call('POST', '/stats/reset');
  }

  /** Clears counts, delays, queued faults, violations and plan overrides. */
  reset(): Promise<void> {
    return this.#call('POST', '/reset');
  }

  /** Sets an upstream's delay (when given) and queues its faults. */
  faults(
    upstream: UpstreamName,
    options: UpstreamFaultOptions,
  ): Promise<SandboxFaults> {
    return this.#call('POST', '/faults', { upstream, ...options });
  }

  /**
   * Lets the next `count` (default 1) matching requests be handled (the
   * upstream acts), then answers them with `status`, or drops the
   * connection when no status is given: a 5xx after the write, or an
   * answer lost after it.
   */
  failAfter(
    upstream: UpstreamName,
    rule: Pick<
      FaultRule,
      'method' | 'path' | 'operation' | 'status' | 'count' | 'body'
    >,
  ): Promise<SandboxFaults> {
    return this.faults(upstream, {
      faults: [{ ...rule, after: true, drop: rule.status === undefined }],
    });
  }

  /** What is queued, per upstream. */
  queuedFaults(): Promise<Record<UpstreamName, SandboxFaults>> {
    return this.#call('GET', '/faults');
  }

  /** Clears every upstream's delay and queued faults. */
  clearFaults(): Promise<void> {
    return this.#call('DELETE', '/faults');
  }

  /** Contract violations recorded so far (requests and responses). */
  violations(): Promise<ContractViolation[]> {
    return this.#call('GET', '/violations');
  }

  /** A developer's push: a commit on the branch and its push pipeline. */
  push(
    options: {
      branch?: string;
      message?: string;
      actor?: string;
      files?: Record<string, string>;
    } = {},
  ): Promise<SandboxPushResult> {
    return this.#call('POST', '/push', options);
  }

  /** Merges an open pull request and runs its base's push pipeline. */
  merge(number: number, actor?: string): Promise<SandboxPushResult> {
    return this.#call('POST', '/merge', { number, actor });
  }

  /**
   * A pipeline `actor` started through CircleCI's API on `branch` (default
   * the default branch's head) with `parameters`, without a commit.
   */
  trigger(options: {
    actor: string;
    branch?: string;
    parameters?: Record<string, unknown>;
  }): Promise<{ id: string; number: number }> {
    return this.#call('POST', '/circleci/pipelines', options);
  }

  /** Makes the next `count` runs of a CircleCI job fail. */
  failNext(job: string, count = 1): Promise<void> {
    return this.#call('POST', '/circleci/failures', { job, count });
  }

  /** Sets what a pipeline's plan job stored (by pipeline number). */
  plan(pipeline: number, override: SandboxPlanOverride): Promise<void> {
    return this.#call('POST', '/circleci/plan', { pipeline, ...override });
  }

  /** Adds `count` older synthetic deployer images to ECR. */
  async addImages(
    count: number,
    options: { repositoryName?: string; tagPrefix?: string } = {},
  ): Promise<number> {
    const { added } = await this.#call<{ added: number }>(
      'POST',
      '/ecr/images',
      { count, ...options },
    );
    return added;
  }

  /** Moves a manual clock on; returns the sandbox's new time. */
  async advanceClock(ms: number): Promise<string> {
    const { now } = await this.#call<{ now: string }>(
      'POST',
      '/clock/advance',
      { ms },
    );
    return now;
  }
}
