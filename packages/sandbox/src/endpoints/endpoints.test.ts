import { call, startTestSandbox } from '../__testUtils__/testSandbox';

describe('endpoints stand-in', () => {
  it('is up while active and expected down once a park workflow succeeds', async () => {
    const sandbox = await startTestSandbox({ circleci: { stepMs: 1000 } });
    const health = async () => ({
      portal: (await call(`${sandbox.endpointsUrl}/portal/health`)).status,
      pipelines: (await call(`${sandbox.endpointsUrl}/pipelines/health`))
        .status,
    });
    const trigger = (parameters: object) =>
      call(`${sandbox.circleciUrl}/project/gh/rlhatcher/rocket-club/pipeline`, {
        method: 'POST',
        headers: { 'Circle-Token': 't' },
        body: { branch: 'main', parameters },
      });
    try {
      // The seeded history ends with an unpark.
      expect(await health()).toEqual({ portal: 200, pipelines: 200 });
      await trigger({
        'park-infrastructure-mode': true,
        'terraform-prod-mode': false,
      });
      // Parking: still up until the workflow succeeds.
      expect(await health()).toEqual({ portal: 200, pipelines: 200 });
      await sandbox.clock.advance(1000);
      const parked = await call(`${sandbox.endpointsUrl}/portal/health`);
      expect(parked).toMatchObject({
        status: 503,
        body: { status: 'unavailable' },
      });
      expect(sandbox.parked()).toBe(true);
      await trigger({
        'unpark-infrastructure-mode': true,
        'terraform-prod-mode': false,
      });
      await sandbox.clock.advance(5000);
      expect(await health()).toEqual({ portal: 200, pipelines: 200 });
      // A failed park leaves the environment as it was.
      await call(`${sandbox.endpointsUrl}/_sandbox/circleci/failures`, {
        method: 'POST',
        body: { job: 'park-prod-env' },
      });
      await trigger({
        'park-infrastructure-mode': true,
        'terraform-prod-mode': false,
      });
      await sandbox.clock.advance(5000);
      expect(await health()).toEqual({ portal: 200, pipelines: 200 });
      expect(sandbox.stats().endpoints.requests).toBe(9);
    } finally {
      await sandbox.close();
    }
  });
});
