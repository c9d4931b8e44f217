import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  actionOptions,
  backendError,
  initiator,
  json,
  onBehalfOfInitiator,
  serve,
  triggered,
} from '../__testUtils__/environmentsApi';
import { callEnvironments } from './callEnvironments';

describe('callEnvironments', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const options = actionOptions();
  const call = (what: string) => ({ credentials: initiator, what });

  it('calls on behalf of the user, with the name URL-encoded as one segment', async () => {
    const requests = serve(
      server,
      'get',
      '/environments/:name/images',
      json({ environment: 'prod', source: 'main.tf@main', images: [] }),
    );

    await expect(
      callEnvironments(options, call('read the images'), client =>
        client.getImages('resource:default/prod'),
      ),
    ).resolves.toEqual({
      environment: 'prod',
      source: 'main.tf@main',
      images: [],
    });
    expect(requests).toEqual([
      {
        method: 'GET',
        path: '/environments/resource%3Adefault%2Fprod/images',
        authorization: onBehalfOfInitiator,
        idempotencyKey: null,
        body: undefined,
      },
    ]);
  });

  it('posts JSON with the idempotency key', async () => {
    const requests = serve(
      server,
      'post',
      '/environments/:name/images/:image/bump',
      json(triggered('bump')),
    );

    await callEnvironments(options, call('bump'), client =>
      client.bumpImage(
        'prod',
        'deployer',
        { tag: 'prefect-deployer-3-python3.12-abc1234' },
        { idempotencyKey: 'key-1' },
      ),
    );
    expect(requests).toEqual([
      expect.objectContaining({
        path: '/environments/prod/images/deployer/bump',
        idempotencyKey: 'key-1',
        body: { tag: 'prefect-deployer-3-python3.12-abc1234' },
      }),
    ]);
  });

  it.each([
    [409, 'ConflictError', 'prod is locked: park pipeline #412 is running'],
    [403, 'NotAllowedError', "user:default/grace may not park 'prod'"],
    [400, 'InputError', "tag 'latest' does not match the deployer pattern"],
    [404, 'NotFoundError', "no environment 'qa'"],
  ])(
    'turns a %s into a one-line %s carrying the backend message',
    async (status, name, message) => {
      serve(
        server,
        'post',
        '/environments/:name/park',
        backendError(status, name, message),
      );

      const error = await callEnvironments(
        options,
        call("park 'prod'"),
        client => client.park('prod'),
      ).catch(e => e);
      expect(error.name).toBe(name);
      expect(error.message).toBe(message);
      expect(error.stack).toBe(`${name}: ${message}`);
    },
  );

  it('maps by status when the backend error has no known name', async () => {
    serve(
      server,
      'post',
      '/environments/:name/park',
      backendError(409, 'Error', 'locked'),
    );
    await expect(
      callEnvironments(options, call("park 'prod'"), client =>
        client.park('prod'),
      ),
    ).rejects.toMatchObject({ name: 'ConflictError', message: 'locked' });
  });

  it('does not echo a proxy error page', async () => {
    serve(
      server,
      'post',
      '/environments/:name/unpark',
      () =>
        new HttpResponse('<html>\n<body>Bad gateway</body>\n</html>', {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'content-type': 'text/html' },
        }),
    );
    await expect(
      callEnvironments(options, call("unpark 'prod'"), client =>
        client.unpark('prod'),
      ),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message:
        "Could not unpark 'prod': the environments backend answered 502 Bad Gateway",
    });
  });

  it('says so when the backend is unreachable', async () => {
    serve(server, 'post', '/pipelines', () => HttpResponse.error());
    await expect(
      callEnvironments(options, call("trigger a pipeline for 'prod'"), client =>
        client.triggerPipeline({
          environment: 'prod',
          parameters: { 'terraform-prod-mode': true },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        /^Could not trigger a pipeline for 'prod': the environments backend at 'http:\/\/localhost:0\/api\/environments' is unreachable/,
      ),
    });
  });
});
