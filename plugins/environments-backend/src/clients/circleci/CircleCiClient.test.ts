import { registerMswTestHooks } from '@backstage/backend-test-utils';
import type { Sandbox } from '@rocket-club/sandbox';
import { circleCiOf, SandboxCircleCi } from '@rocket-club/sandbox/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { startSmallSandbox } from '../../__testUtils__/sandbox';
import { CircleCiClient } from './CircleCiClient';

const TOKEN = 'circle-secret-token';
const MISSING = '5034460f-c7c4-4c43-9457-de07e2029e7b';

describe('CircleCiClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let sandbox: Sandbox;
  let circle: SandboxCircleCi;
  let sleep: jest.Mock;
  let client: CircleCiClient;
  /** `METHOD /path` (no query) of every CircleCI request so far. */
  const calls = () =>
    sandbox.requests().circleci.map(r => `${r.method} ${r.path.split('?')[0]}`);
  beforeEach(async () => {
    // The sandbox's CircleCI, two items a page, wanting this token.
    sandbox = await startSmallSandbox(
      server,
      { '.circleci/config.yml': 'version: 2.1\nworkflows: {}\n' },
      { circleci: { pageSize: 2, token: TOKEN } },
    );
    circle = circleCiOf(sandbox);
    sleep = jest.fn(async () => {});
    client = new CircleCiClient({
      baseUrl: sandbox.circleciUrl,
      token: TOKEN,
      // Room for a fresh stand-in's first answer (its contract check warms
      // up); the timeout test has its own.
      requestTimeoutMs: 5000,
      maxRetries: 2,
      sleep,
    });
  });

  it('pages pipelines with page-token, sending Circle-Token', async () => {
    for (let i = 0; i < 5; i++) circle.addPipeline();
    circle.addPipeline({ branch: 'feature' });
    let tokenSeen: string | null = null;
    server.events.on('request:start', ({ request }) => {
      tokenSeen = request.headers.get('circle-token');
    });

    const first = await client.listPipelines('github/rlhatcher/rocket-club', {
      branch: 'main',
    });
    expect(first.items.map(p => p.number)).toEqual([5, 4]);
    const second = await client.listPipelines('gh/rlhatcher/rocket-club', {
      branch: 'main',
      pageToken: first.nextPageToken,
    });
    expect(second.items.map(p => p.number)).toEqual([3, 2]);
    const third = await client.listPipelines('gh/rlhatcher/rocket-club', {
      branch: 'main',
      pageToken: second.nextPageToken,
    });
    expect(third).toEqual({ items: [expect.objectContaining({ number: 1 })] });
    expect(tokenSeen).toBe(TOKEN);
    server.events.removeAllListeners('request:start');
  });

  it('reads every page of workflows and jobs', async () => {
    const pipeline = circle.addPipeline({
      workflows: [
        { name: 'a', status: 'success' },
        { name: 'b', status: 'running' },
        {
          name: 'terraform-prod',
          status: 'on_hold',
          jobs: [
            { name: 'plan' },
            {
              name: 'hold',
              type: 'approval',
              status: 'on_hold',
              approvalRequestId: '0b1d3c6e-7c1f-4b8e-9f5a-2c3d4e5f6a7b',
            },
            { name: 'apply', status: 'blocked' },
          ],
        },
      ],
    });
    const workflows = await client.listWorkflows(pipeline.id);
    expect(workflows.map(w => w.name)).toEqual(['a', 'b', 'terraform-prod']);
    const jobs = await client.listJobs(workflows[2].id);
    expect(jobs.map(j => j.name)).toEqual(['plan', 'hold', 'apply']);
    expect(jobs[1].approval_request_id).toBe(
      '0b1d3c6e-7c1f-4b8e-9f5a-2c3d4e5f6a7b',
    );
    expect(calls()).toEqual([
      `GET /api/v2/pipeline/${pipeline.id}/workflow`,
      `GET /api/v2/pipeline/${pipeline.id}/workflow`,
      `GET /api/v2/workflow/${workflows[2].id}/job`,
      `GET /api/v2/workflow/${workflows[2].id}/job`,
    ]);
  });

  it('reports a refused token without revealing it', async () => {
    sandbox.faults('circleci', {
      faults: [
        {
          path: '/pipeline$',
          status: 401,
          body: { message: 'Invalid token provided.' },
        },
      ],
    });
    const error = await client.listPipelines('gh/o/r').catch(e => e);
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toContain('refused the configured token (HTTP 401)');
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect(String(error.stack)).not.toContain(TOKEN);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('maps 404 to NotFoundError', async () => {
    await expect(client.listPipelines('gh/someone/else')).rejects.toMatchObject(
      {
        name: 'NotFoundError',
        message: expect.stringContaining(
          'CircleCI GET /project/gh/someone/else/pipeline: not found',
        ),
      },
    );
  });

  it('waits as long as Retry-After says on 429, then succeeds', async () => {
    const pipeline = circle.addPipeline();
    sandbox.faults('circleci', {
      faults: [
        { path: `/pipeline/${pipeline.id}$`, status: 429, retryAfter: 3 },
      ],
    });
    await expect(client.getPipeline(pipeline.id)).resolves.toMatchObject({
      id: pipeline.id,
    });
    expect(sleep).toHaveBeenCalledTimes(1);
    expect(sleep).toHaveBeenCalledWith(3000);
  });

  it('gives up on 429 after the retries, naming Retry-After', async () => {
    sandbox.faults('circleci', {
      faults: [
        { path: '/pipeline/[^/]+$', status: 429, retryAfter: 1, count: 10 },
      ],
    });
    await expect(client.getPipeline(MISSING)).rejects.toThrow(
      /rate limited by CircleCI \(retry after 1 s\)/,
    );
    expect(sleep).toHaveBeenCalledTimes(2);
    expect(sandbox.stats().circleci).toMatchObject({
      requests: 3,
      faulted: 3,
    });
  });

  it('retries a 5xx with backoff, then succeeds', async () => {
    const pipeline = circle.addPipeline();
    sandbox.faults('circleci', {
      faults: [{ path: '/pipeline/[^/]+$', status: 502, count: 2 }],
    });
    await expect(client.getPipeline(pipeline.id)).resolves.toMatchObject({
      number: 1,
    });
    expect(calls()).toEqual([
      `GET /api/v2/pipeline/${pipeline.id}`,
      `GET /api/v2/pipeline/${pipeline.id}`,
      `GET /api/v2/pipeline/${pipeline.id}`,
    ]);
    expect(sandbox.requests().circleci.map(r => r.status)).toEqual([
      502, 502, 200,
    ]);
    const [first, second] = sleep.mock.calls.map(c => c[0]);
    expect(first).toBeGreaterThanOrEqual(125);
    expect(first).toBeLessThanOrEqual(250);
    expect(second).toBeGreaterThanOrEqual(250);
    expect(second).toBeLessThanOrEqual(500);
  });

  it('times out each attempt and fails after the retries', async () => {
    client = new CircleCiClient({
      baseUrl: sandbox.circleciUrl,
      token: TOKEN,
      requestTimeoutMs: 200,
      maxRetries: 2,
      sleep,
    });
    sandbox.faults('circleci', { delayMs: 1000 });
    const started = Date.now();
    await expect(client.getPipeline(MISSING)).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining(
        'failed after 3 attempt(s): no answer within 200 ms',
      ),
    });
    expect(sandbox.stats().circleci.requests).toBe(3);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  // What the stand-in never answers: a broken answer in front of it.
  it('rejects a malformed body', async () => {
    server.use(
      http.get(`${sandbox.circleciUrl}/pipeline/:id/workflow`, () =>
        HttpResponse.json({
          items: [{ id: 'x', name: 'w', status: 'exploded' }],
        }),
      ),
    );
    await expect(client.listWorkflows(MISSING)).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        /answered with a malformed body: .*status/s,
      ),
    });
  });

  it('rejects a body that is not JSON', async () => {
    server.use(
      http.get(
        `${sandbox.circleciUrl}/pipeline/:id`,
        () =>
          new HttpResponse('<html>gateway</html>', {
            headers: { 'content-type': 'text/html' },
          }),
      ),
    );
    await expect(client.getPipeline(MISSING)).rejects.toThrow(
      'answered with a body that is not JSON',
    );
  });
});
