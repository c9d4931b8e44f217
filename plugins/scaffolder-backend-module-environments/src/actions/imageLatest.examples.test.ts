import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { actionContext, outputsOf } from '../__testUtils__/actionContext';
import { actionOptions, json, serve } from '../__testUtils__/environmentsApi';
import { exampleStep } from '../__testUtils__/examples';
import { createEnvironmentImageLatestAction } from './imageLatest';
import { examples } from './imageLatest.examples';

const images = {
  environment: 'prod',
  source: 'infra/platform/infra/envs/prod/main.tf@main',
  images: [
    {
      name: 'deployer',
      local: 'prefect_deployer_image',
      ecrRepository: 'blog-data',
      bumpable: true,
      newest: {
        tag: 'prefect-deployer-3-python3.12-9f8e7d6',
        digest: 'sha256:feed',
        pushedAt: '2026-01-02T10:00:00Z',
        commitSha: '9f8e7d6',
      },
    },
  ],
};

describe('environments:image:latest examples', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const action = createEnvironmentImageLatestAction(actionOptions());

  it('has the examples tested here', () => {
    expect(action.examples).toBe(examples);
    expect(examples).toHaveLength(2);
  });

  it.each(examples.map((e, i) => [e.description, i]))(
    '%s',
    async (_, index) => {
      const requests = serve(
        server,
        'get',
        '/environments/:name/images',
        json(images),
      );
      const step = exampleStep(examples[index], action);
      const ctx = actionContext(step.input, { step: { id: step.id } });

      await action.handler(ctx);

      expect(requests).toHaveLength(1);
      expect(outputsOf(ctx)).toEqual({
        tag: 'prefect-deployer-3-python3.12-9f8e7d6',
        digest: 'sha256:feed',
        pushedAt: '2026-01-02T10:00:00Z',
        commitSha: '9f8e7d6',
      });
    },
  );
});
