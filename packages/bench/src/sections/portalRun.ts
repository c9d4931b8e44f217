import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BenchBackend, BenchPorts, PortalClient } from '../portal/backend';
import { BenchSandbox, statsDelta } from '../portal/sandbox';
import { timed } from '../stats';

/** Options of the portal part of the benchmark. */
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

/** Upstream requests between two sandbox snapshots. */
export type Delta = ReturnType<typeof statsDelta>;

/** A started backend, signed in as the guest, its first sync done. */
export interface ReadyBackend {
  backend: BenchBackend;
  client: PortalClient;
  token: string;
}

/** Starts a backend and waits until its catalog and first sync are done. */
export async function freshBackend(
  o: PortalOptions,
  sandbox: BenchSandbox,
  run: number | string,
  extra: { extraConfig?: object; nodeArgs?: string[] } = {},
): Promise<ReadyBackend> {
  const backend = await BenchBackend.start({
    repoRoot: o.repoRoot,
    outputDir: o.outputDir,
    ports: o.ports,
    logFile: resolve(o.outputDir, 'logs', `backend-${run}.log`),
    ...extra,
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
export async function counting<T>(
  sandbox: BenchSandbox,
  fn: () => Promise<T>,
): Promise<{ value: T; calls: Delta }> {
  const before = await sandbox.admin.stats();
  const value = await fn();
  await sleep(100); // let stragglers land
  return { value, calls: statsDelta(before, await sandbox.admin.stats()) };
}

/** Runs `n` copies of `fn` at once; returns each one's time. */
export async function simultaneously(
  n: number,
  fn: () => Promise<unknown>,
): Promise<number[]> {
  return Promise.all(
    Array.from({ length: n }, async () => (await timed(fn)).ms),
  );
}
