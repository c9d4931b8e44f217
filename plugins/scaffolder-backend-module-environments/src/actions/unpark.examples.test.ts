import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { actionContext, outputsOf } from '../__testUtils__/actionContext';
import {
  actionOptions,
  json,
  serve,
  triggered,
  workflow,
} from '../__testUtils__/environmentsApi';
import { exampleStep } from '../__testUtils__/examples';
import { createEnvironmentUnparkAction } from './unpark';
import { examples } from './unpark.examples';

describe('environments:unpark examples', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const action = createEnvironmentUnparkAction({
    ...actionOptions(),
    clock: { now: () => 0, sleep: async () => {} },
  });
  const run = async (index: number) => {
    const step = exampleStep(examples[index], action);
    const ctx = actionContext(step.input, { step: { id: step.id } });
    await action.handler(ctx);
    return outputsOf(ctx);
  };

  it('has the examples tested here', () => {
    expect(action.examples).toBe(examples);
    expect(examples).toHaveLength(3);
  });

  it('example 0 unparks the picked entity without waiting', async () => {
    const requests = serve(
      server,
      'post',
      '/environments/:name/unpark',
      json(triggered('unpark')),
    );

    const outputs = await run(0);

    expect(requests).toEqual([
      expect.objectContaining({
        path: '/environments/resource%3Adefault%2Fprod/unpark',
        body: {},
        idempotencyKey: expect.stringMatching(/^scaffolder:task-1:unpark:/),
      }),
    ]);
    expect(outputs).toMatchObject({ pipelineNumber: 412 });
    expect(outputs.workflowStatus).toBeUndefined();
  });

  it('example 1 unparks prod and waits for the workflow', async () => {
    serve(
      server,
      'post',
      '/environments/:name/unpark',
      json(triggered('unpark')),
    );
    const polls = serve(
      server,
      'get',
      '/environments/:name/deployments',
      json({ items: [workflow('pipe-412', 'running')] }),
      json({ items: [workflow('pipe-412', 'success')] }),
    );

    const outputs = await run(1);

    expect(polls).toHaveLength(2);
    expect(outputs).toMatchObject({
      pipelineNumber: 412,
      workflowStatus: 'success',
    });
  });

  it('example 2 previews and triggers nothing', async () => {
    const requests = serve(
      server,
      'post',
      '/environments/:name/unpark',
      json(triggered('unpark', { dryRun: true, message: 'Would unpark prod' })),
    );

    const outputs = await run(2);

    expect(requests).toEqual([
      expect.objectContaining({ body: { dryRun: true }, idempotencyKey: null }),
    ]);
    expect(outputs).toEqual({
      message: 'Would unpark prod',
      parameters: { 'unpark-mode': true, 'terraform-prod-mode': false },
    });
  });
});
