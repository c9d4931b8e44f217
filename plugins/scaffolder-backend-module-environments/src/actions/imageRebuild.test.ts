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

describe('environments:image:rebuild', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const action = createEnvironmentImageRebuildAction({
    ...actionOptions(),
    clock: { now: () => 0, sleep: async () => {} },
  });

  it('triggers the rebuild pipeline once per task step, on behalf of the initiator', async () => {
    const requests = serve(
      server,
      'post',
      '/environments/:name/rebuild',
      json(triggered('rebuild')),
    );
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
        path: '/environments/resource%3Adefault%2Fprod/rebuild',
        authorization: onBehalfOfInitiator,
        idempotencyKey: expect.stringMatching(/^scaffolder:task-1:step-1:/),
        body: {},
      },
    ]);
    expect(outputsOf(first)).toEqual({
      message: 'Triggered the rebuild pipeline of prod',
      parameters: { 'rebuild-mode': true, 'terraform-prod-mode': false },
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
      '/environments/:name/rebuild',
      json(triggered('rebuild', { dryRun: true, message: 'Would trigger' })),
    );
    const ctx = actionContext({ environment: 'prod' }, { isDryRun: true });

    await action.handler(ctx);

    expect(requests).toEqual([
      expect.objectContaining({ body: { dryRun: true }, idempotencyKey: null }),
    ]);
    expect(outputsOf(ctx)).toEqual({
      message: 'Would trigger',
      parameters: { 'rebuild-mode': true, 'terraform-prod-mode': false },
    });
  });

  it('fails with the backend message when the environment is locked', async () => {
    serve(
      server,
      'post',
      '/environments/:name/rebuild',
      backendError(
        409,
        'ConflictError',
        'prod is locked: park pipeline #411 is running',
      ),
    );

    await expect(
      action.handler(actionContext({ environment: 'prod' })),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: 'prod is locked: park pipeline #411 is running',
      stack: 'ConflictError: prod is locked: park pipeline #411 is running',
    });
  });

  it('waits for the workflow when asked', async () => {
    serve(
      server,
      'post',
      '/environments/:name/rebuild',
      json(triggered('rebuild')),
    );
    serve(
      server,
      'get',
      '/environments/:name/deployments',
      json({
        items: [
          workflow('pipe-412', 'running', {
            workflowName: 'refresh-prefect-image',
          }),
        ],
      }),
      json({
        items: [
          workflow('pipe-412', 'success', {
            workflowName: 'refresh-prefect-image',
          }),
        ],
      }),
    );
    const ctx = actionContext({ environment: 'prod', waitForCompletion: true });

    await action.handler(ctx);

    expect(outputsOf(ctx).workflowStatus).toBe('success');
  });
});
