import type { OperationResult } from '@rocket-club/plugin-environments-common';
import { NaiveCircleCiViewer } from '../portal/naive';
import { BenchSandbox } from '../portal/sandbox';
import { summarize, timed, timeSequential } from '../stats';
import { counting, ReadyBackend, simultaneously } from './portalRun';

/**
 * On a warm backend: one viewer's requests one after the other, `viewers`
 * simultaneous viewers of the environment page, the same viewers the naive
 * way (through the backend's proxy), and the upstream calls of a bump.
 */
export async function warmMeasurements(
  ready: ReadyBackend,
  sandbox: BenchSandbox,
  options: { warmRequests: number; viewers: number },
) {
  const { backend, client, token } = ready;
  const warm = await counting(sandbox, async () => ({
    status: await timeSequential(options.warmRequests, () => client.get('')),
    history: await timeSequential(options.warmRequests, () =>
      client.get('/deployments?limit=20'),
    ),
  }));
  // For scale: a plain catalog read through the same auth, same backend.
  const catalogRead = await timeSequential(options.warmRequests, async () => {
    const response = await fetch(
      `${backend.baseUrl}/api/catalog/entities/by-name/resource/default/prod`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    await response.text();
    if (!response.ok) throw new Error(`catalog read: ${response.status}`);
  });

  const ours = await counting(sandbox, () =>
    simultaneously(options.viewers, () => client.pageView()),
  );
  const naiveViewers = Array.from(
    { length: options.viewers },
    () =>
      new NaiveCircleCiViewer(
        `${backend.baseUrl}/api/proxy/circleci/api`,
        token,
      ),
  );
  let pipelinesPerPage = 0;
  const naive = await counting(sandbox, () =>
    Promise.all(
      naiveViewers.map(async v => {
        const { value, ms } = await timed(() => v.pageView());
        pipelinesPerPage = value;
        return ms;
      }),
    ),
  );

  const bump = (dryRun: boolean) =>
    counting(sandbox, () =>
      client.json<OperationResult>('/images/deployer/bump', {
        method: 'POST',
        body: JSON.stringify({ dryRun }),
      }),
    );
  const dryRun = await bump(true);
  const real = await bump(false);

  return {
    warm: {
      requests: options.warmRequests,
      status: summarize(warm.value.status),
      history: summarize(warm.value.history),
      upstreamCalls: warm.calls.total,
      catalogEntityBaseline: summarize(catalogRead),
    },
    ours: {
      warmCalls: ours.calls.total,
      warmCallsPerView: ours.calls.total / options.viewers,
      warmViewMs: summarize(ours.value),
    },
    naive: {
      pipelinesPerPage,
      requestsSent: naiveViewers.reduce((sum, v) => sum + v.requests, 0),
      upstreamCalls: naive.calls.total,
      callsPerView: naive.calls.total / options.viewers,
      viewMs: summarize(naive.value),
    },
    bump: {
      dryRun: {
        github: dryRun.calls.github.requests,
        ecr: dryRun.calls.ecr.requests,
        githubByOperation: dryRun.calls.github.byOperation,
      },
      real: {
        github: real.calls.github.requests,
        ecr: real.calls.ecr.requests,
        githubByOperation: real.calls.github.byOperation,
        pullRequest: real.value.pullRequest?.url,
      },
    },
  };
}
