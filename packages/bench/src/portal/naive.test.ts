import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { NaiveCircleCiViewer } from './naive';

describe('NaiveCircleCiViewer', () => {
  let server: Server;
  let base: string;
  const seen: { url?: string; auth?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      seen.push({ url: req.url, auth: req.headers.authorization });
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/project/')) {
        res.end(
          JSON.stringify({ items: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] }),
        );
      } else {
        res.end(JSON.stringify({ items: [] }));
      }
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(r => server.close(r)));

  it('lists a page of pipelines, then the workflows of each, counting every request', async () => {
    const viewer = new NaiveCircleCiViewer(base, 'tok');
    await expect(viewer.pageView()).resolves.toBe(3);
    expect(viewer.requests).toBe(4);
    expect(seen.map(s => s.url).sort()).toEqual([
      '/pipeline/a/workflow',
      '/pipeline/b/workflow',
      '/pipeline/c/workflow',
      '/project/gh/rlhatcher/rocket-club/pipeline?branch=main',
    ]);
    expect(new Set(seen.map(s => s.auth))).toEqual(new Set(['Bearer tok']));
  });
});
