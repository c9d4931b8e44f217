import type { SetupServer } from 'msw/node';
import { contract, ContractName } from './contracts';

/**
 * Response header that marks a mocked response as deliberately breaking the
 * contract (a malformed-body test); its body is not checked.
 */
export const BREAKS_CONTRACT = { 'x-test-breaks-contract': 'yes' };

/** An upstream whose exchanges are checked against a contract. */
export interface ContractedUpstream {
  baseUrl: string;
  contract: ContractName;
  /**
   * Paths (below baseUrl) that the contract file does not describe and so
   * are not checked, e.g. GitHub's compare, outside the subset.
   */
  uncontracted?: RegExp[];
}

/**
 * Checks every request and mocked response that passes through an msw
 * server against the contract of its upstream, and fails the test after it
 * if any did not conform. Requests to other hosts are left alone.
 *
 * @returns the exchanges seen in the current test, for assertions on calls.
 */
export function registerContractChecks(
  server: SetupServer,
  upstreams: ContractedUpstream[],
) {
  const pending = new Map<string, Promise<string | undefined>>();
  const checks: Promise<string[]>[] = [];
  const calls: string[] = [];

  const upstreamOf = (url: string) =>
    upstreams.find(u => url.startsWith(`${u.baseUrl}/`));

  beforeAll(() => {
    server.events.on('request:start', ({ request, requestId }) => {
      if (!upstreamOf(request.url)) return;
      pending.set(requestId, request.clone().text());
    });
    server.events.on('response:mocked', ({ request, requestId, response }) => {
      const upstream = upstreamOf(request.url);
      if (!upstream) return;
      const url = new URL(request.url);
      calls.push(`${request.method} ${decodeURIComponent(url.pathname)}`);
      const requestBody = pending.get(requestId);
      pending.delete(requestId);
      const below = url.pathname.slice(
        new URL(upstream.baseUrl).pathname.replace(/\/$/, '').length,
      );
      if (upstream.uncontracted?.some(r => r.test(below))) return;
      const broken = response.headers.has(Object.keys(BREAKS_CONTRACT)[0]);
      const responseText = response.clone().text();
      checks.push(
        Promise.all([requestBody, responseText]).then(([req, res]) =>
          contract(upstream.contract).check(
            {
              method: request.method,
              url: request.url,
              headers: request.headers,
              requestBody: req || undefined,
              status: response.status,
              responseBody: broken ? undefined : res || undefined,
            },
            new URL(upstream.baseUrl).pathname.replace(/\/$/, ''),
          ),
        ),
      );
    });
  });

  afterEach(async () => {
    const problems = (await Promise.all(checks.splice(0))).flat();
    calls.splice(0);
    expect(problems).toEqual([]);
  });

  return {
    /** `METHOD /path` of each upstream call in this test, in order. */
    calls: () => [...calls],
  };
}
