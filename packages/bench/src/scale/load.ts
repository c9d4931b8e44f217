import { LatencySummary, summarize } from '../stats';

/** Throughput of one endpoint under a crowd of viewers. */
export interface ThroughputSummary {
  viewers: number;
  requests: number;
  /** Requests answered per second of wall time, all viewers together. */
  requestsPerSecond: number;
  latency: LatencySummary;
  /** Answers by HTTP status, e.g. `{ 200: 1990, 304: 10 }`. */
  statuses: Record<string, number>;
}

/** One request of a viewer: resolves to the HTTP status. */
export type ViewerRequest = (viewer: number) => Promise<number>;

/**
 * `viewers` viewers at once, each sending `perViewer` requests one after
 * the other (a browser tab refreshing), as fast as they are answered.
 * Any status other than 200 and 304 fails the run: a throughput of errors
 * is no throughput.
 */
export async function throughput(
  viewers: number,
  perViewer: number,
  request: ViewerRequest,
): Promise<ThroughputSummary> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  await Promise.all(
    Array.from({ length: viewers }, async (_, viewer) => {
      for (let i = 0; i < perViewer; i++) {
        const t0 = performance.now();
        const status = await request(viewer);
        times.push(performance.now() - t0);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status !== 200 && status !== 304) {
          throw new Error(`Viewer ${viewer} got HTTP ${status}`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    viewers,
    requests: times.length,
    requestsPerSecond: Math.round((times.length / seconds) * 10) / 10,
    latency: summarize(times),
    statuses,
  };
}

/**
 * A GET as a browser tab sends it, reading the whole body. With
 * `revalidate`, the tab remembers the last `ETag` and sends it back as
 * `If-None-Match`, as browsers do for `Cache-Control: no-cache`.
 */
export function viewerGet(
  url: string,
  token: string,
  options: { revalidate?: boolean } = {},
): ViewerRequest {
  const etags = new Map<number, string>();
  return async viewer => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      'accept-encoding': 'gzip, deflate',
    };
    const etag = options.revalidate ? etags.get(viewer) : undefined;
    if (etag) headers['if-none-match'] = etag;
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    const next = response.headers.get('etag');
    if (next) etags.set(viewer, next);
    return response.status;
  };
}
