import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createBackend } from '@backstage/backend-defaults';
import { createServer } from 'node:net';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import signalsPlugin from '@backstage/plugin-signals-backend';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import environmentsPlugin from '@rocket-club/plugin-environments-backend';
import eventsModuleCircleCiWebhook from '@rocket-club/plugin-events-backend-module-circleci';
import { Sandbox, startSandbox } from '@rocket-club/sandbox';
import { setTimeout as sleep } from 'node:timers/promises';
import { startRoundRobinProxy } from './__testUtils__/roundRobinProxy';
import { twoInstancesConfig } from './__testUtils__/twoInstancesConfig';

jest.setTimeout(240_000);

const POSTGRES =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const REDIS = process.env.BACKSTAGE_TEST_CACHE_REDIS7_CONNECTION_STRING;
const skipped = [
  !POSTGRES && 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING',
  !REDIS && 'BACKSTAGE_TEST_CACHE_REDIS7_CONNECTION_STRING',
].filter(Boolean);
if (skipped.length) {
  // eslint-disable-next-line no-console
  console.warn(
    `SKIPPING the two-instance test: ${skipped.join(
      ' and ',
    )} not set (scripts/test-all.sh starts PostgreSQL and Redis when installed)`,
  );
}

/**
 * Per instance: publishes a signal on request (as the plugin's change
 * notifier does on a change) and records the signals the events bus brings
 * to this instance, subscribed per instance as the signals backend is.
 */
function signalProbe(instance: string) {
  return createBackendPlugin({
    pluginId: 'probe',
    register(env) {
      env.registerInit({
        deps: {
          router: coreServices.httpRouter,
          signals: signalsServiceRef,
          events: eventsServiceRef,
        },
        async init({ router, signals, events }) {
          const received: unknown[] = [];
          await events.subscribe({
            id: `probe-${instance}`,
            topics: ['signals'],
            onEvent: async e => {
              received.push(e.eventPayload);
            },
          });
          // A bare handler: this package does not depend on express.
          const r = async (req: any, res: any, next: () => void) => {
            if (req.method === 'POST' && req.url === '/signal') {
              let raw = '';
              for await (const chunk of req) raw += chunk;
              const body = JSON.parse(raw);
              await signals.publish({
                recipients: { type: 'broadcast' },
                channel: body.channel,
                message: body.message,
              });
              res.statusCode = 204;
              res.end();
            } else if (req.method === 'GET' && req.url === '/received') {
              res.setHeader('content-type', 'application/json');
              res.end(JSON.stringify(received));
            } else {
              next();
            }
          };
          router.use(r);
          router.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
        },
      });
    },
  });
}

async function freePort(): Promise<number> {
  return new Promise(resolve => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const describeShared = skipped.length ? describe.skip : describe;

describeShared('two backend instances on one PostgreSQL and one Redis', () => {
  const targets: string[] = [];
  let proxy: Awaited<ReturnType<typeof startRoundRobinProxy>>;
  let sandbox: Sandbox;
  let a: string;
  let b: string;
  const started: { stop(): Promise<void> }[] = [];
  const prefix = `two_${Date.now().toString(36)}_`;
  const user = mockCredentials.user.header('user:default/ada');

  async function instance(name: string) {
    const port = await freePort();
    // The real backend (its database, cache, scheduler, events and HTTP
    // stack, as packages/backend runs), with test credentials only.
    const backend = createBackend();
    const config = twoInstancesConfig({
      sandbox,
      postgres: POSTGRES!,
      redis: REDIS!,
      prefix,
    });
    for (const feature of [
      eventsPlugin,
      signalsPlugin,
      environmentsPlugin,
      eventsModuleCircleCiWebhook,
      signalProbe(name),
      catalogServiceMock.factory(),
      mockServices.auth.factory(),
      mockServices.httpAuth.factory(),
      mockServices.userInfo.factory(),
      mockServices.permissions.factory(),
      mockServices.rootLogger.factory({ level: 'warn' }),
      mockServices.rootConfig.factory({
        data: {
          ...config,
          backend: {
            ...config.backend,
            baseUrl: `http://127.0.0.1:${port}`,
            listen: { host: '127.0.0.1', port },
          },
        },
      }),
    ]) {
      backend.add(feature);
    }
    await backend.start();
    started.push(backend);
    return `http://127.0.0.1:${port}`;
  }

  const stats = (upstream: 'circleci' | 'github' | 'ecr') =>
    sandbox.stats()[upstream];
  const listPipelineCalls = () =>
    Object.entries(stats('circleci').byOperation)
      .filter(([op]) => /^GET .*\/pipeline$/.test(op))
      .reduce((sum, [, n]) => sum + n, 0);

  async function get(base: string, path: string) {
    const res = await fetch(`${base}/api/environments/environments${path}`, {
      headers: { authorization: user },
    });
    return { status: res.status, body: await res.json() };
  }

  async function until<T>(what: string, fn: () => Promise<T | undefined>) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const value = await fn();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting: ${what}`);
      await sleep(250);
    }
  }

  beforeAll(async () => {
    // Webhooks go to the proxy, which pins them to instance A.
    proxy = await startRoundRobinProxy(targets, path =>
      path.startsWith('/api/events/http/') ? 0 : undefined,
    );
    sandbox = await startSandbox({
      ports: { circleci: 0, github: 0, ecr: 0, endpoints: 0 },
      logger: { info() {}, warn() {}, error() {} } as any,
      circleci: {
        stepMs: 1500,
        webhooks: { url: `${proxy.url}/api/events/http/circleci` },
      },
    });
    a = await instance('a');
    b = await instance('b');
    targets.push(a, b);
    // Both have started their scheduled tasks; let the first runs finish.
    await until('the first sync and images refresh', async () =>
      listPipelineCalls() > 0 && stats('ecr').requests > 0 ? true : undefined,
    );
    // Long enough for a second instance's runs to show, were there any.
    await sleep(5000);
  });

  afterAll(async () => {
    for (const s of started.reverse()) await s.stop();
    await proxy?.stop();
    await sandbox?.close();
  });

  it('runs each scheduled task once per cadence in total, not once per instance', async () => {
    // Cadence one minute, first run at start: one sync and one images
    // refresh in total, though two instances scheduled both.
    expect(listPipelineCalls()).toBe(1);
    expect(
      stats('github').byOperation[
        'GET /repos/rlhatcher/rocket-club/contents/infra%2Fplatform%2Finfra%2Fenvs%2Fprod%2Fmain.tf'
      ],
    ).toBe(1);
    expect(stats('ecr').byOperation).toEqual({ DescribeImages: 1 });
  });

  it('serves the images view one instance refreshed from every instance, reading ECR and GitHub no more', async () => {
    const before = {
      ecr: stats('ecr').requests,
      github: stats('github').requests,
    };
    const views = await Promise.all([
      get(a, '/prod/images'),
      get(b, '/prod/images'),
      get(proxy.url, '/prod/images'),
      get(proxy.url, '/prod/images'),
    ]);
    expect(views.map(v => v.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(views.map(v => JSON.stringify(v.body))).size).toBe(1);
    expect(views[0].body.images[0].newest.tag).toMatch(/^prefect-deployer-/);
    expect(stats('ecr').requests).toBe(before.ecr);
    expect(stats('github').requests).toBe(before.github);
  });

  it('refuses through B a park that runs through A, and a webhook to A updates what B answers', async () => {
    const park = (base: string) =>
      fetch(`${base}/api/environments/environments/prod/park`, {
        method: 'POST',
        headers: { authorization: user, 'content-type': 'application/json' },
        body: JSON.stringify({}),
      });
    const first = await park(a);
    expect(first.status).toBeLessThan(300);
    const second = await park(b);
    expect(second.status).toBe(409);

    // The park's workflow finishes in the sandbox; its webhook goes to A
    // only; B (sharing the database) answers with it, and the lock is gone.
    await until('the park in the history read through B', async () => {
      const page = await get(b, '/prod/deployments?kind=park&limit=5');
      const done = page.body.items.find(
        (d: { status: string }) => d.status === 'success',
      );
      return done ?? undefined;
    });
    await until('the lock released, seen through B', async () => {
      const status = await get(b, '/prod');
      return status.body.lock ? undefined : status.body;
    });
  });

  it('delivers a signal published on A to the subscribers of B, through the events bus', async () => {
    // Marked: the real change notifier of A also speaks on this channel.
    const message = {
      environment: 'prod',
      changed: ['status'],
      probe: `two-instances-${Date.now()}`,
    };
    const res = await fetch(`${a}/api/probe/signal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'environments:prod', message }),
    });
    expect(res.status).toBe(204);
    const onB = await until('the signal on B', async () => {
      const received = await (await fetch(`${b}/api/probe/received`)).json();
      return received.find(
        (p: { channel: string; message?: { probe?: string } }) =>
          p.channel === 'environments:prod' &&
          p.message?.probe === message.probe,
      );
    });
    expect(onB).toMatchObject({ channel: 'environments:prod', message });
  });
});
