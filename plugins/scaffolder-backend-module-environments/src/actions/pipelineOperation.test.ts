import { registerMswTestHooks } from '@backstage/backend-test-utils';
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
  triggered,
  workflow,
} from '../__testUtils__/environmentsApi';
import { inputErrors } from '../__testUtils__/schema';
import { createEnvironmentImageRebuildAction } from './imageRebuild';
import { PipelineActionOptions } from './options';
import { createEnvironmentUnparkAction } from './unpark';

/**
 * The cases every action built by `createPipelineOperationAction` answers
 * the same way; each action's own cases are in its own test file.
 */
describe.each([
  {
    id: 'environments:image:rebuild',
    create: (o: PipelineActionOptions) =>
      createEnvironmentImageRebuildAction(o),
    operation: 'rebuild' as const,
    workflowName: 'refresh-prefect-image',
    lockedBy: 'park pipeline #411',
  },
  {
    id: 'environments:unpark',
    create: (o: PipelineActionOptions) => createEnvironmentUnparkAction(o),
    operation: 'unpark' as const,
    workflowName: 'unpark-infrastructure',
    lockedBy: 'deploy pipeline #410',
  },
])('$id', ({ id, create, operation, workflowName, lockedBy }) => {
  const server = setupServer();
  registerMswTestHooks(server);
  const action = create({
    ...actionOptions(),
    clock: { now: () => 0, sleep: async () => {} },
  });
  const route = `/environments/:name/${operation}`;
  const parameters = {
    [`${operation}-mode`]: true,
    'terraform-prod-mode': false,
  };

  it('is the action under test', () => {
    expect(action.id).toBe(id);
  });

  it(`triggers the ${operation} pipeline once per task step, on behalf of the initiator`, async () => {
    const requests = serve(server, 'post', route, json(triggered(operation)));
    const checkpoints = new CheckpointStore();
    const ctx = () =>
      actionContext(
        { environment: 'resource:default/prod' },
        { checkpoint: checkpoints.checkpoint },
      );

    const first = ctx();
    await action.handler(first);
    await action.handler(ctx());

    expect(requests).toEqual([
      {
        method: 'POST',
        path: `/environments/resource%3Adefault%2Fprod/${operation}`,
        authorization: onBehalfOfInitiator,
        idempotencyKey: expect.stringMatching(/^scaffolder:task-1:step-1:/),
        body: {},
      },
    ]);
    expect(outputsOf(first)).toEqual({
      message: `Triggered the ${operation} pipeline of prod`,
      parameters,
      pipelineId: 'pipe-412',
      pipelineNumber: 412,
      pipelineUrl:
        'https://app.circleci.com/pipelines/gh/rlhatcher/rocket-club/412',
    });
  });

  it('requires an environment', () => {
    expect(inputErrors(action, {})).toEqual([
      'instance requires property "environment"',
    ]);
    expect(inputErrors(action, { environment: 'prod', dryRun: true })).toEqual(
      [],
    );
  });

  it('on a dry run, asks for the pipeline only', async () => {
    const requests = serve(
      server,
      'post',
      route,
      json(triggered(operation, { dryRun: true, message: 'Would trigger' })),
    );
    const ctx = actionContext({ environment: 'prod' }, { isDryRun: true });

    await action.handler(ctx);

    expect(requests).toEqual([
      expect.objectContaining({ body: { dryRun: true }, idempotencyKey: null }),
    ]);
    expect(outputsOf(ctx)).toEqual({ message: 'Would trigger', parameters });
  });

  it('fails with the backend message when the environment is locked', async () => {
    const message = `prod is locked: ${lockedBy} is running`;
    serve(server, 'post', route, backendError(409, 'ConflictError', message));

    await expect(
      action.handler(actionContext({ environment: 'prod' })),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message,
      stack: `ConflictError: ${message}`,
    });
  });

  it('waits for the workflow when asked', async () => {
    serve(server, 'post', route, json(triggered(operation)));
    serve(
      server,
      'get',
      '/environments/:name/deployments',
      json({ items: [workflow('pipe-412', 'running', { workflowName })] }),
      json({ items: [workflow('pipe-412', 'success', { workflowName })] }),
    );
    const ctx = actionContext({ environment: 'prod', waitForCompletion: true });

    await action.handler(ctx);

    expect(outputsOf(ctx).workflowStatus).toBe('success');
  });
});
