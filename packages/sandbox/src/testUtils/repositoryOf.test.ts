import { Octokit } from '@octokit/rest';
import { startTestSandbox } from './startTestSandbox';
import { repositoryOf } from './repositoryOf';

const file = (path: string, text: string) => ({
  path,
  content: Buffer.from(text),
  mode: '100644' as const,
});

const PIN =
  'locals {\n  prefect_deployer_image = "r/blog-data:prefect-deployer-3-python3.12-1a2b3c4"\n}\n';

describe('repositoryOf', () => {
  it('reads branches, commits, files, changes and pull requests of a small seeded repository', async () => {
    const sandbox = await startTestSandbox({
      seed: false,
      repository: {
        files: [
          file('.circleci/config.yml', 'version: 2.1\nworkflows: {}\n'),
          file('a.txt', 'one\n'),
          file('infra/platform/infra/envs/prod/main.tf', PIN),
          file('b.txt', 'two\n'),
        ],
      },
    });
    try {
      const repo = repositoryOf(sandbox);
      const main = repo.head()!;
      expect(repo.file('main', 'a.txt')).toBe('one\n');
      // Without seeded history, the Terraform file keeps its own pin.
      expect(repo.file('main', 'infra/platform/infra/envs/prod/main.tf')).toBe(
        PIN,
      );
      const { commit } = sandbox.push({
        branch: 'feature',
        message: 'Change a',
        files: { 'a.txt': 'uno\n' },
      });
      expect(repo.head('feature')).toBe(commit);
      expect(repo.parents(commit)).toEqual([main]);
      expect(repo.message(commit)).toBe('Change a');
      expect(repo.changedFiles('feature')).toEqual(['a.txt']);
      expect(repo.file('nope', 'a.txt')).toBeUndefined();

      const octokit = new Octokit({ baseUrl: sandbox.githubUrl, auth: 't' });
      await octokit.rest.pulls.create({
        owner: 'rlhatcher',
        repo: 'rocket-club',
        head: 'feature',
        base: 'main',
        title: 'A',
      });
      expect(repo.pulls()).toEqual([
        expect.objectContaining({ head: 'feature', base: 'main', title: 'A' }),
      ]);
      expect(sandbox.requests().github).toEqual([
        expect.objectContaining({
          method: 'POST',
          path: '/repos/rlhatcher/rocket-club/pulls',
          status: 201,
        }),
      ]);
    } finally {
      await sandbox.close();
    }
  });
});
