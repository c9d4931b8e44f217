import {
  mockCredentials,
  registerMswTestHooks,
  TestBackend,
} from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { idempotencyKey } from './actions/mutation';
import {
  MAIN_TF,
  NEWEST,
  PINNED,
  REGISTRY,
  SECRETS,
  TF_PATH,
  UPSTREAMS,
} from './__testUtils__/e2eConfig';
import {
  EnvironmentsE2e,
  startEnvironmentsE2e,
  stepStatuses,
} from './__testUtils__/environmentsE2e';
import { retryTask, runTemplate } from './__testUtils__/scaffolderBackend';

// The templates run through the real scaffolder, this module and the real
// environments backend in one backend; only GitHub, CircleCI and ECR are
// fakes, at the network edge.

jest.setTimeout(30_000);

const OWNER = 'user:default/ada';
const NON_OWNER = 'user:default/grace';
const PROD = 'resource:default/prod';
const BRANCH = 'environments/bump-prod-deployer';

describe('templates against the environments backend', () => {
  const msw = setupServer();
  registerMswTestHooks(msw);

  let e2e: EnvironmentsE2e;
  let backend: TestBackend;
  let upstreams: EnvironmentsE2e['upstreams'];
  beforeEach(async () => {
    e2e = await startEnvironmentsE2e(msw, [OWNER]);
    ({ backend, upstreams } = e2e);
  });
  afterEach(() => e2e?.stop());

  it('bumps the deployer for an owner: one pull request, one commit, one changed line', async () => {
    const run = await runTemplate(backend, 'bump-prefect-deployer-image', {
      environment: PROD,
    });

    expect(run.status).toBe('completed');
    const { github } = upstreams;
    expect(github.pulls).toEqual([
      expect.objectContaining({
        number: 41,
        head: BRANCH,
        base: 'main',
        title: `Bump prod deployer image to ${NEWEST}`,
      }),
    ]);
    const [pull] = github.pulls;
    expect(pull.body).toContain(`| from | \`${PINNED}\` |`);
    expect(pull.body).toContain(`| to | \`${NEWEST}\` |`);

    // The branch is one commit on top of main, changing exactly one line.
    const head = github.commits.get(github.refs.get(BRANCH)!)!;
    expect(head.parent).toBe(github.refs.get('main'));
    const before = github.file('main', TF_PATH)!.split('\n');
    const after = github.file(BRANCH, TF_PATH)!.split('\n');
    expect(github.file('main', TF_PATH)).toBe(MAIN_TF);
    expect(after).toHaveLength(before.length);
    const changed = before.flatMap((line, i) =>
      line === after[i] ? [] : [[line, after[i]]],
    );
    expect(changed).toEqual([
      [
        `  prefect_deployer_image = "${REGISTRY}/blog-data:${PINNED}"`,
        `  prefect_deployer_image = "${REGISTRY}/blog-data:${NEWEST}"`,
      ],
    ]);

    expect(run.output?.links).toContainEqual({
      title: 'Pull request',
      icon: 'github',
      url: 'https://github.com/rlhatcher/rocket-club/pull/41',
    });
    expect(JSON.stringify(run.output)).toContain(`From \`${PINNED}\``);
    expect(upstreams.writes(UPSTREAMS.circleci)).toEqual([]);
    const log = JSON.stringify(run.log);
    for (const secret of Object.values(SECRETS)) {
      expect(log).not.toContain(secret);
    }
  });

  it('opens the pull request once when the task is retried or its key is replayed', async () => {
    const first = await runTemplate(backend, 'bump-prefect-deployer-image', {
      environment: PROD,
    });
    expect(first.status).toBe('completed');
    const writes = () =>
      upstreams
        .writes(UPSTREAMS.github)
        .map(c => `${c.method} ${c.url.slice(UPSTREAMS.github.length)}`);
    const opened = writes();
    // The commit first (git data API), then one ref update, then the pull
    // request: the branch never points at a commit without the change.
    expect(opened).toEqual([
      'POST /repos/rlhatcher/rocket-club/git/trees',
      'POST /repos/rlhatcher/rocket-club/git/commits',
      'POST /repos/rlhatcher/rocket-club/git/refs',
      'POST /repos/rlhatcher/rocket-club/pulls',
    ]);
    const branchHead = upstreams.github.refs.get(BRANCH);

    // A retried task: the bump step's checkpoint returns the first result.
    const retried = await retryTask(backend, first.id);
    expect(retried.status).toBe('completed');
    expect(retried.output?.links).toEqual(first.output?.links);

    // A retry that lost the checkpoint sends the same Idempotency-Key; the
    // backend answers with the first result.
    const key = idempotencyKey(
      { task: { id: first.id }, step: { id: 'bump' } } as Parameters<
        typeof idempotencyKey
      >[0],
      'environments:image:bump',
      { environment: PROD, image: 'deployer', tag: NEWEST },
    );
    const replay = await request(backend.server)
      .post(
        `/api/environments/environments/${encodeURIComponent(
          PROD,
        )}/images/deployer/bump`,
      )
      .set('Authorization', mockCredentials.user.header(OWNER))
      .set('Idempotency-Key', key)
      .send({ tag: NEWEST });
    expect(replay.body.pullRequest).toMatchObject({
      number: 41,
      url: 'https://github.com/rlhatcher/rocket-club/pull/41',
    });

    expect(writes()).toEqual(opened);
    expect(upstreams.github.pulls).toHaveLength(1);
    expect(upstreams.github.refs.get(BRANCH)).toBe(branchHead);
  });

  it('fails a non-owner at the guarded step, with one line and no upstream write', async () => {
    const bump = await runTemplate(
      backend,
      'bump-prefect-deployer-image',
      { environment: PROD },
      NON_OWNER,
    );
    const park = await runTemplate(
      backend,
      'park-environment',
      { environment: PROD, waitForCompletion: false },
      NON_OWNER,
    );

    expect(bump.status).toBe('failed');
    expect(await stepStatuses(backend, bump.id)).toEqual({
      latest: 'completed',
      bump: 'failed',
    });
    expect(bump.log).toContain(
      `NotAllowedError: ${NON_OWNER} may not bump prod: only the owners of ${PROD} may`,
    );
    expect(park.status).toBe('failed');
    expect(park.log).toContain(
      `NotAllowedError: ${NON_OWNER} may not park prod: only the owners of ${PROD} may`,
    );
    for (const line of [...bump.log, ...park.log]) {
      expect(line).not.toMatch(/\n\s+at /);
    }

    expect(e2e.permissions.decisions).toEqual([
      expect.objectContaining({
        user: NON_OWNER,
        permission: 'environments.image.bump',
        resourceRef: PROD,
        result: 'DENY',
      }),
      expect.objectContaining({
        user: NON_OWNER,
        permission: 'environments.environment.park',
        result: 'DENY',
      }),
    ]);
    expect(upstreams.writes(UPSTREAMS.github)).toEqual([]);
    expect(
      upstreams.calls.filter(c => c.url.startsWith(UPSTREAMS.circleci)),
    ).toEqual([]);
    expect(upstreams.github.pulls).toEqual([]);
  });

  it('parks for an owner: one pipeline on main with the park parameters', async () => {
    const run = await runTemplate(backend, 'park-environment', {
      environment: PROD,
      waitForCompletion: false,
    });
    expect(run.status).toBe('completed');
    const retried = await retryTask(backend, run.id);
    expect(retried.status).toBe('completed');

    expect(
      upstreams.calls.filter(c => c.url.startsWith(UPSTREAMS.circleci)),
    ).toEqual([
      {
        method: 'POST',
        url: `${UPSTREAMS.circleci}/project/gh/rlhatcher/rocket-club/pipeline`,
        body: {
          branch: 'main',
          parameters: {
            'park-infrastructure-mode': true,
            'terraform-prod-mode': false,
          },
        },
      },
    ]);
    expect(retried.output?.links).toContainEqual({
      title: 'Pipeline #412',
      icon: 'dashboard',
      url: `${UPSTREAMS.circleciApp}/pipelines/github/rlhatcher/rocket-club/412`,
    });
    expect(upstreams.writes(UPSTREAMS.github)).toEqual([]);
  });
});
