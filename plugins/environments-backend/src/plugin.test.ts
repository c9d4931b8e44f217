import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { responseProblems } from './__testUtils__/openApi';
import { startScriptedSandbox, TF_PATH } from './__testUtils__/scriptedSandbox';
import { PROD_ENTITY, SECRETS } from './__testUtils__/testConfig';
import { environmentsPlugin } from './plugin';
import { TASK_IDS } from './services/scheduleTasks';

jest.setTimeout(60_000);

const entities = [
  PROD_ENTITY,
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'rocket-club',
      annotations: { 'rocket-club.dev/environment': 'prod' },
    },
    spec: { type: 'service', owner: 'group:default/platform-team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'plain' },
    spec: { type: 'service', owner: 'group:default/platform-team' },
  },
];

describe('environments plugin', () => {
  const msw = setupServer();
  // The upstreams are the sandbox's stand-ins, which check every exchange
  // against the upstreams' descriptions (a violation fails the test).
  registerMswTestHooks(msw);

  /** Everything that left the backend: response bodies and log lines. */
  const seen: string[] = [];
  // Not restored: this file's backends log until they shut down after it.
  (['log', 'debug', 'info', 'warn', 'error'] as const).map(m =>
    jest.spyOn(console, m).mockImplementation((...args) => {
      seen.push(
        args
          .map(a => (typeof a === 'string' ? a : JSON.stringify(a)))
          .join(' '),
      );
    }),
  );
  let scripted: Awaited<ReturnType<typeof startScriptedSandbox>>;
  beforeEach(async () => {
    scripted = await startScriptedSandbox(msw);
  });

  async function start(features: any[] = []) {
    const scheduler = mockServices.scheduler.mock();
    const { server } = await startTestBackend({
      features: [
        environmentsPlugin,
        mockServices.rootConfig.factory({ data: scripted.config }),
        mockServices.rootLogger.factory({ level: 'debug' }),
        scheduler.factory,
        catalogServiceMock.factory({ entities }),
        ...features,
      ],
    });
    const get = async (path: string, auth = mockCredentials.user.header()) => {
      const res = await request(server).get(path).set('Authorization', auth);
      seen.push(res.text);
      return res;
    };
    /** Runs a scheduled task now, as the scheduler would. */
    const run = async (id: string) => {
      const call = scheduler.scheduleTask.mock.calls.find(c => c[0].id === id);
      await call![0].fn(new AbortController().signal);
    };
    return { server, scheduler, get, run };
  }

  it('serves state, approval, endpoints, history and images from scripted upstreams', async () => {
    const { run, get } = await start();
    expect((await get('/api/environments/environments/prod')).body.state).toBe(
      'unknown',
    );

    await run(TASK_IDS.ingestion);
    await run(TASK_IDS.probes);

    const list = await get('/api/environments/environments');
    expect(list.status).toBe(200);
    expect(responseProblems('get', '/environments', 200, list.body)).toEqual(
      [],
    );
    expect(list.body.items).toEqual([
      expect.objectContaining({
        name: 'prod',
        title: 'Production',
        state: 'awaiting-approval',
        actor: 'dave',
      }),
    ]);

    const details = await get('/api/environments/environments/prod');
    expect(details.status).toBe(200);
    expect(
      responseProblems('get', '/environments/{name}', 200, details.body),
    ).toEqual([]);
    const { sandbox, held, pipelines } = scripted;
    expect(details.body).toMatchObject({
      name: 'prod',
      entityRef: 'resource:default/prod',
      state: 'awaiting-approval',
      since: held.since,
      lock: {
        kind: 'deploy',
        pipeline: {
          number: pipelines.held,
          url: `${sandbox.circleciAppUrl}/pipelines/github/rlhatcher/rocket-club/${pipelines.held}`,
        },
        workflowId: held.workflowId,
      },
      heldApproval: {
        workflowId: held.workflowId,
        workflowName: 'terraform-prod',
        approvalRequestId: held.approvalRequestId,
        jobName: 'hold-terraform-prod-apply',
        waitingSince: held.since,
        actor: 'dave',
        commit: {
          sha: held.commit,
          subject: held.subject,
          // The configured GitHub (integrations.github), not github.com.
          url: `${sandbox.githubUrl.replace(
            /\/api\/v3$/,
            '',
          )}/rlhatcher/rocket-club/commit/${held.commit}`,
        },
      },
      endpoints: [
        {
          name: 'portal',
          status: 'up',
          httpStatus: 200,
          uptime24h: 1,
          // Probed on schedule and again after each state change it saw.
          samples24h: expect.any(Number),
        },
        {
          name: 'pipelines',
          status: 'down',
          httpStatus: 502,
          uptime24h: 0,
          samples24h: expect.any(Number),
        },
      ],
      lastSuccessfulDeploy: {
        kind: 'deploy',
        actor: 'bob',
        pipeline: { number: pipelines.deployed },
      },
      inFlight: [
        {
          kind: 'rebuild',
          status: 'running',
          workflowName: 'refresh-prefect-image',
        },
        { kind: 'deploy', status: 'on_hold' },
      ],
      syncedAt: expect.any(String),
    });

    const images = await get('/api/environments/environments/prod/images');
    expect(images.status).toBe(200);
    expect(
      responseProblems('get', '/environments/{name}/images', 200, images.body),
    ).toEqual([]);
    expect(images.body).toMatchObject({
      environment: 'prod',
      source: `${TF_PATH}@main`,
      images: [
        {
          name: 'deployer',
          bumpable: true,
          pinned: {
            tag: scripted.images.pinned,
            commitSha: scripted.deployed.commit.slice(0, 7),
          },
          newest: {
            tag: scripted.images.newest,
            digest: scripted.images.newestDigest,
            commitSha: held.commit.slice(0, 7),
          },
          upToDate: false,
          commitsBehind: scripted.images.commitsBehind,
        },
        // The base tag was pushed (by the rebuild) after the last
        // successful deploy: the environment runs the previous digest.
        {
          name: 'base',
          bumpable: false,
          upToDate: false,
          rebuiltAfterDeploy: true,
        },
      ],
    });
    // 1,500 images: two pages of DescribeImages for the whole test.
    expect(sandbox.requests().ecr).toHaveLength(2);
  });

  it('makes zero upstream calls for a warm page view', async () => {
    const { run, get } = await start();
    await run(TASK_IDS.ingestion);
    const page = async () => {
      await get('/api/environments/environments/prod');
      await get('/api/environments/environments/prod/deployments?limit=10');
      await get('/api/environments/environments/prod/images');
    };
    await page();
    const before = scripted.upstreamCalls();
    await page();
    await page();
    expect(scripted.upstreamCalls()).toBe(before);
  });

  it('lists the tags an image may be bumped to, newest first', async () => {
    const { get } = await start();
    const res = await get(
      '/api/environments/environments/prod/images/deployer/tags?limit=5',
    );
    expect(res.status).toBe(200);
    expect(
      responseProblems(
        'get',
        '/environments/{name}/images/{image}/tags',
        200,
        res.body,
      ),
    ).toEqual([]);
    // Only tags matching the pattern; the 1497 build-* images are not.
    expect(res.body.tags.map((t: { tag: string }) => t.tag)).toEqual([
      scripted.images.newest,
      scripted.images.pinned,
    ]);
    expect(res.body.tags[0]).toMatchObject({
      digest: scripted.images.newestDigest,
      commitSha: scripted.held.commit.slice(0, 7),
    });
    const fixed = await get(
      '/api/environments/environments/prod/images/base/tags',
    );
    expect(fixed.status).toBe(400);
    expect(fixed.body.error.message).toBe(
      'Image "base" of prod is pinned to a fixed tag',
    );
    const unknown = await get(
      '/api/environments/environments/prod/images/nope/tags',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('no image "nope"');
  });

  it('serves a cold images view from the background refresh, without upstream calls', async () => {
    const { run, get } = await start();
    await run(TASK_IDS.images);
    const before = scripted.upstreamCalls();
    expect(before).toBeGreaterThan(0);
    const images = await get('/api/environments/environments/prod/images');
    expect(images.status).toBe(200);
    expect(images.body.images[0].newest.tag).toBe(scripted.images.newest);
    expect(scripted.upstreamCalls()).toBe(before);
  });

  it.each([
    ['status', '/api/environments/environments/prod'],
    ['history', '/api/environments/environments/prod/deployments?limit=10'],
    ['images', '/api/environments/environments/prod/images'],
    ['the list', '/api/environments/environments'],
  ])(
    'answers an unchanged %s with 304 to its ETag, and still checks the caller',
    async (_what, path) => {
      const { run, get, server } = await start();
      await run(TASK_IDS.ingestion);
      const first = await get(path);
      expect(first.status).toBe(200);
      expect(first.headers['cache-control']).toBe('private, no-cache');
      const etag = first.headers.etag;
      expect(etag).toBeTruthy();
      const again = await request(server)
        .get(path)
        .set('Authorization', mockCredentials.user.header())
        .set('If-None-Match', etag);
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      const anonymous = await request(server)
        .get(path)
        .set('Authorization', mockCredentials.none.header())
        .set('If-None-Match', etag);
      expect(anonymous.status).toBe(401);
    },
  );

  it('pages the history newest first and filters by kind', async () => {
    const { run, get } = await start();
    await run(TASK_IDS.ingestion);

    const first = await get(
      '/api/environments/environments/prod/deployments?limit=4',
    );
    expect(first.status).toBe(200);
    expect(
      responseProblems(
        'get',
        '/environments/{name}/deployments',
        200,
        first.body,
      ),
    ).toEqual([]);
    expect(first.body.items.map((d: any) => d.pipeline.number)).toEqual([
      6, 5, 4, 3,
    ]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await get(
      `/api/environments/environments/prod/deployments?limit=4&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((d: any) => d.pipeline.number)).toEqual([
      2, 1,
    ]);
    expect(second.body.nextCursor).toBeUndefined();

    const parks = await get(
      '/api/environments/environments/prod/deployments?kind=park',
    );
    expect(parks.body.items).toEqual([
      expect.objectContaining({
        kind: 'park',
        workflowName: 'park-infrastructure',
        status: 'success',
        actor: 'carol',
        durationMs: scripted.park.durationMs,
        url: expect.stringContaining(
          `/pipelines/github/rlhatcher/rocket-club/${scripted.park.pipelineNumber}/workflows/`,
        ),
      }),
    ]);
  });

  it.each([
    ['limit=0', /limit/],
    ['limit=500', /limit/],
    ['kind=explode', /kind/],
    ['cursor=garbage', /Invalid cursor 'garbage'/],
    ['colour=red', /colour/],
  ])('refuses the query %s with 400', async (query, message) => {
    const { get } = await start();
    const res = await get(
      `/api/environments/environments/prod/deployments?${query}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(message),
    });
    expect(
      responseProblems(
        'get',
        '/environments/{name}/deployments',
        400,
        res.body,
      ),
    ).toEqual([]);
  });

  it('accepts an entity ref carrying the annotation instead of the name', async () => {
    const { get } = await start();
    for (const ref of [
      'resource:default/prod',
      'component:default/rocket-club',
      'Component:rocket-club',
    ]) {
      const res = await get(
        `/api/environments/environments/${encodeURIComponent(ref)}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.name).toBe('prod');
    }
    const plain = await get(
      `/api/environments/environments/${encodeURIComponent(
        'component:default/plain',
      )}`,
    );
    expect(plain.status).toBe(404);
    expect(plain.body.error.message).toBe(
      "Entity 'component:default/plain' has no rocket-club.dev/environment annotation",
    );
    const missing = await get(
      `/api/environments/environments/${encodeURIComponent(
        'component:default/nope',
      )}/images`,
    );
    expect(missing.status).toBe(404);
    const unknown = await get('/api/environments/environments/staging');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      "No environment 'staging'; known: prod",
    );
  });

  it('writes through the same entity ref forms as reads, and credits the person, not the token', async () => {
    const { run, server } = await start();
    await run(TASK_IDS.ingestion);
    const { held, sandbox } = scripted;
    const res = await request(server)
      .post(
        `/api/environments/environments/${encodeURIComponent(
          'component:default/rocket-club',
        )}/approvals/${held.workflowId}`,
      )
      .set('Authorization', mockCredentials.user.header('user:default/ada'))
      .send({});
    expect(res.status).toBe(200);
    const approvals = sandbox
      .requests()
      .circleci.filter(r => r.method === 'POST' && /\/approve\//.test(r.path));
    expect(approvals).toEqual([
      expect.objectContaining({
        path: expect.stringContaining(
          `/workflow/${held.workflowId}/approve/${held.approvalRequestId}`,
        ),
        status: 202,
      }),
    ]);

    const history = await request(server)
      .get('/api/environments/environments/prod/deployments?limit=50')
      .set('Authorization', mockCredentials.user.header());
    const row = history.body.items.find((d: any) => d.id === held.workflowId);
    expect(row).toMatchObject({
      approvedBy: {
        userEntityRef: 'user:default/ada',
        displayName: 'ada',
        via: 'portal',
      },
      initiatedBy: { displayName: 'dave', via: 'circleci' },
    });
    expect(
      responseProblems(
        'get',
        '/environments/{name}/deployments',
        200,
        history.body,
      ),
    ).toEqual([]);
  });

  it('refuses a mutation body that is not JSON with 415 and no upstream call', async () => {
    const { server } = await start();
    const before = scripted.upstreamCalls();
    for (const type of ['application/x-www-form-urlencoded', 'text/plain']) {
      const res = await request(server)
        .post('/api/environments/environments/prod/rebuild')
        .set('Authorization', mockCredentials.user.header())
        .set('Content-Type', type)
        .send('{"dryRun":true}');
      expect(res.status).toBe(415);
      expect(res.body.error.message).toContain(type);
    }
    expect(scripted.upstreamCalls()).toBe(before);
  });

  it('requires credentials and the read permission', async () => {
    const { get } = await start([
      mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(() => ({ result: AuthorizeResult.DENY })),
      }).factory,
    ]);
    expect(
      (
        await get(
          '/api/environments/environments',
          mockCredentials.none.header(),
        )
      ).status,
    ).toBe(401);
    const list = await get('/api/environments/environments');
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [] });
    const details = await get('/api/environments/environments/prod');
    expect(details.status).toBe(403);
    expect(details.body.error.message).toBe(
      "You may not read environment 'prod'",
    );
    expect(
      (await get('/api/environments/environments/prod/images')).status,
    ).toBe(403);
    expect(scripted.upstreamCalls()).toBe(0);
  });

  it('lets service principals read', async () => {
    const { get } = await start();
    const res = await get(
      '/api/environments/environments',
      mockCredentials.service.header(),
    );
    expect(res.status).toBe(200);
  });

  it('serves its OpenAPI document', async () => {
    const { get } = await start();
    const res = await get('/api/environments/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/environments/environments/{name}']),
    );
  });

  it('schedules ingestion, probes and the images refresh with stable ids and the configured schedule', async () => {
    const { scheduler } = await start();
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'environments-ingestion',
        frequency: { minutes: 2 },
        timeout: { minutes: 5 },
      }),
    );
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'environments-probes',
        frequency: { minutes: 1 },
      }),
    );
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'environments-images-refresh',
        frequency: { minutes: 5 },
        timeout: { minutes: 2 },
      }),
    );
  });

  // Runs last: everything the tests above made the backend say.
  it('never puts a secret in a response or a log line', () => {
    const all = seen.join('\n');
    expect(all).toContain('Production');
    expect(all).toMatch(/environments/i);
    for (const secret of Object.values(SECRETS)) {
      expect(all).not.toContain(secret);
    }
  });
});
