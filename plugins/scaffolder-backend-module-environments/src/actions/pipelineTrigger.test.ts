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
} from '../__testUtils__/environmentsApi';
import { inputErrors } from '../__testUtils__/schema';
import { createCircleciPipelineTriggerAction } from './pipelineTrigger';

describe('circleci:pipeline:trigger', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const action = createCircleciPipelineTriggerAction(actionOptions());
  const parameters = { 'terraform-prod-mode': true };
  const result = triggered('trigger', {
    pipeline: { ...triggered('trigger').pipeline!, parameters },
  });

  it('triggers the pipeline once per task step, on behalf of the initiator', async () => {
    const requests = serve(server, 'post', '/pipelines', json(result));
    const checkpoints = new CheckpointStore();
    const run = () =>
      actionContext(
        { environment: 'resource:default/prod', branch: 'main', parameters },
        { checkpoint: checkpoints.checkpoint },
      );

    const first = run();
    await action.handler(first);
    await action.handler(run());

    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/pipelines',
        authorization: onBehalfOfInitiator,
        idempotencyKey: expect.stringMatching(/^scaffolder:task-1:step-1:/),
        body: {
          environment: 'resource:default/prod',
          branch: 'main',
          parameters,
        },
      },
    ]);
    expect(outputsOf(first)).toEqual({
      message: 'Triggered the trigger pipeline of prod',
      parameters,
      pipelineId: 'pipe-412',
      pipelineNumber: 412,
      pipelineUrl:
        'https://app.circleci.com/pipelines/gh/rlhatcher/rocket-club/412',
    });
  });

  it('leaves out an empty branch, so the configured one applies', async () => {
    const requests = serve(server, 'post', '/pipelines', json(result));

    await action.handler(
      actionContext({ environment: 'prod', branch: '', parameters }),
    );

    expect(requests[0].body).toEqual({ environment: 'prod', parameters });
  });

  it('keeps different parameters apart under one step', async () => {
    const requests = serve(server, 'post', '/pipelines', json(result));

    await action.handler(actionContext({ environment: 'prod', parameters }));
    await action.handler(
      actionContext({
        environment: 'prod',
        parameters: { 'refresh-prefect-image-mode': true },
      }),
    );

    expect(requests[0].idempotencyKey).not.toBe(requests[1].idempotencyKey);
  });

  it('on a dry run, has the parameters checked and triggers nothing', async () => {
    const requests = serve(
      server,
      'post',
      '/pipelines',
      json({ ...result, dryRun: true, message: 'Would trigger' }),
    );
    const ctx = actionContext({
      environment: 'prod',
      parameters,
      dryRun: true,
    });

    await action.handler(ctx);

    expect(requests).toEqual([
      expect.objectContaining({
        body: { environment: 'prod', parameters, dryRun: true },
        idempotencyKey: null,
      }),
    ]);
    expect(outputsOf(ctx)).toEqual({ message: 'Would trigger', parameters });
  });

  it('fails with the backend message for an undeclared parameter', async () => {
    const message =
      "Pipeline parameter 'deploy-everything' is not declared in .circleci/config.yml at 'main'";
    serve(
      server,
      'post',
      '/pipelines',
      backendError(400, 'InputError', message),
    );

    await expect(
      action.handler(
        actionContext({
          environment: 'prod',
          parameters: { 'deploy-everything': true },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InputError', message });
  });

  it('validates its input', () => {
    expect(inputErrors(action, { environment: 'prod', parameters })).toEqual(
      [],
    );
    expect(
      inputErrors(action, {
        environment: 'prod',
        parameters: { a: 'x', b: 2, c: false },
      }),
    ).toEqual([]);
    expect(inputErrors(action, { environment: 'prod' })).toHaveLength(1);
    expect(
      inputErrors(action, { environment: 'prod', parameters: { a: { b: 1 } } }),
    ).not.toEqual([]);
  });
});
