import { registerMswTestHooks } from '@backstage/backend-test-utils';
import type { OperationResult } from '@rocket-club/plugin-environments-common';
import { setupServer } from 'msw/node';
import {
  CheckpointStore,
  actionContext,
  outputsOf,
} from '../__testUtils__/actionContext';
import {
  actionOptions,
  backendError,
  json,
  onBehalfOfInitiator,
  serve,
} from '../__testUtils__/environmentsApi';
import { inputErrors } from '../__testUtils__/schema';
import { createEnvironmentImageBumpAction } from './imageBump';

const fromTag = 'prefect-deployer-3-python3.12-1a2b3c4';
const toTag = 'prefect-deployer-3-python3.12-9f8e7d6';
const diff = [
  '--- a/infra/platform/infra/envs/prod/main.tf',
  '+++ b/infra/platform/infra/envs/prod/main.tf',
  '@@ -3,1 +3,1 @@',
  `-  prefect_deployer_image = "blog-data:${fromTag}"`,
  `+  prefect_deployer_image = "blog-data:${toTag}"`,
].join('\n');

function bumped(overrides: Partial<OperationResult> = {}): OperationResult {
  return {
    operation: 'bump',
    environment: 'prod',
    dryRun: false,
    message: `Opened pull request #57 pinning ${toTag}`,
    image: 'deployer',
    fromTag,
    toTag,
    digest: 'sha256:feed',
    diff,
    pullRequest: {
      number: 57,
      url: 'https://github.com/rlhatcher/rocket-club/pull/57',
      branch: 'environments/bump-prod-deployer',
      title: `Pin the prod deployer image to ${toTag}`,
      body: '...',
      updated: false,
    },
    ...overrides,
  };
}

describe('environments:image:bump', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const action = createEnvironmentImageBumpAction(actionOptions());
  const bumpRoute = '/environments/:name/images/:image/bump';

  it('opens the pull request once per task step, on behalf of the initiator', async () => {
    const requests = serve(server, 'post', bumpRoute, json(bumped()));
    const checkpoints = new CheckpointStore();
    const run = () =>
      actionContext(
        { environment: 'resource:default/prod', tag: '' },
        { checkpoint: checkpoints.checkpoint },
      );

    const first = run();
    await action.handler(first);
    const retry = run();
    await action.handler(retry);

    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/environments/resource%3Adefault%2Fprod/images/deployer/bump',
        authorization: onBehalfOfInitiator,
        idempotencyKey: expect.stringMatching(/^scaffolder:task-1:step-1:/),
        // An empty tag (an unset form field) means the newest one.
        body: {},
      },
    ]);
    expect(outputsOf(first)).toEqual({
      message: `Opened pull request #57 pinning ${toTag}`,
      noop: false,
      fromTag,
      toTag,
      digest: 'sha256:feed',
      diff,
      pullRequestUrl: 'https://github.com/rlhatcher/rocket-club/pull/57',
      pullRequestNumber: 57,
      pullRequestBranch: 'environments/bump-prod-deployer',
      pullRequestUpdated: false,
    });
    expect(outputsOf(retry)).toEqual(outputsOf(first));
  });

  it('sends a given tag and image', async () => {
    const requests = serve(server, 'post', bumpRoute, json(bumped()));

    await action.handler(
      actionContext({ environment: 'prod', image: 'base', tag: toTag }),
    );

    expect(requests[0]).toMatchObject({
      path: '/environments/prod/images/base/bump',
      body: { tag: toTag },
    });
  });

  it('on a dry run, gets the real diff and opens nothing', async () => {
    const requests = serve(
      server,
      'post',
      bumpRoute,
      json(
        bumped({
          dryRun: true,
          message: `Would open a pull request pinning ${toTag}`,
          pullRequest: {
            ...bumped().pullRequest!,
            number: undefined,
            url: undefined,
          },
        }),
      ),
    );
    const ctx = actionContext(
      { environment: 'prod', tag: toTag },
      { isDryRun: true },
    );

    await action.handler(ctx);

    expect(requests).toEqual([
      expect.objectContaining({
        body: { tag: toTag, dryRun: true },
        idempotencyKey: null,
      }),
    ]);
    expect(outputsOf(ctx)).toEqual({
      message: `Would open a pull request pinning ${toTag}`,
      noop: false,
      fromTag,
      toTag,
      digest: 'sha256:feed',
      diff,
      pullRequestBranch: 'environments/bump-prod-deployer',
      pullRequestUpdated: false,
    });
  });

  it('reports a tag that is already pinned without failing', async () => {
    serve(
      server,
      'post',
      bumpRoute,
      json({
        operation: 'bump',
        environment: 'prod',
        dryRun: false,
        noop: true,
        fromTag: toTag,
        toTag,
        message: `prod already pins ${toTag}`,
      }),
    );
    const ctx = actionContext({ environment: 'prod' });

    await action.handler(ctx);

    expect(outputsOf(ctx)).toEqual({
      message: `prod already pins ${toTag}`,
      noop: true,
      fromTag: toTag,
      toTag,
    });
  });

  it.each([
    [
      400,
      'InputError',
      "Tag 'latest' does not match the pattern of image 'deployer'",
    ],
    [403, 'NotAllowedError', "user:default/ada may not bump images of 'prod'"],
    [409, 'ConflictError', 'prod is locked: deploy pipeline #410 is running'],
  ])('fails with the backend message on %s', async (status, name, message) => {
    serve(server, 'post', bumpRoute, backendError(status, name, message));

    await expect(
      action.handler(actionContext({ environment: 'prod', tag: 'latest' })),
    ).rejects.toMatchObject({ name, message, stack: `${name}: ${message}` });
  });

  it('validates its input', () => {
    expect(inputErrors(action, { environment: 'prod' })).toEqual([]);
    expect(
      inputErrors(action, { environment: 'prod', tag: toTag, dryRun: true }),
    ).toEqual([]);
    expect(inputErrors(action, { environment: 'prod', tag: 7 })).toHaveLength(
      1,
    );
    expect(inputErrors(action, { tag: toTag })).toHaveLength(1);
  });
});
