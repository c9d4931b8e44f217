/*
 * Benchmark of the read path (not a test: it asserts nothing about time).
 *
 *   yarn workspace @rocket-club/plugin-environments-backend bench
 *
 * (Outside src/, so `yarn test` does not run it.)
 *
 * A real backend (SQLite, in-memory cache) over scripted upstreams that
 * answer after 50 ms, like a remote API. Reports the latency of
 * `GET /environments/:name` cold and warm, and the upstream calls of one
 * page view (status + history + images) cold and warm.
 */
import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { delay, http } from 'msw';
import { setupServer } from 'msw/node';
import { cpus } from 'node:os';
import request from 'supertest';
import { scriptedUpstreams } from '../src/__testUtils__/scenario';
import { TEST_CONFIG, UPSTREAMS } from '../src/__testUtils__/testConfig';
import { environmentsPlugin } from '../src/plugin';
import { TASK_IDS } from '../src/services/scheduleTasks';

jest.setTimeout(300_000);

const WARM_RUNS = 300;
const UPSTREAM_LATENCY_MS = 50;

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

describe('read path benchmark', () => {
  const msw = setupServer();
  registerMswTestHooks(msw);

  it('reports latency and upstream calls per page view', async () => {
    const upstreams = scriptedUpstreams();
    // Every upstream answers after the injected latency (falls through to
    // the scripted handlers); requests to the backend itself are untouched.
    const slow = Object.values(UPSTREAMS).map(base =>
      http.all(`${base}/*`, async () => {
        await delay(UPSTREAM_LATENCY_MS);
      }),
    );
    msw.use(...slow, ...upstreams.handlers());
    const scheduler = mockServices.scheduler.mock();
    const { server } = await startTestBackend({
      features: [
        environmentsPlugin,
        mockServices.rootConfig.factory({ data: TEST_CONFIG }),
        scheduler.factory,
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
    const task = scheduler.scheduleTask.mock.calls.find(
      c => c[0].id === TASK_IDS.ingestion,
    )![0];
    await task.fn(new AbortController().signal);

    const auth = mockCredentials.user.header();
    const get = async (path: string) => {
      const started = performance.now();
      const res = await request(server)
        .get(`/api/environments/environments${path}`)
        .set('Authorization', auth);
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      return performance.now() - started;
    };
    const pageView = async () => {
      const calls = upstreams.upstreamCalls();
      await Promise.all([
        get('/prod'),
        get('/prod/deployments?limit=20'),
        get('/prod/images'),
      ]);
      return upstreams.upstreamCalls() - calls;
    };

    const coldStatusMs = await get('/prod');
    const coldPageCalls = await pageView();
    const warmPageCalls = await pageView();
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) warm.push(await get('/prod'));
    warm.sort((a, b) => a - b);
    const others: Record<string, number[]> = {};
    for (const path of ['/prod/deployments?limit=20', '/prod/images']) {
      others[path] = [];
      for (let i = 0; i < 100; i++) others[path].push(await get(path));
      others[path].sort((a, b) => a - b);
    }
    const calls: number[] = [];
    for (let i = 0; i < 20; i++) calls.push(await pageView());

    const rows = [
      [
        'machine',
        `${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${
          process.version
        }`,
      ],
      ['upstream latency injected', `${UPSTREAM_LATENCY_MS} ms per call`],
      [
        'GET /environments/prod, first request',
        `${coldStatusMs.toFixed(1)} ms`,
      ],
      [
        `GET /environments/prod warm p50 (n=${WARM_RUNS})`,
        `${quantile(warm, 0.5).toFixed(2)} ms`,
      ],
      [
        `GET /environments/prod warm p95 (n=${WARM_RUNS})`,
        `${quantile(warm, 0.95).toFixed(2)} ms`,
      ],
      ...Object.entries(others).map(([path, times]) => [
        `GET /environments${path} warm p50/p95 (n=100)`,
        `${quantile(times, 0.5).toFixed(2)} / ${quantile(times, 0.95).toFixed(
          2,
        )} ms`,
      ]),
      ['upstream calls, cold page view', String(coldPageCalls)],
      ['upstream calls, warm page view', String(warmPageCalls)],
      [
        'upstream calls, 20 more warm page views',
        String(calls.reduce((a, b) => a + b, 0)),
      ],
    ];
    // Correctness, not timing: a warm page view never goes upstream.
    expect(warmPageCalls).toBe(0);
    // eslint-disable-next-line no-console
    console.log(
      `\n${rows.map(([k, v]) => `${k.padEnd(56)} ${v}`).join('\n')}\n`,
    );
  });
});
