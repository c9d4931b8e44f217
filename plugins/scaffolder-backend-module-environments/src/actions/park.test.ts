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
import { createEnvironmentParkAction } from './park';

function fakeClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: jest.fn(async (ms: number) => {
      now += ms;
    }),
  };
}

describe('environments:park', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const clock = fakeClock();
  const action = createEnvironmentParkAction({
    ...actionOptions(),
    clock,
    pollIntervalMs: 15_000,
  });

  it('triggers the park pipeline once, on behalf of the initiator', async () => {
    const requests = serve(
      server,
      'post',
      '/environments/:name/park',
      json(triggered('park')),
    );
    const ctx = actionContext({ environment: 'resource:default/prod' });

    await action.handler(ctx);

    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/environments/resource%3Adefault%2Fprod/park',
        authorization: onBehalfOfInitiator,
        idempotencyKey: expect.stringMatching(
          /^scaffolder:task-1:step-1:[0-9a-f]{16}$/,
        ),
        body: {},
      },
    ]);
    expect(outputsOf(ctx)).toEqual({
      message: 'Triggered the park pipeline of prod',
      parameters: { 'park-mode': true, 'terraform-prod-mode': false },
      pipelineId: 'pipe-412',
      pipelineNumber: 412,
      pipelineUrl:
        'https://app.circleci.com/pipelines/gh/rlhatcher/rocket-club/412',
    });
  });

  it('validates its input the way the scaffolder does', () => {
    expect(inputErrors(action, { environment: 'prod' })).toEqual([]);
    expect(
      inputErrors(action, {
        environment: 'prod',
        waitForCompletion: true,
        timeoutMinutes: 5,
        dryRun: false,
      }),
    ).toEqual([]);
    expect(inputErrors(action, {})).toEqual([
      'instance requires property "environment"',
    ]);
    expect(inputErrors(action, { environment: '' })).toHaveLength(1);
    expect(
      inputErrors(action, { environment: 'prod', timeoutMinutes: 0 }),
    ).toHaveLength(1);
    expect(
      inputErrors(action, { environment: 'prod', waitForCompletion: 'yes' }),
    ).toHaveLength(1);
  });

  it('acts once when the task is retried: the checkpoint returns the first result', async () => {
    const requests = serve(
      server,
      'post',
      '/environments/:name/park',
      json(triggered('park')),
      json(triggered('park', { pipeline: undefined, message: 'second' })),
    );
    const checkpoints = new CheckpointStore();
    const first = actionContext(
      { environment: 'prod' },
      { checkpoint: checkpoints.checkpoint },
    );
    const retry = actionContext(
      { environment: 'prod' },
      { checkpoint: checkpoints.checkpoint },
    );

    await action.handler(first);
    await action.handler(retry);

    expect(requests).toHaveLength(1);
    expect([...checkpoints.values.keys()]).toEqual([
      requests[0].idempotencyKey,
    ]);
    expect(outputsOf(retry)).toEqual(outputsOf(first));
  });

  it('uses a new idempotency key for another task, the same for the same step', async () => {
    const requests = serve(
      server,
      'post',
      '/environments/:name/park',
      json(triggered('park')),
    );

    await action.handler(actionContext({ environment: 'prod' }));
    await action.handler(actionContext({ environment: 'prod' }));
    await action.handler(
      actionContext({ environment: 'prod' }, { task: { id: 'task-2' } }),
    );

    const [a, b, c] = requests.map(r => r.idempotencyKey);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(c).toMatch(/^scaffolder:task-2:step-1:/);
  });

  it.each([
    ['a template dry run', { isDryRun: true }, {}],
    ['dryRun: true', {}, { dryRun: true }],
  ])(
    'on %s, asks for the pipeline only and triggers nothing',
    async (_, ctxOverrides, input) => {
      const requests = serve(
        server,
        'post',
        '/environments/:name/park',
        json(
          triggered('park', {
            dryRun: true,
            message: 'Would trigger the park pipeline of prod',
          }),
        ),
      );
      const checkpoints = new CheckpointStore();
      const ctx = actionContext(
        { environment: 'prod', waitForCompletion: true, ...input },
        { ...ctxOverrides, checkpoint: checkpoints.checkpoint },
      );

      await action.handler(ctx);

      expect(requests).toEqual([
        expect.objectContaining({
          body: { dryRun: true },
          idempotencyKey: null,
        }),
      ]);
      expect(checkpoints.values.size).toBe(0);
      expect(outputsOf(ctx)).toEqual({
        message: 'Would trigger the park pipeline of prod',
        parameters: { 'park-mode': true, 'terraform-prod-mode': false },
      });
    },
  );

  it.each([
    [409, 'ConflictError', 'prod is locked: park pipeline #411 is running'],
    [403, 'NotAllowedError', "user:default/ada may not park 'prod'"],
    [400, 'InputError', "unknown environment 'qa'"],
  ])(
    'fails with the backend message on %s, and stores no result',
    async (status, name, message) => {
      serve(
        server,
        'post',
        '/environments/:name/park',
        backendError(status, name, message),
      );
      const checkpoints = new CheckpointStore();

      const error = await action
        .handler(
          actionContext(
            { environment: 'prod' },
            { checkpoint: checkpoints.checkpoint },
          ),
        )
        .catch(e => e);

      expect(error).toMatchObject({ name, message });
      expect(error.stack).toBe(`${name}: ${message}`);
      expect(checkpoints.values.size).toBe(0);
    },
  );

  describe('waitForCompletion', () => {
    function runningThen(...later: ReturnType<typeof workflow>[][]) {
      return serve(
        server,
        'get',
        '/environments/:name/deployments',
        json({ items: [workflow('pipe-411', 'success')] }),
        json({ items: [workflow('pipe-412', 'running')] }),
        ...later.map(items => json({ items })),
      );
    }

    beforeEach(() => {
      serve(
        server,
        'post',
        '/environments/:name/park',
        json(triggered('park')),
      );
    });

    it('waits for the workflows of its own pipeline and outputs their status', async () => {
      const polls = runningThen([
        workflow('pipe-412', 'success'),
        workflow('pipe-411', 'failed'),
      ]);
      const ctx = actionContext({
        environment: 'prod',
        waitForCompletion: true,
      });

      await action.handler(ctx);

      expect(polls).toHaveLength(3);
      expect(polls[0]).toMatchObject({
        method: 'GET',
        path: '/environments/prod/deployments?limit=20',
        authorization: onBehalfOfInitiator,
      });
      expect(outputsOf(ctx)).toMatchObject({
        pipelineNumber: 412,
        workflowStatus: 'success',
      });
      expect(clock.sleep).toHaveBeenLastCalledWith(15_000, undefined);
    });

    it('fails the step when a workflow fails', async () => {
      runningThen([
        workflow('pipe-412', 'failed', { url: 'https://ci/workflows/w1' }),
      ]);
      const ctx = actionContext({
        environment: 'prod',
        waitForCompletion: true,
      });

      const error = await action.handler(ctx).catch(e => e);

      expect(error.message).toBe(
        "The park pipeline #412 of 'prod' ended failed (park-infrastructure failed): https://ci/workflows/w1",
      );
      expect(error.stack).toBe(`WorkflowOutcomeError: ${error.message}`);
      expect(outputsOf(ctx).workflowStatus).toBe('failed');
    });

    it('gives up after the timeout, and rides out an unavailable backend', async () => {
      const polls = serve(
        server,
        'get',
        '/environments/:name/deployments',
        backendError(503, 'ServiceUnavailableError', 'database is restarting'),
        json({ items: [workflow('pipe-412', 'running')] }),
      );
      const ctx = actionContext({
        environment: 'prod',
        waitForCompletion: true,
        timeoutMinutes: 1,
      });

      await expect(action.handler(ctx)).rejects.toThrow(
        "Timed out after 1 minute waiting for park pipeline #412 of 'prod' (park-infrastructure running): https://app.circleci.com/pipelines/gh/rlhatcher/rocket-club/412",
      );
      // 0 s, 15 s, 30 s, 45 s, 60 s
      expect(polls).toHaveLength(5);
      expect(outputsOf(ctx).workflowStatus).toBeUndefined();
    });
  });
});
