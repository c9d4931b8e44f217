import type {
  EnvironmentImages,
  OperationResult,
} from '@rocket-club/plugin-environments-common';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BenchBackend, BenchPorts, PortalClient } from '../portal/backend';
import { EcrProbe } from '../portal/ecr';
import { NaiveCircleCiViewer } from '../portal/naive';
import { BenchSandbox, statsDelta } from '../portal/sandbox';
import { LatencySummary, summarize, timed, timeSequential } from '../stats';

/** Options of {@link portalBenchmark}. */
export interface PortalOptions {
  repoRoot: string;
  outputDir: string;
  ports: BenchPorts;
  upstreamLatencyMs: number;
  /** Fresh backends whose first page view is timed. */
  coldRuns: number;
  warmRequests: number;
  viewers: number;
  images: number;
  log: (line: string) => void;
}

type Delta = ReturnType<typeof statsDelta>;

const DEPLOYER_TAG = /^prefect-deployer-3-python3\.12-[0-9a-f]{7,40}$/;

/** Starts a backend and waits until its catalog and first sync are done. */
async function freshBackend(
  o: PortalOptions,
  sandbox: BenchSandbox,
  run: number,
) {
  const backend = await BenchBackend.start({
    repoRoot: o.repoRoot,
    outputDir: o.outputDir,
    ports: o.ports,
    logFile: resolve(o.outputDir, 'logs', `backend-${run}.log`),
  });
  // The catalog must know prod and the guest (and so the guest's group)
  // before the guest signs in: ownership goes into the token.
  const probe = await backend.guestToken();
  for (const ref of ['resource/default/prod', 'user/default/guest']) {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const response = await fetch(
        `${backend.baseUrl}/api/catalog/entities/by-name/${ref}`,
        { headers: { authorization: `Bearer ${probe}` } },
      );
      if (response.ok) break;
      if (Date.now() > deadline) throw new Error(`Catalog never had ${ref}`);
      await sleep(250);
    }
  }
  const token = await backend.guestToken();
  await sandbox.quiet(); // the first CircleCI sync has finished
  return { backend, client: new PortalClient(backend.baseUrl, token), token };
}

/** Runs `fn` and returns the upstream requests it caused. */
async function counting<T>(sandbox: BenchSandbox, fn: () => Promise<T>) {
  const before = await sandbox.stats();
  const value = await fn();
  await sleep(100); // let stragglers land
  return { value, calls: statsDelta(before, await sandbox.stats()) };
}

/** Runs `n` copies of `fn` at once; returns each one's time. */
async function simultaneously(n: number, fn: () => Promise<unknown>) {
  return Promise.all(
    Array.from({ length: n }, async () => (await timed(fn)).ms),
  );
}

/**
 * The read path over real HTTP: a sandbox with `upstreamLatencyMs` on
 * CircleCI, GitHub and ECR and `images` tagged images, `coldRuns` fresh
 * backends timed on their first page view, then on the last backend the
 * warm series, simultaneous viewers against the naive approach, and the
 * GitHub calls of a bump.
 */
export async function portalBenchmark(o: PortalOptions) {
  mkdirSync(resolve(o.outputDir, 'logs'), { recursive: true });
  const sandbox = await BenchSandbox.start({
    repoRoot: o.repoRoot,
    portBase: o.ports.sandboxBase,
    webhookUrl: `http://localhost:${o.ports.backend}/api/events/http/circleci`,
    logFile: resolve(o.outputDir, 'logs', 'sandbox.log'),
  });
  const started: { stop(): Promise<void> }[] = [sandbox];
  try {
    // A full first page of history (20 pipelines) and `images` images.
    for (let i = 0; i < 11; i++) {
      await sandbox.triggerPipeline({
        'refresh-prefect-image-mode': true,
        'terraform-prod-mode': false,
      });
    }
    await sandbox.settled();
    const ecr = new EcrProbe(sandbox.ecrUrl);
    await sandbox.addImages(o.images - (await ecr.countTagged()));
    const imageCount = await ecr.countTagged();
    const expectedNewest = await ecr.newestTag(DEPLOYER_TAG);
    await sandbox.setLatency(o.upstreamLatencyMs);
    o.log(
      `sandbox ready: ${imageCount} tagged images, ${o.upstreamLatencyMs} ms latency`,
    );

    // Cold: the first page view of each fresh backend, then a cached one.
    const startup: number[] = [];
    const cold = {
      status: [] as number[],
      history: [] as number[],
      images: [] as number[],
    };
    const cachedImages: number[] = [];
    let coldCalls: Delta | undefined;
    let cachedCalls: Delta | undefined;
    let newestTag: string | undefined;
    for (let run = 1; run <= o.coldRuns; run++) {
      const { backend, client } = await freshBackend(o, sandbox, run);
      startup.push(backend.startupMs);
      try {
        const first = await counting(sandbox, () => client.pageView());
        cold.status.push(first.value.status);
        cold.history.push(first.value.history);
        cold.images.push(first.value.images);
        coldCalls ??= first.calls;
        const second = await counting(sandbox, () => client.pageView());
        cachedImages.push(second.value.images);
        cachedCalls ??= second.calls;
        const images = await client.json<EnvironmentImages>('/images');
        newestTag = images.images.find(i => i.name === 'deployer')?.newest?.tag;
        o.log(
          `cold run ${run}: ${JSON.stringify(first.value)} ms, ${
            first.calls.total
          } upstream calls`,
        );
      } finally {
        await backend.stop();
      }
    }

    // 50 viewers open the page of a fresh backend at the same moment.
    const { backend, client, token } = await freshBackend(
      o,
      sandbox,
      o.coldRuns + 1,
    );
    started.push(backend);
    startup.push(backend.startupMs);
    const coldCrowd = await counting(sandbox, () =>
      simultaneously(o.viewers, () => client.pageView()),
    );

    // Warm: one viewer, one request after the other.
    const warm = await counting(sandbox, async () => ({
      status: await timeSequential(o.warmRequests, () => client.get('')),
      history: await timeSequential(o.warmRequests, () =>
        client.get('/deployments?limit=20'),
      ),
    }));
    // For scale: a plain catalog read through the same auth, same backend.
    const catalogRead = await timeSequential(o.warmRequests, async () => {
      const response = await fetch(
        `${backend.baseUrl}/api/catalog/entities/by-name/resource/default/prod`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      await response.text();
      if (!response.ok) throw new Error(`catalog read: ${response.status}`);
    });
    const warmCrowd = await counting(sandbox, () =>
      simultaneously(o.viewers, () => client.pageView()),
    );

    // The naive approach, same sandbox, same moment, same viewers.
    const naiveViewers = Array.from(
      { length: o.viewers },
      () =>
        new NaiveCircleCiViewer(
          `${backend.baseUrl}/api/proxy/circleci/api`,
          token,
        ),
    );
    let pipelinesPerPage = 0;
    const naive = await counting(sandbox, () =>
      Promise.all(
        naiveViewers.map(async v => {
          const { value, ms } = await timed(() => v.pageView());
          pipelinesPerPage = value;
          return ms;
        }),
      ),
    );
    const naiveSent = naiveViewers.reduce((sum, v) => sum + v.requests, 0);

    // GitHub (and ECR) calls of one bump: dry run, then for real.
    const bump = async (dryRun: boolean) =>
      counting(sandbox, () =>
        client.json<OperationResult>('/images/deployer/bump', {
          method: 'POST',
          body: JSON.stringify({ dryRun }),
        }),
      );
    const dryRun = await bump(true);
    const real = await bump(false);

    const perView = (calls: number) => calls / o.viewers;
    return {
      upstreamLatencyMs: o.upstreamLatencyMs,
      backendStartupMs: summarize(startup),
      cold: {
        runs: o.coldRuns,
        status: summarize(cold.status),
        history: summarize(cold.history),
        images: summarize(cold.images),
        upstreamCallsFirstView: coldCalls!,
      },
      warm: {
        requests: o.warmRequests,
        status: summarize(warm.value.status),
        history: summarize(warm.value.history),
        upstreamCalls: warm.calls.total,
        catalogEntityBaseline: summarize(catalogRead),
      },
      ecr: {
        images: imageCount,
        expectedCalls: Math.ceil(imageCount / 1000),
        coldCalls: coldCalls!.ecr.requests,
        coldImagesEndpoint: summarize(cold.images),
        cachedCalls: cachedCalls!.ecr.requests,
        cachedImagesEndpoint: summarize(cachedImages),
        newestTag,
        expectedNewestTag: expectedNewest,
      },
      viewers: {
        count: o.viewers,
        ours: {
          coldCalls: coldCrowd.calls.total,
          coldByUpstream: {
            circleci: coldCrowd.calls.circleci.requests,
            github: coldCrowd.calls.github.requests,
            ecr: coldCrowd.calls.ecr.requests,
          },
          coldViewMs: summarize(coldCrowd.value),
          warmCalls: warmCrowd.calls.total,
          warmCallsPerView: perView(warmCrowd.calls.total),
          warmViewMs: summarize(warmCrowd.value),
        },
        naive: {
          pipelinesPerPage,
          requestsSent: naiveSent,
          upstreamCalls: naive.calls.total,
          callsPerView: perView(naive.calls.total),
          viewMs: summarize(naive.value),
        },
      },
      bump: {
        dryRun: {
          github: dryRun.calls.github.requests,
          ecr: dryRun.calls.ecr.requests,
        },
        real: {
          github: real.calls.github.requests,
          ecr: real.calls.ecr.requests,
          byOperation: real.calls.github.byOperation,
          pullRequest: real.value.pullRequest?.url,
        },
      },
    };
  } finally {
    for (const s of started.reverse()) await s.stop();
  }
}

/** What {@link portalBenchmark} returns. */
export type PortalResult = Awaited<ReturnType<typeof portalBenchmark>>;
export type { LatencySummary };
