import { APIRequestContext, expect } from '@playwright/test';

/** The sandbox's admin API (served on every stand-in's port). */
export const SANDBOX_ADMIN = 'http://127.0.0.1:7010/_sandbox';
/** The GitHub stand-in's REST API for the seeded repository. */
export const GITHUB_REPO_API =
  'http://127.0.0.1:7011/repos/rlhatcher/rocket-club';

/** One pipeline as `GET /_sandbox/pipelines` lists it. */
export interface SandboxPipeline {
  id: string;
  number: number;
  state: string;
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

/** Request counts of one upstream. */
export interface UpstreamStats {
  requests: number;
  faulted: number;
  byOperation: Record<string, number>;
}

/** A file of a GitHub compare. */
export interface ComparedFile {
  filename: string;
  status: string;
  additions: number;
  deletions: number;
  patch?: string;
}

async function json<T>(
  response: Awaited<ReturnType<APIRequestContext['get']>>,
): Promise<T> {
  if (!response.ok()) {
    throw new Error(
      `${response.url()} answered ${response.status()}: ${await response.text()}`,
    );
  }
  return (await response.json()) as T;
}

/**
 * What the flows ask of the sandbox: its state, its pipelines, request
 * counts, faults, a simulated push, and its GitHub stand-in's pull requests.
 */
export class SandboxAdmin {
  constructor(private readonly request: APIRequestContext) {}

  async state(): Promise<{
    parked: boolean;
    head: string;
    pulls: { number: number; head: string; base: string; state: string }[];
  }> {
    return json(await this.request.get(`${SANDBOX_ADMIN}/state`));
  }

  async pipelines(): Promise<SandboxPipeline[]> {
    return json(await this.request.get(`${SANDBOX_ADMIN}/pipelines`));
  }

  async stats(): Promise<Record<string, UpstreamStats>> {
    return json(await this.request.get(`${SANDBOX_ADMIN}/stats`));
  }

  async resetStats(): Promise<void> {
    expect(
      (await this.request.post(`${SANDBOX_ADMIN}/stats/reset`)).status(),
    ).toBe(204);
  }

  /** Queues faults (and a delay) for one upstream. */
  async inject(
    upstream: 'circleci' | 'github' | 'ecr' | 'endpoints',
    options: {
      delayMs?: number;
      faults?: {
        method?: string;
        path?: string;
        /** Omitted with `delayMs` / `holdMs`: the request is handled. */
        status?: number;
        /** Handle it, and answer this late. */
        delayMs?: number;
        /** Hold it this long, then handle it (even if the caller gave up). */
        holdMs?: number;
        retryAfter?: number;
        count?: number;
      }[];
    },
  ): Promise<void> {
    await json(
      await this.request.post(`${SANDBOX_ADMIN}/faults`, {
        data: { upstream, ...options },
      }),
    );
  }

  async queuedFaults(): Promise<Record<string, { faults: unknown[] }>> {
    return json(await this.request.get(`${SANDBOX_ADMIN}/faults`));
  }

  async clearFaults(): Promise<void> {
    expect(
      (await this.request.delete(`${SANDBOX_ADMIN}/faults`)).status(),
    ).toBe(204);
  }

  /** Contract violations recorded so far (requests and responses). */
  async violations(): Promise<unknown[]> {
    return json(await this.request.get(`${SANDBOX_ADMIN}/violations`));
  }

  /** A developer's push to main: a commit and its push pipeline. */
  async push(
    message: string,
    actor = 'e2e-developer',
    files?: Record<string, string>,
  ): Promise<{ commit: string; pipeline: { id: string; number: number } }> {
    return json(
      await this.request.post(`${SANDBOX_ADMIN}/push`, {
        data: { message, actor, files },
      }),
    );
  }

  /** Sets a pipeline's plan summary (the plan job's artifact). */
  async setPlanSummary(pipeline: number, summary: object): Promise<void> {
    const response = await this.request.post(`${SANDBOX_ADMIN}/circleci/plan`, {
      data: { pipeline, summary },
    });
    expect(response.status()).toBe(204);
  }

  /** Makes the next `count` runs of a CircleCI job fail. */
  async failNext(job: string, count = 1): Promise<void> {
    const response = await this.request.post(
      `${SANDBOX_ADMIN}/circleci/failures`,
      { data: { job, count } },
    );
    expect(response.status()).toBe(204);
  }

  /** The files a pull request's head changes against its base. */
  async pullRequestFiles(number: number): Promise<ComparedFile[]> {
    const headers = { authorization: 'token sandbox-github-token' };
    const pull = await json<{ head: { ref: string }; base: { ref: string } }>(
      await this.request.get(`${GITHUB_REPO_API}/pulls/${number}`, {
        headers,
      }),
    );
    const compare = await json<{ files: ComparedFile[] }>(
      await this.request.get(
        `${GITHUB_REPO_API}/compare/${pull.base.ref}...${pull.head.ref}`,
        { headers },
      ),
    );
    return compare.files;
  }
}
