import { mockServices } from '@backstage/backend-test-utils';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EnvironmentDefinition } from '../config';
import { warmReadPath } from './warmReadPath';

const definition = (name: string, images: number) =>
  ({
    name,
    images: Array.from({ length: images }, (_, i) => ({ name: `i${i}` })),
  } as unknown as EnvironmentDefinition);

describe('warmReadPath', () => {
  let server: Server;
  let base: string;
  const seen: { url?: string; authorization?: string }[] = [];
  let status = 200;

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url, authorization: req.headers.authorization });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end('{}');
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(r => server.close(r)));
  beforeEach(() => {
    seen.length = 0;
    status = 200;
  });

  const options = (
    imagesCached: (d: EnvironmentDefinition) => Promise<boolean>,
  ) => ({
    definitions: [definition('prod', 1), definition('dev', 0)],
    discovery: { getBaseUrl: async () => `${base}/api/environments` },
    auth: mockServices.auth({ pluginId: 'environments' }),
    imagesCached,
    logger: mockServices.logger.mock(),
    imagesWaitMs: 2_000,
    pollMs: 20,
  });

  it('reads each route once, as the plugin, images once their view is cached', async () => {
    let polls = 0;
    const answered = await warmReadPath(
      options(async () => {
        polls += 1;
        return polls > 3;
      }),
    );
    expect(answered).toBe(5);
    expect(seen.map(s => s.url)).toEqual([
      '/api/environments/environments/prod',
      '/api/environments/environments/prod/deployments?limit=20',
      '/api/environments/environments/dev',
      '/api/environments/environments/dev/deployments?limit=20',
      '/api/environments/environments/prod/images',
    ]);
    expect(seen[0].authorization).toMatch(/^Bearer mock-service-token/);
    expect(polls).toBeGreaterThan(3);
  });

  it('never reads images that would wait on ECR (no cached view)', async () => {
    const o = options(async () => false);
    expect(await warmReadPath(o)).toBe(4);
    expect(seen.map(s => s.url)).not.toContain(
      '/api/environments/environments/prod/images',
    );
  });

  it('counts refusals and survives an unreachable backend', async () => {
    status = 503;
    const o = options(async () => true);
    expect(await warmReadPath(o)).toBe(0);
    expect(seen).toHaveLength(5);
    expect(o.logger.info).toHaveBeenCalledWith(
      'Warm-up GET /environments/prod answered 503',
    );

    const down = {
      ...options(async () => true),
      discovery: { getBaseUrl: async () => 'http://127.0.0.1:1/api/x' },
    };
    expect(await warmReadPath(down)).toBe(0);
    expect(down.logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/^Warm-up of the read path stopped: /),
    );
  });
});
