import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';
import { Spawned, spawnLogged, waitForUrl } from '../processes';
import { timed } from '../stats';

/** Ports of one benchmark run. */
export interface BenchPorts {
  backend: number;
  /** The sandbox's first port: CircleCI, then GitHub, ECR, endpoints. */
  sandboxBase: number;
}

/**
 * The overlay on app-config.yaml for the benchmark's backend: its own ports
 * and sandbox, background sync and probes out of the measurement windows
 * (webhooks still keep it current), and the proxy route the usual CircleCI
 * plugin reads through.
 */
export function benchConfig(ports: BenchPorts) {
  const base = `http://localhost:${ports.backend}`;
  const upstream = (i: number) => `http://localhost:${ports.sandboxBase + i}`;
  return {
    backend: { baseUrl: base, listen: { port: ports.backend } },
    integrations: {
      github: [
        {
          host: 'github.com',
          apiBaseUrl: upstream(1),
          token: 'sandbox-github-token',
        },
      ],
    },
    environments: {
      circleci: {
        baseUrl: `${upstream(0)}/api/v2`,
        appBaseUrl: `${upstream(0)}/app`,
      },
      ecr: { endpoint: upstream(2) },
      ingestion: {
        schedule: { frequency: { minutes: 30 }, timeout: { minutes: 2 } },
      },
      probes: {
        schedule: { frequency: { minutes: 30 }, timeout: { seconds: 30 } },
      },
      // At once on start, so that a fresh backend's first view is served
      // from the refreshed cache, as in production after its first minute.
      images: {
        schedule: { frequency: { minutes: 30 }, timeout: { minutes: 2 } },
      },
      definitions: {
        prod: {
          endpoints: {
            portal: { url: `${upstream(3)}/portal/health` },
            pipelines: { url: `${upstream(3)}/pipelines/health` },
          },
        },
      },
    },
    proxy: {
      endpoints: {
        '/circleci/api': {
          target: `${upstream(0)}/api/v2`,
          headers: { 'Circle-Token': 'sandbox-circleci-token' },
        },
      },
    },
  };
}

/** A running `packages/backend` with app-config.yaml plus the overlay. */
export class BenchBackend {
  private constructor(
    readonly process: Spawned,
    readonly baseUrl: string,
    readonly startupMs: number,
    /** Where this start's lines begin in the (appended) log file. */
    private readonly logOffset: number,
  ) {}

  static async start(options: {
    repoRoot: string;
    outputDir: string;
    ports: BenchPorts;
    logFile: string;
    /** More config, e.g. a shared database and cache (merged last). */
    extraConfig?: object;
    /** Node flags, e.g. `--inspect=127.0.0.1:<port>` to profile. */
    nodeArgs?: string[];
  }): Promise<BenchBackend> {
    const overlay = resolve(
      options.outputDir,
      `app-config.bench-${options.ports.backend}.yaml`,
    );
    writeFileSync(overlay, stringify(benchConfig(options.ports)));
    const extra = resolve(
      options.outputDir,
      `app-config.bench-${options.ports.backend}-extra.yaml`,
    );
    writeFileSync(extra, stringify(options.extraConfig ?? {}));
    const baseUrl = `http://localhost:${options.ports.backend}`;
    const logOffset = existsSync(options.logFile)
      ? statSync(options.logFile).size
      : 0;
    const { value: child, ms } = await timed(async () => {
      const spawned = spawnLogged(
        'backend',
        process.execPath,
        [
          ...(options.nodeArgs ?? []),
          '-r',
          '@backstage/cli/config/nodeTransform.cjs',
          'src/index.ts',
          '--config',
          resolve(options.repoRoot, 'app-config.yaml'),
          '--config',
          overlay,
          '--config',
          extra,
        ],
        {
          cwd: resolve(options.repoRoot, 'packages/backend'),
          // As `yarn start backend` runs it (no file watching).
          env: { NODE_ENV: 'development' },
          logFile: options.logFile,
        },
      );
      await waitForUrl(
        `${baseUrl}/.backstage/health/v1/readiness`,
        spawned,
        240_000,
      );
      return spawned;
    });
    return new BenchBackend(child, baseUrl, ms, logOffset);
  }

  /** A guest's token (the guest owns `prod` through platform-team). */
  async guestToken(): Promise<string> {
    const response = await fetch(`${this.baseUrl}/api/auth/guest/refresh`);
    if (!response.ok) {
      throw new Error(`Guest sign-in failed: ${response.status}`);
    }
    const body = await response.json();
    return body.backstageIdentity.token;
  }

  /** Waits until this start has logged a line matching `pattern`. */
  async waitForLog(pattern: RegExp, timeoutMs = 180_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = readFileSync(this.process.logFile).subarray(this.logOffset);
      if (pattern.test(text.toString('utf8'))) return;
      if (Date.now() > deadline) {
        throw new Error(`The backend never logged ${pattern}`);
      }
      await sleep(100);
    }
  }

  async stop() {
    await this.process.stop();
  }
}

/** Calls the environments REST API as one signed-in viewer. */
export class PortalClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** GET `/api/environments/environments/prod<path>`; returns the time. */
  async get(path: string): Promise<number> {
    const { ms } = await timed(async () => {
      const response = await fetch(
        `${this.baseUrl}/api/environments/environments/prod${path}`,
        { headers: { authorization: `Bearer ${this.token}` } },
      );
      const text = await response.text();
      if (!response.ok) {
        throw new Error(`GET ${path}: ${response.status} ${text}`);
      }
    });
    return ms;
  }

  async json<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await fetch(
      `${this.baseUrl}/api/environments/environments/prod${path}`,
      {
        ...init,
        headers: {
          authorization: `Bearer ${this.token}`,
          'content-type': 'application/json',
        },
      },
    );
    const text = await response.text();
    if (!response.ok) {
      throw new Error(
        `${init?.method ?? 'GET'} ${path}: ${response.status} ${text}`,
      );
    }
    return JSON.parse(text) as T;
  }

  /** What the environment tab loads, all at once: status, history, images. */
  async pageView(): Promise<{
    status: number;
    history: number;
    images: number;
  }> {
    const [status, history, images] = await Promise.all([
      this.get(''),
      this.get('/deployments?limit=20'),
      this.get('/images'),
    ]);
    return { status, history, images };
  }
}
