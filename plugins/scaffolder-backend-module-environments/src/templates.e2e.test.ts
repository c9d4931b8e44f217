import { mockCredentials, TestBackend } from '@backstage/backend-test-utils';
import type { Sandbox } from '@rocket-club/sandbox';
import {
  repositoryOf,
  SandboxRepository,
} from '@rocket-club/sandbox/testUtils';
import request from 'supertest';
import { idempotencyKey } from './actions/mutation';
import { REGISTRY, SECRETS, TF_PATH } from './__testUtils__/e2eConfig';
import {
  EnvironmentsE2e,
  newestTag,
  startEnvironmentsE2e,
  stepStatuses,
} from './__testUtils__/environmentsE2e';
import { retryTask, runTemplate } from './__testUtils__/scaffolderBackend';

// The templates run through the real scaffolder, this module and the real
// environments backend in one backend; GitHub, CircleCI and ECR are the
// sandbox's stand-ins, over HTTP.

jest.setTimeout(30_000);

const OWNER = 'user:default/ada';
const NON_OWNER = 'user:default/grace';
const PROD = 'resource:default/prod';
const BRANCH = 'environments/bump-prod-deployer';

const DEPLOYER_TAG = /^prefect-deployer-3-python3\.12-[0-9a-f]{7,40}$/;
const PINNED_TAG = /^\s*prefect_deployer_image\s*=\s*"[^"]*:([^"]+)"/m;

/** The requests an upstream served that change something there. */
async function writes(sandbox: Sandbox, upstream: 'github' | 'circleci') {
  return (await sandbox.admin.requests())[upstream]
    .filter(r => r.method !== 'GET')
    .map(r => `${r.method} ${r.path}`);
}

/** A pull request as the GitHub stand-in's REST API answers it. */
async function pullRequest(sandbox: Sandbox, number: number) {
  const response = await fetch(
    `${sandbox.githubUrl}/repos/rlhatcher/rocket-club/pulls/${number}`,
    { headers: { authorization: 'token t' } },
  );
  return (await response.json()) as { html_url: string; body: string };
}

describe('templates against the environments backend', () => {
  // Every test gets a sandbox of its own: the bump leaves a branch and a
  // pull request behind, which the next bump would adopt (about 0.1 s each
  // once the contracts are loaded).
  let e2e: EnvironmentsE2e;
  let backend: TestBackend;
  let sandbox: Sandbox;
  let repo: SandboxRepository;
  /** The main.tf of the sandbox's main, the pin it holds, the newest tag. */
  let MAIN_TF: string;
  let PINNED: string;
  let NEWEST: string;
  beforeEach(async () => {
    e2e = await startEnvironmentsE2e([OWNER]);
    ({ backend, sandbox } = e2e);
    repo = repositoryOf(sandbox);
    MAIN_TF = repo.file('main', TF_PATH)!;
    PINNED = PINNED_TAG.exec(MAIN_TF)![1];
    NEWEST = newestTag(sandbox, DEPLOYER_TAG);
    if (NEWEST === PINNED) {
      throw new Error(
        `The sandbox has nothing newer than ${PINNED} to bump to`,
      );
    }
  });
  afterEach(() => e2e?.stop());

  it('bumps the deployer for an owner: one pull request, one commit, one changed line', async () => {
    const run = await runTemplate(backend, 'bump-prefect-deployer-image', {
      environment: PROD,
    });

    expect(run.status).toBe('completed');
    expect(repo.pulls()).toEqual([
      expect.objectContaining({
        head: BRANCH,
        base: 'main',
        state: 'open',
        title: `Bump prod deployer image to ${NEWEST}`,
      }),
    ]);
    const [{ number }] = repo.pulls();
    const pull = await pullRequest(sandbox, number);
    expect(pull.body).toContain(`| from | \`${PINNED}\` |`);
    expect(pull.body).toContain(`| to | \`${NEWEST}\` |`);

    // The branch is one commit on top of main, changing exactly one line.
    expect(repo.parents(repo.head(BRANCH)!)).toEqual([repo.head('main')]);
    const before = repo.file('main', TF_PATH)!.split('\n');
    const after = repo.file(BRANCH, TF_PATH)!.split('\n');
    expect(repo.file('main', TF_PATH)).toBe(MAIN_TF);
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
      url: pull.html_url,
    });
    expect(JSON.stringify(run.output)).toContain(`From \`${PINNED}\``);
    expect(await writes(sandbox, 'circleci')).toEqual([]);
    expect(sandbox.violations()).toEqual([]);
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
    const opened = await writes(sandbox, 'github');
    // The commit first (git data API), then one ref update, then the pull
    // request: the branch never points at a commit without the change.
    expect(opened).toEqual([
      'POST /repos/rlhatcher/rocket-club/git/trees',
      'POST /repos/rlhatcher/rocket-club/git/commits',
      'POST /repos/rlhatcher/rocket-club/git/refs',
      'POST /repos/rlhatcher/rocket-club/pulls',
    ]);
    const branchHead = repo.head(BRANCH);
    const [{ number }] = repo.pulls();
    const { html_url: url } = await pullRequest(sandbox, number);

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
    expect(replay.body.pullRequest).toMatchObject({ number, url });

    expect(await writes(sandbox, 'github')).toEqual(opened);
    expect(repo.pulls()).toHaveLength(1);
    expect(repo.head(BRANCH)).toBe(branchHead);
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
    expect(await writes(sandbox, 'github')).toEqual([]);
    expect((await sandbox.admin.requests()).circleci).toEqual([]);
    expect(repo.pulls()).toEqual([]);
  });

  it('parks for an owner: one pipeline on main with the park parameters', async () => {
    const pipelinesBefore = (await sandbox.admin.pipelines()).length;
    const run = await runTemplate(backend, 'park-environment', {
      environment: PROD,
      waitForCompletion: false,
    });
    expect(run.status).toBe('completed');
    const retried = await retryTask(backend, run.id);
    expect(retried.status).toBe('completed');

    expect((await sandbox.admin.requests()).circleci).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/api/v2/project/gh/rlhatcher/rocket-club/pipeline',
        status: 201,
      }),
    ]);
    const pipelines = await sandbox.admin.pipelines();
    expect(pipelines).toHaveLength(pipelinesBefore + 1);
    const park = pipelines[pipelines.length - 1];
    expect(park).toMatchObject({ trigger: 'api', branch: 'main' });
    expect(park.parameters).toEqual({
      'park-infrastructure-mode': true,
      'terraform-prod-mode': false,
    });
    expect(retried.output?.links).toContainEqual({
      title: `Pipeline #${park.number}`,
      icon: 'dashboard',
      url: `${sandbox.circleciAppUrl}/pipelines/github/rlhatcher/rocket-club/${park.number}`,
    });
    expect(await writes(sandbox, 'github')).toEqual([]);
  });
});
