import { registerMswTestHooks } from '@backstage/backend-test-utils';
import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
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
import { createEnvironmentImageRebuildAction } from './imageRebuild';
import { examples as imageRebuildExamples } from './imageRebuild.examples';
import { PipelineActionOptions } from './options';
import { createEnvironmentParkAction } from './park';
import { examples as parkExamples } from './park.examples';
import { createEnvironmentUnparkAction } from './unpark';
import { examples as unparkExamples } from './unpark.examples';

/** The example sets of the actions that trigger an environment's pipeline. */
describe.each([
  {
    id: 'environments:park',
    create: (o: PipelineActionOptions) => createEnvironmentParkAction(o),
    examples: parkExamples,
    operation: 'park' as const,
    picked: 'parks the picked entity',
    waited: 'parks prod',
  },
  {
    id: 'environments:unpark',
    create: (o: PipelineActionOptions) => createEnvironmentUnparkAction(o),
    examples: unparkExamples,
    operation: 'unpark' as const,
    picked: 'unparks the picked entity',
    waited: 'unparks prod',
  },
  {
    id: 'environments:image:rebuild',
    create: (o: PipelineActionOptions) =>
      createEnvironmentImageRebuildAction(o),
    examples: imageRebuildExamples,
    operation: 'rebuild' as const,
    picked: 'rebuilds for the picked entity',
    waited: 'rebuilds',
  },
])('$id examples', ({ id, create, examples, operation, picked, waited }) => {
  const server = setupServer();
  registerMswTestHooks(server);
  const action = create({
    ...actionOptions(),
    clock: { now: () => 0, sleep: async () => {} },
  });
  const route = `/environments/:name/${operation}`;
  const run = async (index: number) => {
    const step = exampleStep((examples as TemplateExample[])[index], action);
    const ctx = actionContext(step.input, { step: { id: step.id } });
    await action.handler(ctx);
    return outputsOf(ctx);
  };

  it('has the examples tested here', () => {
    expect(action.id).toBe(id);
    expect(action.examples).toBe(examples);
    expect(examples).toHaveLength(3);
  });

  it(`example 0 ${picked} without waiting`, async () => {
    const requests = serve(server, 'post', route, json(triggered(operation)));

    const outputs = await run(0);

    expect(requests).toEqual([
      expect.objectContaining({
        path: `/environments/resource%3Adefault%2Fprod/${operation}`,
        body: {},
        idempotencyKey: expect.stringMatching(
          new RegExp(`^scaffolder:task-1:${operation}:`),
        ),
      }),
    ]);
    expect(outputs).toMatchObject({ pipelineNumber: 412 });
    expect(outputs.workflowStatus).toBeUndefined();
  });

  it(`example 1 ${waited} and waits for the workflow`, async () => {
    serve(server, 'post', route, json(triggered(operation)));
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
    const message = `Would ${operation} prod`;
    const requests = serve(
      server,
      'post',
      route,
      json(triggered(operation, { dryRun: true, message })),
    );

    const outputs = await run(2);

    expect(requests).toEqual([
      expect.objectContaining({ body: { dryRun: true }, idempotencyKey: null }),
    ]);
    expect(outputs).toEqual({
      message,
      parameters: { [`${operation}-mode`]: true, 'terraform-prod-mode': false },
    });
  });
});
