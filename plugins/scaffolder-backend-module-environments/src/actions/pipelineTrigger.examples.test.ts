import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { actionContext, outputsOf } from '../__testUtils__/actionContext';
import {
  actionOptions,
  json,
  serve,
  triggered,
} from '../__testUtils__/environmentsApi';
import { exampleStep } from '../__testUtils__/examples';
import { createCircleciPipelineTriggerAction } from './pipelineTrigger';
import { examples } from './pipelineTrigger.examples';

describe('circleci:pipeline:trigger examples', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const action = createCircleciPipelineTriggerAction(actionOptions());
  const run = async (index: number, dryRun = false) => {
    const step = exampleStep(examples[index], action);
    const parameters = step.input.parameters as Record<string, boolean>;
    const requests = serve(
      server,
      'post',
      '/pipelines',
      json(
        triggered('trigger', {
          dryRun,
          pipeline: { ...triggered('trigger').pipeline!, parameters },
        }),
      ),
    );
    const ctx = actionContext(step.input, { step: { id: step.id } });
    await action.handler(ctx);
    return { requests, outputs: outputsOf(ctx), parameters };
  };

  it('has the examples tested here', () => {
    expect(action.examples).toBe(examples);
    expect(examples).toHaveLength(2);
  });

  it('example 0 triggers terraform-prod on main', async () => {
    const { requests, outputs } = await run(0);

    expect(requests).toEqual([
      expect.objectContaining({
        path: '/pipelines',
        body: {
          environment: 'resource:default/prod',
          branch: 'main',
          parameters: { 'terraform-prod-mode': true },
        },
        idempotencyKey: expect.stringMatching(/^scaffolder:task-1:trigger:/),
      }),
    ]);
    expect(outputs).toMatchObject({ pipelineNumber: 412 });
  });

  it('example 1 previews and triggers nothing', async () => {
    const { requests, outputs, parameters } = await run(1, true);

    expect(requests).toEqual([
      expect.objectContaining({
        body: { environment: 'prod', parameters, dryRun: true },
        idempotencyKey: null,
      }),
    ]);
    expect(outputs.pipelineNumber).toBeUndefined();
  });
});
