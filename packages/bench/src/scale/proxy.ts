import { createServer, request } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A round-robin HTTP proxy on loopback, as a load balancer in front of
 * several backend instances: each request goes to the next target.
 */
export async function startRoundRobinProxy(targets: string[]) {
  let next = 0;
  const counts = targets.map(() => 0);
  const server = createServer((req, res) => {
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
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Requests sent to each target so far. */
    counts: () => [...counts],
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
