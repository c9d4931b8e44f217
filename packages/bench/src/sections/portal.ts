import type { EnvironmentImages } from '@rocket-club/plugin-environments-common';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { EcrProbe } from '../portal/ecr';
import { BenchSandbox, SandboxStats, statsDelta } from '../portal/sandbox';
import { summarize } from '../stats';
import {
  counting,
  Delta,
  freshBackend,
  PortalOptions,
  simultaneously,
} from './portalRun';
import { warmMeasurements } from './viewers';

export type { PortalOptions } from './portalRun';

const DEPLOYER_TAG = /^prefect-deployer-3-python3\.12-[0-9a-f]{7,40}$/;

/** A sandbox with a full page of history and `images` tagged images. */
export async function seededSandbox(o: PortalOptions) {
  const sandbox = await BenchSandbox.start({
    repoRoot: o.repoRoot,
    portBase: o.ports.sandboxBase,
    webhookUrl: `http://localhost:${o.ports.backend}/api/events/http/circleci`,
    logFile: resolve(o.outputDir, 'logs', 'sandbox.log'),
  });
  // 9 seeded pipelines + 11 image rebuilds: a full first page (20).
  for (let i = 0; i < 11; i++) {
    await sandbox.triggerPipeline({
      'refresh-prefect-image-mode': true,
      'terraform-prod-mode': false,
    });
  }
  await sandbox.settled();
  const ecr = new EcrProbe(sandbox.ecrUrl);
  const missing = o.images - (await ecr.countTagged());
  if (missing > 0) await sandbox.admin.addImages(missing);
  return {
    sandbox,
    images: await ecr.countTagged(),
    expectedNewest: await ecr.newestTag(DEPLOYER_TAG),
  };
}

/** Waits until the background refresh has listed ECR (`images` / 1000 pages). */
async function refreshDone(
  sandbox: BenchSandbox,
  before: SandboxStats,
  images: number,
) {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const delta = statsDelta(before, await sandbox.admin.stats());
    if (delta.ecr.requests >= Math.ceil(images / 1000)) {
      await sandbox.quiet();
      return statsDelta(before, await sandbox.admin.stats());
    }
    if (Date.now() > deadline) {
      throw new Error('The images refresh never listed ECR');
    }
    await new Promise(r => setTimeout(r, 250));
  }
}

/**
 * The read path over real HTTP, against a sandbox with `upstreamLatencyMs`
 * on CircleCI, GitHub and ECR: `coldRuns` fresh backends timed on their
 * first page view and a cached one; a fresh backend that `viewers` open at
 * once; then on it the warm figures, the naive approach and a bump.
 */
export async function portalBenchmark(o: PortalOptions) {
  mkdirSync(resolve(o.outputDir, 'logs'), { recursive: true });
  const { sandbox, images, expectedNewest } = await seededSandbox(o);
  const running: { stop(): Promise<void> }[] = [sandbox];
  try {
    await sandbox.setLatency(o.upstreamLatencyMs);
    o.log(
      `sandbox: ${images} tagged images, ${o.upstreamLatencyMs} ms latency`,
    );

    const cold = { status: [] as number[], history: [] as number[] };
    const imagesMs = { cold: [] as number[], cached: [] as number[] };
    const startup: number[] = [];
    let coldCalls: Delta | undefined;
    let cachedCalls: Delta | undefined;
    let newestTag: string | undefined;
    let refreshCalls: Delta | undefined;
    for (let run = 1; run <= o.coldRuns; run++) {
      const beforeStart = await sandbox.admin.stats();
      const { backend, client } = await freshBackend(o, sandbox, run);
      // The images refresh runs at start; the first view comes after it,
      // as every view after a backend's first minute does.
      const refreshed = await refreshDone(sandbox, beforeStart, images);
      refreshCalls ??= refreshed;
      // And after the instance has warmed its read path (it does once the
      // refresh has cached the images view), as a load balancer's first
      // request would come a moment after the instance reported ready.
      await backend.waitForLog(/Warmed the read path/);
      startup.push(backend.startupMs);
      try {
        const first = await counting(sandbox, () => client.pageView());
        const second = await counting(sandbox, () => client.pageView());
        cold.status.push(first.value.status);
        cold.history.push(first.value.history);
        imagesMs.cold.push(first.value.images);
        imagesMs.cached.push(second.value.images);
        coldCalls ??= first.calls;
        cachedCalls ??= second.calls;
        const view = await client.json<EnvironmentImages>('/images');
        newestTag = view.images.find(i => i.name === 'deployer')?.newest?.tag;
        o.log(`cold run ${run}: ${first.calls.total} upstream calls`);
      } finally {
        await backend.stop();
      }
    }

    const ready = await freshBackend(o, sandbox, o.coldRuns + 1);
    running.push(ready.backend);
    startup.push(ready.backend.startupMs);
    const crowd = await counting(sandbox, () =>
      simultaneously(o.viewers, () => ready.client.pageView()),
    );
    const warm = await warmMeasurements(ready, sandbox, o);

    return {
      upstreamLatencyMs: o.upstreamLatencyMs,
      backendStartupMs: summarize(startup),
      cold: {
        runs: o.coldRuns,
        status: summarize(cold.status),
        history: summarize(cold.history),
        upstreamCallsFirstView: coldCalls!,
      },
      warm: warm.warm,
      ecr: {
        images,
        expectedCalls: Math.ceil(images / 1000),
        // ECR is read by the background refresh at start, not by a view.
        coldCalls: refreshCalls!.ecr.requests,
        coldViewCalls: coldCalls!.ecr.requests,
        coldImagesEndpoint: summarize(imagesMs.cold),
        cachedCalls: cachedCalls!.ecr.requests,
        cachedImagesEndpoint: summarize(imagesMs.cached),
        newestTag,
        expectedNewestTag: expectedNewest,
      },
      viewers: {
        count: o.viewers,
        ours: {
          coldCalls: crowd.calls.total,
          coldByUpstream: {
            circleci: crowd.calls.circleci.requests,
            github: crowd.calls.github.requests,
            ecr: crowd.calls.ecr.requests,
          },
          coldViewMs: summarize(crowd.value),
          ...warm.ours,
        },
        naive: warm.naive,
      },
      bump: warm.bump,
    };
  } finally {
    for (const s of running.reverse()) await s.stop();
  }
}

/** What {@link portalBenchmark} returns. */
export type PortalResult = Awaited<ReturnType<typeof portalBenchmark>>;
