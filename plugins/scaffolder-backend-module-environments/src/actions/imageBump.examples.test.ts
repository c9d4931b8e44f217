import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { actionContext, outputsOf } from '../__testUtils__/actionContext';
import { actionOptions, json, serve } from '../__testUtils__/environmentsApi';
import { exampleStep } from '../__testUtils__/examples';
import { createEnvironmentImageBumpAction } from './imageBump';
import { examples } from './imageBump.examples';

const pullRequest = {
  number: 58,
  url: 'https://github.com/rlhatcher/rocket-club/pull/58',
  branch: 'environments/bump-prod-deployer',
  title: 'Pin the prod deployer image',
  body: '...',
  updated: false,
};

describe('environments:image:bump examples', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const action = createEnvironmentImageBumpAction(actionOptions());
  const run = async (index: number, response: object) => {
    const requests = serve(
      server,
      'post',
      '/environments/:name/images/:image/bump',
      json({ operation: 'bump', environment: 'prod', ...response }),
    );
    const step = exampleStep(examples[index], action);
    const ctx = actionContext(step.input, { step: { id: step.id } });
    await action.handler(ctx);
    return { requests, outputs: outputsOf(ctx) };
  };

  it('has the examples tested here', () => {
    expect(action.examples).toBe(examples);
    expect(examples).toHaveLength(3);
  });

  it('example 0 pins the newest tag of the picked entity', async () => {
    const { requests, outputs } = await run(0, {
      dryRun: false,
      message: 'Opened #58',
      toTag: 'prefect-deployer-3-python3.12-9f8e7d6',
      pullRequest,
    });

    expect(requests).toEqual([
      expect.objectContaining({
        path: '/environments/resource%3Adefault%2Fprod/images/deployer/bump',
        body: {},
        idempotencyKey: expect.stringMatching(/^scaffolder:task-1:bump:/),
      }),
    ]);
    expect(outputs).toMatchObject({ pullRequestNumber: 58, noop: false });
  });

  it('example 1 pins the given tag', async () => {
    const { requests, outputs } = await run(1, {
      dryRun: false,
      message: 'Opened #58',
      toTag: 'prefect-deployer-3-python3.12-1a2b3c4',
      pullRequest,
    });

    expect(requests[0]).toMatchObject({
      path: '/environments/prod/images/deployer/bump',
      body: { tag: 'prefect-deployer-3-python3.12-1a2b3c4' },
    });
    expect(outputs).toMatchObject({
      toTag: 'prefect-deployer-3-python3.12-1a2b3c4',
      pullRequestUrl: pullRequest.url,
    });
  });

  it('example 2 previews the diff and opens nothing', async () => {
    const { requests, outputs } = await run(2, {
      dryRun: true,
      message: 'Would open a pull request',
      diff: '-old\n+new',
      pullRequest: { ...pullRequest, number: undefined, url: undefined },
    });

    expect(requests).toEqual([
      expect.objectContaining({ body: { dryRun: true }, idempotencyKey: null }),
    ]);
    expect(outputs).toMatchObject({ diff: '-old\n+new' });
    expect(outputs.pullRequestUrl).toBeUndefined();
  });
});
