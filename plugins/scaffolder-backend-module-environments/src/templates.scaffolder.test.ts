import { TestBackend } from '@backstage/backend-test-utils';
import {
  errorAnswer,
  FakeAnswer,
  fakeEnvironmentsBackend,
  ReceivedRequest,
} from './__testUtils__/fakeEnvironmentsBackend';
import {
  retryTask,
  runTemplate,
  startScaffolder,
} from './__testUtils__/scaffolderBackend';

// The templates run by the real scaffolder (rendering, step conditions,
// input validation, task state) against a stand-in environments backend.
// The run against the real environments backend needs its write side.

const newest = 'prefect-deployer-3-python3.12-9f8e7d6';
const pinned = 'prefect-deployer-3-python3.12-1a2b3c4';
const diff = `-  prefect_deployer_image = "blog-data:${pinned}"\n+  prefect_deployer_image = "blog-data:${newest}"`;
const pipeline = {
  id: 'pipe-412',
  number: 412,
  url: 'https://app.circleci.com/pipelines/gh/rlhatcher/rocket-club/412',
  parameters: {
    'park-infrastructure-mode': true,
    'terraform-prod-mode': false,
  },
};

const owners = ['user:default/ada'];
/** The park workflows of pipeline #412: a failed run, then its rerun. */
let parkRuns: Array<{ id: string; status: string; createdAt: string }> = [];

function environmentsApi(request: ReceivedRequest): FakeAnswer {
  const { method, path, body, user } = request;
  if (
    method === 'GET' &&
    path === '/environments/resource:default/prod/images'
  ) {
    return {
      status: 200,
      body: {
        environment: 'prod',
        source: 'main.tf@main',
        images: [
          {
            name: 'deployer',
            local: 'prefect_deployer_image',
            ecrRepository: 'blog-data',
            bumpable: true,
            pinned: {
              reference: pinned,
              registry: 'r',
              repository: 'blog-data',
              tag: pinned,
            },
            newest: {
              tag: newest,
              digest: 'sha256:feed',
              pushedAt: '2026-01-02T10:00:00Z',
            },
            upToDate: false,
          },
        ],
      },
    };
  }
  if (!owners.includes(user)) {
    return errorAnswer(
      403,
      'NotAllowedError',
      `${user} may not change 'prod': only its owners may`,
    );
  }
  if (
    method === 'POST' &&
    path === '/environments/resource:default/prod/images/deployer/bump'
  ) {
    const dryRun = Boolean(body?.dryRun);
    return {
      status: 200,
      body: {
        operation: 'bump',
        environment: 'prod',
        dryRun,
        message: dryRun
          ? `Would pin ${body?.tag}`
          : `Opened pull request #57 pinning ${body?.tag}`,
        fromTag: pinned,
        toTag: body?.tag,
        diff,
        pullRequest: {
          branch: 'environments/bump-prod-deployer',
          title: 'Pin',
          body: '',
          updated: false,
          ...(!dryRun && {
            number: 57,
            url: 'https://github.com/rlhatcher/rocket-club/pull/57',
          }),
        },
      },
    };
  }
  if (
    method === 'POST' &&
    path === '/environments/resource:default/prod/park'
  ) {
    return {
      status: 200,
      body: {
        operation: 'park',
        environment: 'prod',
        dryRun: false,
        message: 'Triggered the park pipeline #412',
        pipeline,
      },
    };
  }
  if (
    method === 'GET' &&
    path === '/environments/resource:default/prod/deployments?limit=20'
  ) {
    return {
      status: 200,
      body: {
        items: parkRuns.map(run => ({
          ...run,
          kind: 'park',
          workflowName: 'park-infrastructure',
          pipeline,
          url: `https://app.circleci.com/workflows/${run.id}`,
        })),
      },
    };
  }
  return errorAnswer(404, 'NotFoundError', `no route ${method} ${path}`);
}

describe('templates in the scaffolder', () => {
  const environments = fakeEnvironmentsBackend(environmentsApi);
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startScaffolder(environments.plugin);
  });
  afterAll(() => backend.stop());
  beforeEach(() => {
    environments.received.length = 0;
    parkRuns = [];
  });

  it('bumps the deployer to the newest tag, on behalf of the initiator, and links the PR', async () => {
    const run = await runTemplate(backend, 'bump-prefect-deployer-image', {
      environment: 'resource:default/prod',
    });

    expect(run.status).toBe('completed');
    expect(environments.received).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/environments/resource:default/prod/images',
        user: 'user:default/ada',
      }),
      {
        method: 'POST',
        path: '/environments/resource:default/prod/images/deployer/bump',
        user: 'user:default/ada',
        idempotencyKey: expect.stringMatching(`^scaffolder:${run.id}:bump:`),
        body: { tag: newest },
      },
    ]);
    expect(run.output?.links).toEqual([
      {
        title: 'Pull request',
        icon: 'github',
        url: 'https://github.com/rlhatcher/rocket-club/pull/57',
      },
      {
        title: 'Environment',
        icon: 'catalog',
        entityRef: 'resource:default/prod',
      },
    ]);
    expect(run.output?.text).toEqual([
      expect.objectContaining({
        content: expect.stringContaining(`From \`${pinned}\` to \`${newest}\``),
      }),
      expect.objectContaining({
        title: 'Terraform diff',
        content: expect.stringContaining(diff),
      }),
    ]);
  });

  it('skips the lookup for a given tag, and previews without a key', async () => {
    const run = await runTemplate(backend, 'bump-prefect-deployer-image', {
      environment: 'resource:default/prod',
      tag: pinned,
      previewOnly: true,
    });

    expect(run.status).toBe('completed');
    expect(environments.received).toEqual([
      expect.objectContaining({
        method: 'POST',
        body: { tag: pinned, dryRun: true },
        idempotencyKey: undefined,
      }),
    ]);
    expect(run.output?.links).toEqual([
      expect.objectContaining({ title: 'Environment' }),
    ]);
  });

  it('fails a non-owner at the guarded step with one clear line', async () => {
    const run = await runTemplate(
      backend,
      'park-environment',
      { environment: 'resource:default/prod' },
      'user:default/grace',
    );

    expect(run.status).toBe('failed');
    expect(run.log).toContain(
      "NotAllowedError: user:default/grace may not change 'prod': only its owners may",
    );
    expect(run.log.filter(line => /\n\s+at /.test(line))).toEqual([]);
  });

  it('parks once when the task is retried after a rerun of the failed workflow', async () => {
    parkRuns = [
      { id: 'wf-1', status: 'failed', createdAt: '2026-01-02T10:00:00Z' },
    ];
    const first = await runTemplate(backend, 'park-environment', {
      environment: 'resource:default/prod',
      waitForCompletion: true,
    });
    expect(first.status).toBe('failed');
    expect(first.log).toContainEqual(
      expect.stringMatching(
        /^WorkflowOutcomeError: The park pipeline #412 of 'resource:default\/prod' ended failed/,
      ),
    );

    parkRuns.unshift({
      id: 'wf-2',
      status: 'success',
      createdAt: '2026-01-02T10:30:00Z',
    });
    const retried = await retryTask(backend, first.id);

    expect(retried.status).toBe('completed');
    const posts = environments.received.filter(r => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(retried.output?.links).toContainEqual({
      title: 'Pipeline #412',
      icon: 'dashboard',
      url: pipeline.url,
    });
    expect(retried.output?.text).toEqual([
      expect.objectContaining({
        content: expect.stringContaining('Workflow status: **success**'),
      }),
    ]);
  });
});
