import { createServer, request } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A load balancer on loopback: each request goes to the next of `targets`
 * (which may be filled in after the proxy started), except paths that
 * `pin` sends to a given target.
 */
export async function startRoundRobinProxy(
  targets: string[],
  pin: (path: string) => number | undefined = () => undefined,
) {
  let next = 0;
  const server = createServer((req, res) => {
    const i = pin(req.url ?? '') ?? next++ % targets.length;
    const target = new URL(targets[i]);
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', error => res.writeHead(502).end(String(error)));
    req.pipe(upstream);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
