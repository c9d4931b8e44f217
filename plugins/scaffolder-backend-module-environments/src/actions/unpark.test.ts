import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { actionContext } from '../__testUtils__/actionContext';
import {
  actionOptions,
  backendError,
  json,
  serve,
  triggered,
} from '../__testUtils__/environmentsApi';
import { inputErrors } from '../__testUtils__/schema';
import { createEnvironmentUnparkAction } from './unpark';

/** Its cases shared with the other pipeline actions: pipelineOperation.test.ts. */
describe('environments:unpark', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const action = createEnvironmentUnparkAction({
    ...actionOptions(),
    clock: { now: () => 0, sleep: async () => {} },
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
});
