import {
  SandboxAdminClient,
  UpstreamName,
  UpstreamStats,
} from '@rocket-club/sandbox';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Spawned, spawnLogged, waitForUrl } from '../processes';

/** Request counts per upstream, as `GET /_sandbox/stats` gives them. */
export type SandboxStats = Record<UpstreamName, UpstreamStats>;

/** The upstreams the backend calls (the endpoints are probes, not reads). */
export const READ_UPSTREAMS = ['circleci', 'github', 'ecr'] as const;

/** Requests per upstream between two snapshots. */
export function statsDelta(before: SandboxStats, after: SandboxStats) {
  const delta = (u: keyof SandboxStats) => ({
    requests: after[u].requests - before[u].requests,
    byOperation: Object.fromEntries(
      Object.entries(after[u].byOperation)
        .map(([op, n]) => [op, n - (before[u].byOperation[op] ?? 0)])
        .filter(([, n]) => (n as number) > 0),
    ) as Record<string, number>,
  });
  return {
    circleci: delta('circleci'),
    github: delta('github'),
    ecr: delta('ecr'),
    total: READ_UPSTREAMS.reduce(
      (sum, u) => sum + after[u].requests - before[u].requests,
      0,
    ),
  };
}

/** The sandbox as a separate process, on `portBase`..`portBase + 3`. */
export class BenchSandbox {
  /** The sandbox's admin API. */
  readonly admin: SandboxAdminClient;

  private constructor(readonly process: Spawned, readonly portBase: number) {
    this.admin = new SandboxAdminClient(this.circleciUrl);
  }

  get circleciUrl() {
    return `http://127.0.0.1:${this.portBase}/api/v2`;
  }
  get githubUrl() {
    return `http://127.0.0.1:${this.portBase + 1}`;
  }
  get ecrUrl() {
    return `http://127.0.0.1:${this.portBase + 2}`;
  }
  /** Starts `packages/sandbox` with fast jobs and webhooks to `webhookUrl`. */
  static async start(options: {
    repoRoot: string;
    portBase: number;
    webhookUrl: string;
    logFile: string;
  }): Promise<BenchSandbox> {
    const sandboxDir = resolve(options.repoRoot, 'packages/sandbox');
    const child = spawnLogged(
      'sandbox',
      process.execPath,
      [
        '-r',
        '@backstage/cli/config/nodeTransform.cjs',
        'dev/index.ts',
        '--port-base',
        String(options.portBase),
        '--step-ms',
        '200',
        '--webhook-url',
        options.webhookUrl,
      ],
      { cwd: sandboxDir, logFile: options.logFile },
    );
    const sandbox = new BenchSandbox(child, options.portBase);
    await waitForUrl(`${sandbox.admin.url}/state`, child, 120_000);
    return sandbox;
  }

  /** Latency added to every request of the backend's read upstreams. */
  async setLatency(delayMs: number) {
    for (const upstream of READ_UPSTREAMS) {
      await this.admin.faults(upstream, { delayMs });
    }
  }

  /** Waits until no workflow runs or holds (webhooks then delivered). */
  async settled(timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    const busy = ['running', 'on_hold', 'failing', 'not_run'];
    while (Date.now() < deadline) {
      const all = await this.admin.pipelines();
      if (!all.some(p => p.workflows.some(w => busy.includes(w.status))))
        return;
      await sleep(200);
    }
    throw new Error('Sandbox pipelines did not settle');
  }

  /** Waits until the counts stop moving for `quietMs` (a sync finished). */
  async quiet(quietMs = 1500, timeoutMs = 120_000) {
    const deadline = Date.now() + timeoutMs;
    let last = JSON.stringify(await this.admin.stats());
    let since = Date.now();
    while (Date.now() < deadline) {
      await sleep(250);
      const now = JSON.stringify(await this.admin.stats());
      if (now !== last) {
        last = now;
        since = Date.now();
      } else if (Date.now() - since >= quietMs) {
        return;
      }
    }
    throw new Error('The backend kept calling the sandbox');
  }

  /** Triggers a pipeline in the CircleCI stand-in directly. */
  async triggerPipeline(parameters: Record<string, boolean>) {
    const response = await fetch(
      `${this.circleciUrl}/project/gh/rlhatcher/rocket-club/pipeline`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'circle-token': 'sandbox-circleci-token',
        },
        body: JSON.stringify({ branch: 'main', parameters }),
      },
    );
    if (response.status !== 201) {
      throw new Error(
        `Trigger failed: ${response.status} ${await response.text()}`,
      );
    }
  }

  async stop() {
    await this.process.stop();
  }
}
