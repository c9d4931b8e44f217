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
import { EnvironmentsClient } from './EnvironmentsClient';

describe('EnvironmentsClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new EnvironmentsClient(actionOptions());
  const options = { credentials: initiator };

  it('calls on behalf of the user, with the name URL-encoded as one segment', async () => {
    const requests = serve(
      server,
      'get',
      '/environments/:name/images',
      json({ environment: 'prod', source: 'main.tf@main', images: [] }),
    );

    await expect(
      client.getImages('resource:default/prod', options),
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

    await client.bumpImage(
      'prod',
      'deployer',
      { tag: 'prefect-deployer-3-python3.12-abc1234' },
      { ...options, idempotencyKey: 'key-1' },
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

      const error = await client
        .runPipelineOperation('prod', 'park', {}, options)
        .catch(e => e);
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
      client.runPipelineOperation('prod', 'park', {}, options),
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
      client.runPipelineOperation('prod', 'unpark', {}, options),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message:
        "Could not unpark 'prod': the environments backend answered 502 Bad Gateway",
    });
  });

  it('says so when the backend is unreachable', async () => {
    serve(server, 'post', '/pipelines', () => HttpResponse.error());
    await expect(
      client.triggerPipeline(
        { environment: 'prod', parameters: { 'terraform-prod-mode': true } },
        options,
      ),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        /^Could not trigger a pipeline for 'prod': the environments backend at 'http:\/\/localhost:0\/api\/environments' is unreachable/,
      ),
    });
  });
});
