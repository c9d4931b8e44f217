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
import { createEnvironmentUnparkAction } from './unpark';

describe('environments:unpark', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const action = createEnvironmentUnparkAction({
    ...actionOptions(),
    clock: { now: () => 0, sleep: async () => {} },
  });

  it('triggers the unpark pipeline once per task step, on behalf of the initiator', async () => {
    const requests = serve(
      server,
      'post',
      '/environments/:name/unpark',
      json(triggered('unpark')),
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
        path: '/environments/resource%3Adefault%2Fprod/unpark',
        authorization: onBehalfOfInitiator,
        idempotencyKey: expect.stringMatching(/^scaffolder:task-1:step-1:/),
        body: {},
      },
    ]);
    expect(outputsOf(first)).toEqual({
      message: 'Triggered the unpark pipeline of prod',
      parameters: { 'unpark-mode': true, 'terraform-prod-mode': false },
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
      '/environments/:name/unpark',
      json(triggered('unpark', { dryRun: true, message: 'Would trigger' })),
    );
    const ctx = actionContext({ environment: 'prod' }, { isDryRun: true });

    await action.handler(ctx);

    expect(requests).toEqual([
      expect.objectContaining({ body: { dryRun: true }, idempotencyKey: null }),
    ]);
    expect(outputsOf(ctx)).toEqual({
      message: 'Would trigger',
      parameters: { 'unpark-mode': true, 'terraform-prod-mode': false },
    });
  });

  it('fails with the backend message when the environment is locked', async () => {
    serve(
      server,
      'post',
      '/environments/:name/unpark',
      backendError(
        409,
        'ConflictError',
        'prod is locked: deploy pipeline #410 is running',
      ),
    );

    await expect(
      action.handler(actionContext({ environment: 'prod' })),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: 'prod is locked: deploy pipeline #410 is running',
      stack: 'ConflictError: prod is locked: deploy pipeline #410 is running',
    });
  });

  it('refuses an unknown input key instead of running for real, calling nothing', async () => {
    const requests = serve(
      server,
      'post',
      '/environments/:name/unpark',
      json(triggered('unpark')),
    );
    const input = { environment: 'prod', dry_run: true };
    expect(inputErrors(action, input)).toEqual([
      'instance is not allowed to have the additional property "dry_run"',
    ]);
    await expect(action.handler(actionContext(input))).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('does not take "dry_run"'),
    });
    expect(requests).toEqual([]);
  });

  it('fails a dry run that the real run would fail: an active environment is not unparked', async () => {
    serve(
      server,
      'post',
      '/environments/:name/unpark',
      json({
        operation: 'unpark',
        environment: 'prod',
        dryRun: true,
        wouldSucceed: false,
        reason: 'prod is already active',
        message: 'Would not unpark prod: prod is already active',
      }),
    );
    await expect(
      action.handler(
        actionContext({ environment: 'prod' }, { isDryRun: true }),
      ),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: 'The real run would be refused: prod is already active',
    });
  });

  it('fails the real run on an active environment with the backend refusal', async () => {
    serve(
      server,
      'post',
      '/environments/:name/unpark',
      backendError(409, 'ConflictError', 'prod is already active'),
    );
    await expect(
      action.handler(actionContext({ environment: 'prod' })),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: 'prod is already active',
    });
  });

  it('waits for the workflow when asked', async () => {
    serve(
      server,
      'post',
      '/environments/:name/unpark',
      json(triggered('unpark')),
    );
    serve(
      server,
      'get',
      '/environments/:name/deployments',
      json({
        items: [
          workflow('pipe-412', 'running', {
            workflowName: 'unpark-infrastructure',
          }),
        ],
      }),
      json({
        items: [
          workflow('pipe-412', 'success', {
            workflowName: 'unpark-infrastructure',
          }),
        ],
      }),
    );
    const ctx = actionContext({ environment: 'prod', waitForCompletion: true });

    await action.handler(ctx);

    expect(outputsOf(ctx).workflowStatus).toBe('success');
  });
});
