import { createServer, request } from 'node:http';
import { AddressInfo } from 'node:net';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { freePort } from '../postgres';
import { spawnLogged, waitForUrl } from '../processes';

/**
 * A round-robin HTTP proxy on loopback, as a load balancer in front of
 * several backend instances: each request goes to the next target.
 */
export async function startRoundRobinProxy(targets: string[], port = 0) {
  let next = 0;
  const counts = targets.map(() => 0);
  const server = createServer((req, res) => {
    if (req.url === '/_proxy/counts') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(counts));
      return;
    }
    const i = next++ % targets.length;
    counts[i]++;
    const target = new URL(targets[i]);
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', error => {
      res.writeHead(502).end(String(error));
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>(done => server.listen(port, '127.0.0.1', done));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    /** Requests sent to each target so far. */
    counts: () => [...counts],
    stop: () => new Promise<void>(done => server.close(() => done())),
  };
}

/**
 * The proxy in a process of its own, as a load balancer is: its work is
 * then not taken from the benchmark's viewers.
 */
export async function startProxyProcess(targets: string[], logFile: string) {
  const port = await freePort();
  const child = spawnLogged(
    'proxy',
    process.execPath,
    [
      '-r',
      '@backstage/cli/config/nodeTransform.cjs',
      'src/scale/proxyMain.ts',
      String(port),
      ...targets,
    ],
    { cwd: resolvePackagePath('@rocket-club/bench'), logFile },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForUrl(`${url}/_proxy/counts`, child, 60_000);
  return {
    url,
    counts: async (): Promise<number[]> =>
      (await fetch(`${url}/_proxy/counts`)).json(),
    stop: () => child.stop(),
  };
}
