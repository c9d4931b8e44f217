import { Express } from 'express';
import { AddressInfo } from 'node:net';
import http from 'node:http';

/** A listening stand-in. */
export interface Listening {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on the loopback interface; port 0 picks a free one. */
export async function listen(
  app: Express,
  port: number,
  host = '127.0.0.1',
): Promise<Listening> {
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
