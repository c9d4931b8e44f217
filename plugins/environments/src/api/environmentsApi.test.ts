import { http, HttpResponse } from 'msw';
import { ResponseError } from '@backstage/errors';
import { registerMswTestHooks } from '@backstage/test-utils';
import {
  BASE_URL,
  createFakeBackend,
  errorResponse,
} from '../__testUtils__/server';
import { testClient } from '../__testUtils__/render';

const fake = createFakeBackend();
registerMswTestHooks(fake.server);
beforeEach(() => fake.reset());

describe('EnvironmentsClient, as the frontend uses it', () => {
  const client = testClient();

  it('unwraps the list of environments', async () => {
    const items = await client.listEnvironments();
    expect(items).toEqual([
      expect.objectContaining({
        name: 'prod',
        state: 'active',
        entityRef: 'resource:default/prod',
      }),
    ]);
  });

  it('sends the history query and encodes the name', async () => {
    fake.server.use(
      http.get(`${BASE_URL}/environments/:name/deployments`, ({ params }) =>
        HttpResponse.json({ items: [], name: params.name }),
      ),
    );
    await client.getDeployments('a b/c', {
      kind: 'park',
      limit: 5,
      cursor: 'x',
    });
    const [request] = fake.requests;
    expect(request.path).toBe('/environments/a%20b%2Fc/deployments');
    expect(request.search).toBe('?kind=park&limit=5&cursor=x');
    await client.getDeployments('prod');
    expect(fake.requests[1].search).toBe('');
  });

  it('posts mutations as JSON with the idempotency key', async () => {
    fake.server.use(
      http.post(`${BASE_URL}/environments/prod/images/:image/bump`, () =>
        HttpResponse.json({ operation: 'bump' }),
      ),
    );
    await client.park('prod', { idempotencyKey: 'key-1' });
    await client.approve('prod', 'wf/1', { idempotencyKey: 'key-2' });
    await client.bumpImage(
      'prod',
      'deployer',
      { dryRun: true },
      { idempotencyKey: 'key-3' },
    );
    await fake.settled();
    expect(fake.mutations()).toEqual([
      expect.objectContaining({
        path: '/environments/prod/park',
        idempotencyKey: 'key-1',
        body: {},
      }),
      expect.objectContaining({
        path: '/environments/prod/approvals/wf%2F1',
        idempotencyKey: 'key-2',
      }),
      expect.objectContaining({
        path: '/environments/prod/images/deployer/bump',
        idempotencyKey: 'key-3',
        body: { dryRun: true },
      }),
    ]);
  });

  it('throws a ResponseError carrying the backend error', async () => {
    fake.server.use(
      http.post(`${BASE_URL}/environments/prod/unpark`, () =>
        errorResponse(409, 'ConflictError', 'park pipeline #140 is running'),
      ),
    );
    const error = await client
      .unpark('prod', { idempotencyKey: 'k' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.body.error).toEqual({
      name: 'ConflictError',
      message: 'park pipeline #140 is running',
    });
  });
});
