import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { freePort, startPostgres } from '../postgres';
import { BenchSandbox, statsDelta } from '../portal/sandbox';
import {
  processCpuMs,
  ProfileSummary,
  startProfiling,
  summarizeProfile,
} from '../scale/profile';
import { throughput, ThroughputSummary, viewerGet } from '../scale/load';
import { startProxyProcess } from '../scale/proxy';
import { startRedis } from '../scale/redis';
import { seededSandbox } from './portal';
import { freshBackend, PortalOptions, ReadyBackend } from './portalRun';

/** Options of {@link scaleBenchmark}. */
export interface ScaleOptions extends PortalOptions {
  /** Viewer counts, e.g. [50, 200]. */
  crowd: number[];
  /** Requests per viewer, one after the other. */
  perViewer: number;
  /** Profile the one instance's warm status run at the first viewer count. */
  profile: boolean;
  /** Shared database and cache for the instances; absent: one instance only. */
  shared?: { postgresUrl: string; redisUrl: string };
  sharedSkipped?: string;
}

const ENDPOINTS = {
  status: '/api/environments/environments/prod',
  history: '/api/environments/environments/prod/deployments?limit=20',
  images: '/api/environments/environments/prod/images',
  catalogByName: '/api/catalog/entities/by-name/resource/default/prod',
} as const;

/** One endpoint's figures at one viewer count. */
export interface CrowdRun extends ThroughputSummary {
  endpoint: keyof typeof ENDPOINTS | 'statusRevalidated';
  /** Backend CPU per request (all instances, from /proc). */
  cpuMsPerRequest?: number;
}

/** What one deployment shape (one or two instances) measured. */
export interface ShapeResult {
  instances: number;
  runs: CrowdRun[];
  /** Upstream requests per minute over the measured phase, in total. */
  upstreamPerMinute: { circleci: number; github: number; ecr: number };
  minutes: number;
  /** Requests each instance answered (through the proxy). */
  perInstance?: number[];
  profile?: ProfileSummary;
}

async function crowdRuns(
  o: ScaleOptions,
  baseUrl: string,
  token: string,
  pids: number[],
  profileInspectPort?: number,
) {
  const runs: CrowdRun[] = [];
  let profile: ProfileSummary | undefined;
  const cpu = () =>
    pids.reduce((sum, pid) => sum + (processCpuMs(pid) ?? 0), 0);
  for (const viewers of o.crowd) {
    const plan: [CrowdRun['endpoint'], string, boolean][] = [
      ['catalogByName', ENDPOINTS.catalogByName, false],
      ['status', ENDPOINTS.status, false],
      ['statusRevalidated', ENDPOINTS.status, true],
      ['history', ENDPOINTS.history, false],
      ['images', ENDPOINTS.images, false],
    ];
    for (const [endpoint, path, revalidate] of plan) {
      const profiling =
        profileInspectPort && !profile && endpoint === 'status'
          ? await startProfiling(profileInspectPort)
          : undefined;
      const cpuBefore = cpu();
      const result = await throughput(
        viewers,
        o.perViewer,
        viewerGet(`${baseUrl}${path}`, token, { revalidate }),
      );
      const cpuMs = cpu() - cpuBefore;
      if (profiling) {
        const raw = await profiling.stop();
        mkdirSync(resolve(o.outputDir, 'profiles'), { recursive: true });
        writeFileSync(
          resolve(
            o.outputDir,
            'profiles',
            `status-${viewers}-viewers.cpuprofile`,
          ),
          JSON.stringify(raw),
        );
        profile = summarizeProfile(raw, result.requests);
      }
      runs.push({
        endpoint,
        ...result,
        cpuMsPerRequest:
          cpuMs > 0
            ? Math.round((cpuMs / result.requests) * 100) / 100
            : undefined,
      });
      o.log(
        `${pids.length} instance(s), ${viewers} viewers, ${endpoint}: ${result.requestsPerSecond} req/s, p95 ${result.latency.p95} ms`,
      );
    }
  }
  return { runs, profile };
}

async function measured(
  sandbox: BenchSandbox,
  fn: () => Promise<Omit<ShapeResult, 'upstreamPerMinute' | 'minutes'>>,
): Promise<ShapeResult> {
  const before = await sandbox.admin.stats();
  const started = Date.now();
  const value = await fn();
  const minutes = (Date.now() - started) / 60_000;
  const d = statsDelta(before, await sandbox.admin.stats());
  const perMinute = (n: number) => Math.round((n / minutes) * 10) / 10;
  return {
    ...value,
    minutes: Math.round(minutes * 100) / 100,
    upstreamPerMinute: {
      circleci: perMinute(d.circleci.requests),
      github: perMinute(d.github.requests),
      ecr: perMinute(d.ecr.requests),
    },
  };
}

/**
 * The scale part's overlay: the scheduled tasks at a cadence that fits the
 * measured minutes (to count upstream calls per minute), and, when there
 * is one, every instance on one PostgreSQL and one Redis.
 */
export function scaleConfig(shared: ScaleOptions['shared'], prefix: string) {
  // `minutes: 0` replaces the portal overlay's minutes (config merges).
  const every = (seconds: number) => ({
    frequency: { minutes: 0, seconds },
    timeout: { minutes: 1 },
  });
  const environments = {
    ingestion: { schedule: every(10) },
    images: { schedule: every(30) },
    cache: { ecrTtl: { seconds: 30 }, githubTtl: { seconds: 30 } },
  };
  if (!shared) return { environments };
  return {
    environments,
    backend: {
      database: {
        client: 'pg',
        connection: shared.postgresUrl,
        prefix,
      },
      cache: { store: 'redis', connection: shared.redisUrl },
    },
  };
}

/**
 * Throughput of warm reads under crowds of viewers, on one instance and
 * on two behind a round-robin proxy (sharing PostgreSQL and Redis), with
 * the catalog's own by-name read as the yardstick in the same run.
 */
export async function scaleBenchmark(o: ScaleOptions, sandbox: BenchSandbox) {
  const prefix = `bench_${Date.now().toString(36)}_`;
  const extraConfig = scaleConfig(o.shared, prefix);
  const running: ReadyBackend[] = [];
  try {
    const inspectPort = o.profile ? await freePort() : undefined;
    const a = await freshBackend(o, sandbox, 1, {
      extraConfig,
      nodeArgs: inspectPort ? [`--inspect=127.0.0.1:${inspectPort}`] : [],
    });
    running.push(a);
    await a.client.pageView(); // warm
    const one = await measured(sandbox, async () => ({
      instances: 1,
      ...(await crowdRuns(
        o,
        a.backend.baseUrl,
        a.token,
        [a.backend.process.pid],
        inspectPort,
      )),
    }));
    if (!o.shared) return { one, twoSkipped: o.sharedSkipped };

    const b = await freshBackend(
      { ...o, ports: { ...o.ports, backend: o.ports.backend + 1 } },
      sandbox,
      2,
      { extraConfig },
    );
    running.push(b);
    const proxy = await startProxyProcess(
      [a.backend.baseUrl, b.backend.baseUrl],
      resolve(o.outputDir, 'logs', 'proxy.log'),
    );
    try {
      const started = await b.client.get('/images');
      const two = await measured(sandbox, async () => {
        const { runs } = await crowdRuns(o, proxy.url, a.token, [
          a.backend.process.pid,
          b.backend.process.pid,
        ]);
        return { instances: 2, runs, perInstance: await proxy.counts() };
      });
      return { one, two, secondInstanceFirstImagesViewMs: started };
    } finally {
      await proxy.stop();
    }
  } finally {
    for (const r of running.reverse()) await r.backend.stop();
  }
}

/**
 * The scale part on its own seeded sandbox, with a throwaway PostgreSQL and
 * Redis when they can be had (else one instance only, and the reason).
 * Samples the machine's load average every 5 s while it runs.
 */
export async function scaleOnSandbox(
  o: Omit<ScaleOptions, 'shared' | 'sharedSkipped'> & { instances: number },
) {
  const load: number[][] = [];
  const sampler = setInterval(() => load.push(loadavg()), 5000);
  mkdirSync(resolve(o.outputDir, 'logs'), { recursive: true });
  const { sandbox } = await seededSandbox(o);
  const stops: (() => unknown)[] = [() => sandbox.stop()];
  try {
    await sandbox.setLatency(o.upstreamLatencyMs);
    const pg: Awaited<ReturnType<typeof startPostgres>> =
      o.instances === 1 ? { skipped: '--instances 1' } : await startPostgres();
    if (!('skipped' in pg)) stops.push(() => pg.stop());
    const redis: Awaited<ReturnType<typeof startRedis>> =
      o.instances === 1 ? { skipped: '--instances 1' } : await startRedis();
    if (!('skipped' in redis)) stops.push(() => redis.stop());
    const skipped = [pg, redis]
      .map(s => ('skipped' in s ? s.skipped : undefined))
      .filter(Boolean)
      .join('; ');
    if (skipped) o.log(`SKIPPING two instances: ${skipped}`);
    const result = await scaleBenchmark(
      {
        ...o,
        shared:
          'skipped' in pg || 'skipped' in redis
            ? undefined
            : { postgresUrl: pg.connectionString, redisUrl: redis.url },
        sharedSkipped: skipped || undefined,
      },
      sandbox,
    );
    const round = (v: number) => Math.round(v * 100) / 100;
    return {
      ...result,
      loadAverage: {
        samples: load.length,
        oneMinuteMax: round(Math.max(...load.map(l => l[0]))),
        oneMinuteMean: round(load.reduce((s, l) => s + l[0], 0) / load.length),
      },
    };
  } finally {
    clearInterval(sampler);
    for (const stop of stops.reverse()) await stop();
  }
}

/** What the scale part measured. */
export type ScaleResult = Awaited<ReturnType<typeof scaleOnSandbox>>;
