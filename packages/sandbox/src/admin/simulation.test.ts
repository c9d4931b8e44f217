import { Octokit } from '@octokit/rest';
import { call, startTestSandbox } from '../__testUtils__/testSandbox';

describe('admin simulation routes', () => {
  it('pushes a commit with files, merges a pull request and runs the push pipelines', async () => {
    const sandbox = await startTestSandbox({ circleci: { stepMs: 1000 } });
    const admin = `${sandbox.endpointsUrl}/_sandbox`;
    try {
      const pushed = await call(`${admin}/push`, {
        method: 'POST',
        body: {
          branch: 'feature/notes',
          message: 'Add notes',
          actor: 'octo',
          files: { 'NOTES.md': 'hi\n' },
        },
      });
      expect(pushed.status).toBe(201);
      expect(
        sandbox.world.github.repo
          .readFile(pushed.body.commit, 'NOTES.md')
          ?.content.toString(),
      ).toBe('hi\n');

      const octokit = new Octokit({ baseUrl: sandbox.githubUrl, auth: 't' });
      const { data: pr } = await octokit.rest.pulls.create({
        owner: 'rlhatcher',
        repo: 'rocket-club',
        head: 'feature/notes',
        base: 'main',
        title: 'Notes',
      });
      const merged = await call(`${admin}/merge`, {
        method: 'POST',
        body: { number: pr.number },
      });
      expect(merged.status).toBe(201);
      expect(sandbox.world.github.head()).toBe(merged.body.commit);
      expect(
        sandbox.world.github.repo.commit(merged.body.commit)?.parents,
      ).toHaveLength(2);
      const { data: closed } = await octokit.rest.pulls.get({
        owner: 'rlhatcher',
        repo: 'rocket-club',
        pull_number: pr.number,
      });
      expect(closed).toMatchObject({
        state: 'closed',
        merged: true,
        merge_commit_sha: merged.body.commit,
      });

      const pipelines = (await call(`${admin}/pipelines`)).body;
      const last = pipelines[pipelines.length - 1];
      expect(last).toMatchObject({
        trigger: 'webhook',
        branch: 'main',
        revision: merged.body.commit,
        parameters: {},
      });
      expect(last.workflows.map((w: any) => w.name).sort()).toEqual([
        'portal-ci',
        'terraform-prod',
      ]);

      const again = await call(`${admin}/merge`, {
        method: 'POST',
        body: { number: pr.number },
      });
      expect(again).toMatchObject({
        status: 404,
        body: { message: `No open pull request #${pr.number}` },
      });
    } finally {
      await sandbox.close();
    }
  });

  it('makes the next run of a job fail, which fails its workflow', async () => {
    const sandbox = await startTestSandbox({ circleci: { stepMs: 1000 } });
    try {
      await call(`${sandbox.githubUrl}/_sandbox/circleci/failures`, {
        method: 'POST',
        body: { job: 'build-prefect-deployer-image' },
      });
      const { pipeline } = sandbox.push({ message: 'Broken' });
      await sandbox.clock.advance(5000);
      const deploy = sandbox.world.store
        .pipeline(pipeline.id)!
        .workflows.find(w => w.name === 'terraform-prod')!;
      expect(deploy.status).toBe('failed');
      // The plan does not wait for the deployer build, so it still ran and
      // its hold waits; the workflow has failed all the same.
      expect(deploy.jobs.map(j => [j.name, j.status])).toEqual([
        ['build-prefect-deployer-image', 'failed'],
        ['terraform-prod-plan', 'success'],
        ['hold-terraform-prod-apply', 'on_hold'],
        ['terraform-prod-apply', 'blocked'],
        ['verify-prod-endpoints', 'blocked'],
      ]);
      const bad = await call(
        `${sandbox.githubUrl}/_sandbox/circleci/failures`,
        { method: 'POST', body: { count: 2 } },
      );
      expect(bad.status).toBe(400);
    } finally {
      await sandbox.close();
    }
  });
});
