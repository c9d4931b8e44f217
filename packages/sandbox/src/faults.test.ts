import { call, startTestSandbox } from './__testUtils__/testSandbox';
import { operationKey } from './faults';

const TOKEN = { 'Circle-Token': 't' };

describe('latency and fault injection', () => {
  it('answers the next matching requests with the fault, then recovers', async () => {
    const sandbox = await startTestSandbox();
    try {
      const list = `${sandbox.circleciUrl}/project/gh/rlhatcher/rocket-club/pipeline`;
      const admin = await call(`${sandbox.githubUrl}/_sandbox/faults`, {
        method: 'POST',
        body: {
          upstream: 'circleci',
          faults: [
            {
              method: 'GET',
              path: '/pipeline$',
              status: 429,
              retryAfter: 2,
              count: 2,
            },
          ],
        },
      });
      expect(admin.status).toBe(200);
      for (let i = 0; i < 2; i++) {
        const limited = await call(list, { headers: TOKEN });
        expect(limited.status).toBe(429);
        expect(limited.headers.get('retry-after')).toBe('2');
        expect(limited.body).toEqual({ message: 'Rate limit exceeded.' });
      }
      expect((await call(list, { headers: TOKEN })).status).toBe(200);
      const stats = (await call(`${sandbox.ecrUrl}/_sandbox/stats`)).body;
      expect(stats.circleci).toMatchObject({ requests: 3, faulted: 2 });
      expect(
        stats.circleci.byOperation[
          'GET /api/v2/project/gh/rlhatcher/rocket-club/pipeline'
        ],
      ).toBe(3);
      await call(`${sandbox.ecrUrl}/_sandbox/stats/reset`, { method: 'POST' });
      expect(sandbox.stats().circleci.requests).toBe(0);
    } finally {
      await sandbox.close();
    }
  });

  it('delays every request by the configured latency', async () => {
    const sandbox = await startTestSandbox({
      faults: { github: { delayMs: 120 } },
    });
    try {
      const started = Date.now();
      const res = await call(
        `${sandbox.githubUrl}/repos/rlhatcher/rocket-club`,
        { headers: { authorization: 'token t' } },
      );
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(115);
      const bad = await call(`${sandbox.githubUrl}/_sandbox/faults`, {
        method: 'POST',
        body: { upstream: 'gitlab' },
      });
      expect(bad).toMatchObject({
        status: 400,
        body: { message: expect.stringContaining('"gitlab"') },
      });
    } finally {
      await sandbox.close();
    }
  });

  it('holds a matching request past the client and then acts on it (a lost answer)', async () => {
    const sandbox = await startTestSandbox();
    try {
      const trigger = `${sandbox.circleciUrl}/project/gh/rlhatcher/rocket-club/pipeline`;
      const origin = new URL(sandbox.circleciUrl).origin;
      const admin = await call(`${origin}/_sandbox/faults`, {
        method: 'POST',
        body: {
          upstream: 'circleci',
          faults: [{ method: 'POST', path: '/pipeline$', delayMs: 300 }],
        },
      });
      expect(admin.status).toBe(200);
      const before = (await call(`${origin}/_sandbox/pipelines`)).body.length;
      const parameters = {
        'park-infrastructure-mode': true,
        'terraform-prod-mode': false,
      };
      const aborted = await fetch(trigger, {
        method: 'POST',
        headers: { 'Circle-Token': 't', 'content-type': 'application/json' },
        body: JSON.stringify({ branch: 'main', parameters }),
        signal: AbortSignal.timeout(50),
      }).catch(e => e as Error);
      expect((aborted as Error).name).toBe('TimeoutError');
      await new Promise(r => setTimeout(r, 500));
      const pipelines = (await call(`${origin}/_sandbox/pipelines`)).body;
      expect(pipelines.length).toBe(before + 1);
      // The pipeline is there, with what was sent, for a client to find.
      const listed = await call(`${trigger}?branch=main`, { headers: TOKEN });
      expect(listed.body.items[0].trigger_parameters).toEqual(parameters);
      expect(sandbox.stats().circleci.faulted).toBe(1);
    } finally {
      await sandbox.close();
    }
  });

  it('holds a matching request and handles it after the client gave up (an act after a timeout)', async () => {
    const sandbox = await startTestSandbox();
    try {
      const trigger = `${sandbox.circleciUrl}/project/gh/rlhatcher/rocket-club/pipeline`;
      const origin = new URL(sandbox.circleciUrl).origin;
      await call(`${origin}/_sandbox/faults`, {
        method: 'POST',
        body: {
          upstream: 'circleci',
          faults: [{ method: 'POST', path: '/pipeline$', holdMs: 300 }],
        },
      });
      const count = async () =>
        (await call(`${origin}/_sandbox/pipelines`)).body.length;
      const before = await count();
      const parameters = { 'park-infrastructure-mode': true };
      const aborted = await fetch(trigger, {
        method: 'POST',
        headers: { 'Circle-Token': 't', 'content-type': 'application/json' },
        body: JSON.stringify({ branch: 'main', parameters }),
        signal: AbortSignal.timeout(50),
      }).catch(e => e as Error);
      expect((aborted as Error).name).toBe('TimeoutError');
      // Not there yet when the client gave up; there once held long enough.
      expect(await count()).toBe(before);
      await new Promise(r => setTimeout(r, 500));
      expect(await count()).toBe(before + 1);
      const listed = await call(`${trigger}?branch=main`, { headers: TOKEN });
      expect(listed.body.items[0].trigger_parameters).toEqual(parameters);
    } finally {
      await sandbox.close();
    }
  });

  it.each([
    ['answers 502', 502],
    ['drops the connection', undefined],
  ])(
    'handles a matching request and then %s (an act whose answer is lost)',
    async (_what, status) => {
      const sandbox = await startTestSandbox();
      try {
        const trigger = `${sandbox.circleciUrl}/project/gh/rlhatcher/rocket-club/pipeline`;
        await sandbox.admin.failAfter('circleci', {
          method: 'POST',
          path: '/pipeline$',
          status,
        });
        const before = sandbox.world.store.pipelines.length;
        const parameters = { 'park-infrastructure-mode': true };
        const answer = await fetch(trigger, {
          method: 'POST',
          headers: { 'Circle-Token': 't', 'content-type': 'application/json' },
          body: JSON.stringify({ branch: 'main', parameters }),
        }).then(
          async r => ({ status: r.status, body: await r.json() }),
          (e: Error) => ({ error: e.message }),
        );
        expect(answer).toEqual(
          status === undefined
            ? { error: 'fetch failed' }
            : { status: 502, body: { message: 'Injected fault 502' } },
        );
        // CircleCI acted all the same: the pipeline is there with what was sent.
        expect(sandbox.world.store.pipelines.length).toBe(before + 1);
        const listed = await call(`${trigger}?branch=main`, { headers: TOKEN });
        expect(listed.body.items[0].trigger_parameters).toEqual(parameters);
        expect(sandbox.requests().circleci[0]).toMatchObject({
          method: 'POST',
          status: status ?? 0,
        });
        expect(sandbox.stats().circleci.faulted).toBe(1);
        expect(sandbox.violations()).toEqual([]);
        // Once only.
        const next = await call(trigger, {
          method: 'POST',
          headers: TOKEN,
          body: { branch: 'main', parameters },
        });
        expect(next.status).toBe(201);
        expect(sandbox.world.store.pipelines.length).toBe(before + 2);
      } finally {
        await sandbox.close();
      }
    },
  );

  it('drops a matching connection without handling it', async () => {
    const sandbox = await startTestSandbox();
    try {
      const trigger = `${sandbox.circleciUrl}/project/gh/rlhatcher/rocket-club/pipeline`;
      sandbox.faults('circleci', {
        faults: [{ method: 'POST', path: '/pipeline$', drop: true }],
      });
      const before = sandbox.world.store.pipelines.length;
      const answer = await fetch(trigger, {
        method: 'POST',
        headers: { 'Circle-Token': 't', 'content-type': 'application/json' },
        body: JSON.stringify({ branch: 'main' }),
      }).catch((e: Error) => e);
      expect(answer).toMatchObject({
        name: 'TypeError',
        message: 'fetch failed',
      });
      expect(sandbox.world.store.pipelines.length).toBe(before);
    } finally {
      await sandbox.close();
    }
  });

  it('refuses an after fault without a status or drop, and drop with a status', async () => {
    const sandbox = await startTestSandbox();
    try {
      await expect(
        sandbox.admin.faults('circleci', { faults: [{ after: true }] }),
      ).rejects.toThrow(/after needs a status or drop/);
      await expect(
        sandbox.admin.faults('circleci', {
          faults: [{ drop: true, status: 502 }],
        }),
      ).rejects.toThrow(/drops the connection takes no status: 502/);
      await expect(
        sandbox.admin.faults('circleci', {
          faults: [{ after: true, status: 502, delayMs: 5 }],
        }),
      ).rejects.toThrow(/takes no delayMs or holdMs/);
      expect((await sandbox.admin.queuedFaults()).circleci.faults).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });

  it('groups counts by operation', () => {
    expect(
      operationKey(
        'GET',
        '/api/v2/pipeline/5034460f-c7c4-4c43-9457-de07e2029e7b/workflow?x=1',
      ),
    ).toBe('GET /api/v2/pipeline/{id}/workflow');
    expect(
      operationKey(
        'POST',
        '/',
        'AmazonEC2ContainerRegistry_V20150921.DescribeImages',
      ),
    ).toBe('DescribeImages');
  });
});
