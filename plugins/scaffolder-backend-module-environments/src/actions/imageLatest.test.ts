import { registerMswTestHooks } from '@backstage/backend-test-utils';
import type { EnvironmentImages } from '@rocket-club/plugin-environments-common';
import { setupServer } from 'msw/node';
import { actionContext, outputsOf } from '../__testUtils__/actionContext';
import {
  actionOptions,
  backendError,
  json,
  onBehalfOfInitiator,
  serve,
} from '../__testUtils__/environmentsApi';
import { inputErrors } from '../__testUtils__/schema';
import { createEnvironmentImageLatestAction } from './imageLatest';

const newestTag = 'prefect-deployer-3-python3.12-9f8e7d6';
const images: EnvironmentImages = {
  environment: 'prod',
  source: 'infra/platform/infra/envs/prod/main.tf@main',
  images: [
    {
      name: 'deployer',
      local: 'prefect_deployer_image',
      ecrRepository: 'blog-data',
      bumpable: true,
      pinned: {
        reference: `111122223333.dkr.ecr.eu-west-2.amazonaws.com/blog-data:prefect-deployer-3-python3.12-1a2b3c4`,
        registry: '111122223333.dkr.ecr.eu-west-2.amazonaws.com',
        repository: 'blog-data',
        tag: 'prefect-deployer-3-python3.12-1a2b3c4',
      },
      newest: {
        tag: newestTag,
        digest: 'sha256:feed',
        pushedAt: '2026-01-02T10:00:00Z',
        commitSha: '9f8e7d6',
      },
      upToDate: false,
      compareUrl:
        'https://github.com/rlhatcher/rocket-club/compare/1a2b3c4...9f8e7d6',
    },
    {
      name: 'base',
      local: 'prefect_base_image',
      ecrRepository: 'blog-data',
      bumpable: false,
      error: 'ECR DescribeImages was throttled',
    },
  ],
};

describe('environments:image:latest', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const action = createEnvironmentImageLatestAction(actionOptions());

  it('outputs the newest deployer tag and how it compares with the pin', async () => {
    const requests = serve(
      server,
      'get',
      '/environments/:name/images',
      json(images),
    );
    const ctx = actionContext({ environment: 'resource:default/prod' });

    await action.handler(ctx);

    expect(requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/environments/resource%3Adefault%2Fprod/images',
        authorization: onBehalfOfInitiator,
      }),
    ]);
    expect(outputsOf(ctx)).toEqual({
      tag: newestTag,
      digest: 'sha256:feed',
      pushedAt: '2026-01-02T10:00:00Z',
      commitSha: '9f8e7d6',
      pinnedTag: 'prefect-deployer-3-python3.12-1a2b3c4',
      upToDate: false,
      compareUrl:
        'https://github.com/rlhatcher/rocket-club/compare/1a2b3c4...9f8e7d6',
    });
  });

  it('works in a dry run too, since it only reads', async () => {
    serve(server, 'get', '/environments/:name/images', json(images));
    const ctx = actionContext({ environment: 'prod' }, { isDryRun: true });

    await action.handler(ctx);

    expect(action.supportsDryRun).toBe(true);
    expect(outputsOf(ctx).tag).toBe(newestTag);
  });

  it('names the images there are when asked for an unknown one', async () => {
    serve(server, 'get', '/environments/:name/images', json(images));

    await expect(
      action.handler(actionContext({ environment: 'prod', image: 'worker' })),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message:
        "Environment 'prod' has no image 'worker'; its images: 'deployer', 'base'",
    });
  });

  it('says why there is no newest tag', async () => {
    serve(server, 'get', '/environments/:name/images', json(images));

    await expect(
      action.handler(actionContext({ environment: 'prod', image: 'base' })),
    ).rejects.toThrow(
      "No tag in ECR repository 'blog-data' matches image 'base' of 'prod': ECR DescribeImages was throttled",
    );
  });

  it('passes on a backend refusal as one line', async () => {
    serve(
      server,
      'get',
      '/environments/:name/images',
      backendError(404, 'NotFoundError', "No environment 'qa'"),
    );

    await expect(
      action.handler(actionContext({ environment: 'qa' })),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      stack: "NotFoundError: No environment 'qa'",
    });
  });

  it('validates its input', () => {
    expect(inputErrors(action, { environment: 'prod' })).toEqual([]);
    expect(
      inputErrors(action, { environment: 'prod', image: '' }),
    ).toHaveLength(1);
    expect(inputErrors(action, { image: 'deployer' })).toHaveLength(1);
  });
});
