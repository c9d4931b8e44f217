import { call, startTestSandbox } from '../__testUtils__/testSandbox';

const TOKEN = { 'Circle-Token': 't' };

describe('contract checks of the stand-ins', () => {
  it('turns a response that breaks the contract into a 500 and records it (strict)', async () => {
    const sandbox = await startTestSandbox();
    try {
      const pipeline = sandbox.world.store.pipelines[0];
      (pipeline as any).state = 'finished';
      const res = await call(`${sandbox.circleciUrl}/pipeline/${pipeline.id}`, {
        headers: TOKEN,
      });
      expect(res.status).toBe(500);
      expect(res.body.message).toMatch(
        /violates the circleci contract: response body \/state must be equal to one of the allowed values/,
      );
      expect(sandbox.violations()).toEqual([
        expect.objectContaining({
          upstream: 'circleci',
          direction: 'response',
          status: 200,
          method: 'GET',
        }),
      ]);
    } finally {
      await sandbox.close();
    }
  });

  it('lets the response through but records it in warn mode', async () => {
    const sandbox = await startTestSandbox({ contracts: { mode: 'warn' } });
    try {
      const pipeline = sandbox.world.store.pipelines[0];
      (pipeline as any).number = 'seven';
      const res = await call(`${sandbox.circleciUrl}/pipeline/${pipeline.id}`, {
        headers: TOKEN,
      });
      expect(res).toMatchObject({ status: 200, body: { number: 'seven' } });
      expect(sandbox.violations()).toHaveLength(1);
    } finally {
      await sandbox.close();
    }
  });

  it('refuses requests that break the contract', async () => {
    const sandbox = await startTestSandbox();
    try {
      const run = await call(
        `${sandbox.circleciUrl}/project/gh/rlhatcher/rocket-club/pipeline/run`,
        {
          method: 'POST',
          headers: TOKEN,
          body: { branch: 'main' },
        },
      );
      expect(run.status).toBe(400);
      expect(run.body.message).toContain(
        'request body /branch must NOT have additional properties',
      );
      const github = await call(
        `${sandbox.githubUrl}/repos/rlhatcher/rocket-club/git/refs`,
        {
          method: 'POST',
          headers: { authorization: 'token t' },
          body: { ref: 'refs/heads/x' },
        },
      );
      expect(github.status).toBe(400);
      expect(github.body).toMatchObject({
        message: expect.stringContaining("must have required property 'sha'"),
        status: '400',
      });
      expect(
        sandbox.violations().map(v => `${v.upstream} ${v.direction}`),
      ).toEqual(['circleci request', 'github request']);
      sandbox.reset();
      expect(sandbox.violations()).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });
});
