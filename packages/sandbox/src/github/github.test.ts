import { Octokit } from '@octokit/rest';
import { execFileSync } from 'node:child_process';
import { call, startTestSandbox } from '../__testUtils__/testSandbox';
import { findRepoRoot } from '@rocket-club/plugin-environments-node';
import { Sandbox } from '../sandbox';

const owner = 'rlhatcher';
const repo = 'rocket-club';
const MAIN_TF = 'infra/platform/infra/envs/prod/main.tf';

function status(error: unknown) {
  return (error as { status?: number }).status;
}

describe('GitHub stand-in', () => {
  let sandbox: Sandbox;
  let octokit: Octokit;

  beforeEach(async () => {
    sandbox = await startTestSandbox({
      github: { token: 'sandbox-github-token' },
    });
    octokit = new Octokit({
      baseUrl: sandbox.githubUrl,
      auth: 'sandbox-github-token',
      log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    });
  });
  afterEach(async () => {
    const violations = sandbox.violations();
    await sandbox.close();
    if (violations.length) {
      throw new Error(`Contract violations: ${JSON.stringify(violations)}`);
    }
  });

  it('requires a token', async () => {
    const res = await call(`${sandbox.githubUrl}/repos/${owner}/${repo}`);
    expect(res).toMatchObject({
      status: 401,
      body: { message: 'Requires authentication' },
    });
    const bad = await call(`${sandbox.githubUrl}/repos/${owner}/${repo}`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(bad).toMatchObject({
      status: 401,
      body: { message: 'Bad credentials' },
    });
  });

  it('serves the repository and its files with real blob SHAs', async () => {
    const { data: repository } = await octokit.rest.repos.get({ owner, repo });
    expect(repository).toMatchObject({
      full_name: `${owner}/${repo}`,
      default_branch: 'main',
      private: true,
    });
    const { data: file } = await octokit.rest.repos.getContent({
      owner,
      repo,
      path: 'package.json',
    });
    if (Array.isArray(file) || file.type !== 'file')
      throw new Error('not a file');
    const root = findRepoRoot();
    expect(file.sha).toBe(
      execFileSync('git', ['rev-parse', 'HEAD:package.json'], { cwd: root })
        .toString()
        .trim(),
    );
    expect(Buffer.from(file.content, 'base64').toString()).toBe(
      execFileSync('git', ['show', 'HEAD:package.json'], {
        cwd: root,
      }).toString(),
    );
    const { data: dir } = await octokit.rest.repos.getContent({
      owner,
      repo,
      path: '.circleci',
    });
    expect(Array.isArray(dir) && dir.map(e => e.name)).toContain('config.yml');
    await expect(
      octokit.rest.repos.getContent({ owner, repo, path: 'nope.txt' }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      octokit.rest.repos.getContent({
        owner,
        repo,
        path: 'package.json',
        ref: 'no-such-branch',
      }),
    ).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining(
        'No commit found for the ref no-such-branch',
      ),
    });
  });

  it('opens a one-commit pull request the way the bump flow does, with GitHub’s errors', async () => {
    const { data: main } = await octokit.rest.git.getRef({
      owner,
      repo,
      ref: 'heads/main',
    });
    const { data: file } = await octokit.rest.repos.getContent({
      owner,
      repo,
      path: MAIN_TF,
      ref: main.object.sha,
    });
    if (Array.isArray(file) || !('content' in file))
      throw new Error('not a file');
    const before = Buffer.from(file.content, 'base64').toString();
    const after = before.replace(
      /prefect-deployer-3-python3\.12-[0-9a-f]+/,
      'prefect-deployer-3-python3.12-abcdef1',
    );
    expect(after).not.toBe(before);

    const branch = 'environments/bump-prod-deployer';
    await octokit.rest.git.createRef({
      owner,
      repo,
      ref: `refs/heads/${branch}`,
      sha: main.object.sha,
    });
    const twice = await octokit.rest.git
      .createRef({
        owner,
        repo,
        ref: `refs/heads/${branch}`,
        sha: main.object.sha,
      })
      .catch(e => e);
    expect(status(twice)).toBe(422);
    expect(twice.response.data).toMatchObject({
      message: 'Reference already exists',
      status: '422',
    });

    const stale = await octokit.rest.repos
      .createOrUpdateFileContents({
        owner,
        repo,
        path: MAIN_TF,
        branch,
        sha: 'f'.repeat(40),
        message: 'x',
        content: Buffer.from(after).toString('base64'),
      })
      .catch(e => e);
    expect(status(stale)).toBe(409);
    expect(stale.response.data).toEqual({
      message: `${MAIN_TF} does not match ${'f'.repeat(40)}`,
      documentation_url:
        'https://docs.github.com/rest/repos/contents#create-or-update-file-contents',
      status: '409',
    });
    const missing = await octokit.rest.repos
      .createOrUpdateFileContents({
        owner,
        repo,
        path: MAIN_TF,
        branch,
        message: 'x',
        content: '',
      })
      .catch(e => e);
    expect(missing.response.data.message).toBe(
      'Invalid request.\n\n"sha" wasn\'t supplied.',
    );

    const { data: written } =
      await octokit.rest.repos.createOrUpdateFileContents({
        owner,
        repo,
        path: MAIN_TF,
        branch,
        sha: file.sha,
        message: 'Bump the Prefect deployer',
        content: Buffer.from(after).toString('base64'),
      });
    expect(written.commit.parents?.map(p => p.sha)).toEqual([main.object.sha]);
    const { data: head } = await octokit.rest.git.getRef({
      owner,
      repo,
      ref: `heads/${branch}`,
    });
    expect(head.object.sha).toBe(written.commit.sha);

    const { data: pr } = await octokit.rest.pulls.create({
      owner,
      repo,
      head: branch,
      base: 'main',
      title: 'Bump',
      body: 'One line',
    });
    expect(pr).toMatchObject({
      number: 1,
      state: 'open',
      commits: 1,
      changed_files: 1,
      additions: 1,
      deletions: 1,
      head: { ref: branch, sha: written.commit.sha },
    });
    const again = await octokit.rest.pulls
      .create({ owner, repo, head: branch, base: 'main', title: 'Bump' })
      .catch(e => e);
    expect(status(again)).toBe(422);
    expect(again.response.data.errors).toEqual([
      {
        resource: 'PullRequest',
        code: 'custom',
        message: `A pull request already exists for ${owner}:${branch}.`,
      },
    ]);

    const { data: open } = await octokit.rest.pulls.list({
      owner,
      repo,
      head: `${owner}:${branch}`,
      base: 'main',
      state: 'open',
    });
    expect(open.map(p => p.number)).toEqual([1]);
    expect(
      (
        await octokit.rest.pulls.list({
          owner,
          repo,
          head: `${owner}:other`,
          state: 'open',
        })
      ).data,
    ).toEqual([]);
    const { data: updated } = await octokit.rest.pulls.update({
      owner,
      repo,
      pull_number: 1,
      title: 'Bump again',
    });
    expect(updated.title).toBe('Bump again');

    // Reset the branch to main: not a fast forward unless forced.
    const ff = await octokit.rest.git
      .updateRef({ owner, repo, ref: `heads/${branch}`, sha: main.object.sha })
      .catch(e => e);
    expect(ff.response.data.message).toBe('Update is not a fast forward');
    await octokit.rest.git.updateRef({
      owner,
      repo,
      ref: `heads/${branch}`,
      sha: main.object.sha,
      force: true,
    });

    const { data: commit } = await octokit.rest.git.getCommit({
      owner,
      repo,
      commit_sha: written.commit.sha!,
    });
    expect(commit).toMatchObject({
      message: 'Bump the Prefect deployer',
      parents: [{ sha: main.object.sha }],
    });
  });

  it('compares commits: ahead, behind, and the diff of the files', async () => {
    const main = sandbox.world.github.head()!;
    const pushed = sandbox.push({
      branch: 'feature',
      message: 'Add notes',
      files: { 'NOTES.md': 'hello\n' },
    });
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
      owner,
      repo,
      basehead: `main...feature`,
    });
    expect(data).toMatchObject({
      status: 'ahead',
      ahead_by: 1,
      behind_by: 0,
      total_commits: 1,
      merge_base_commit: { sha: main },
      commits: [{ sha: pushed.commit, commit: { message: 'Add notes' } }],
      files: [
        {
          filename: 'NOTES.md',
          status: 'added',
          additions: 1,
          deletions: 0,
          patch: '@@ -0,0 +1 @@\n+hello',
        },
      ],
    });
    expect(data.html_url).toMatch(
      /\/rlhatcher\/rocket-club\/compare\/main\.\.\.feature$/,
    );
    const { data: reverse } =
      await octokit.rest.repos.compareCommitsWithBasehead({
        owner,
        repo,
        basehead: `feature...main`,
      });
    expect(reverse).toMatchObject({
      status: 'behind',
      ahead_by: 0,
      behind_by: 1,
    });
  });

  it('creates blobs, trees and commits with git’s own SHAs', async () => {
    const { data: blob } = await octokit.rest.git.createBlob({
      owner,
      repo,
      content: 'hello\n',
    });
    expect(blob.sha).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
    const { data: tree } = await octokit.rest.git.createTree({
      owner,
      repo,
      tree: [
        { path: 'hello.txt', mode: '100644', type: 'blob', sha: blob.sha },
      ],
    });
    expect(tree.sha).toBe('aaa96ced2d9a1c8e72c56b253a0e2fe78393feb7');
    const { data: commit } = await octokit.rest.git.createCommit({
      owner,
      repo,
      message: 'hello',
      tree: tree.sha,
      parents: [],
      author: {
        name: 'A',
        email: 'a@example.com',
        date: '2020-01-01T00:00:00Z',
      },
    });
    expect(commit.tree.sha).toBe(tree.sha);
    const { data: limits } = await octokit.rest.rateLimit.get();
    expect(limits.resources.core.limit).toBe(5000);
  });

  it('seeds history so the pinned deployer tag is behind the newest image', async () => {
    const pinned = /prefect-deployer-3-python3\.12-([0-9a-f]{7,40})/.exec(
      sandbox.world.github.repo
        .readFile(sandbox.world.github.head()!, MAIN_TF)!
        .content.toString(),
    )![1];
    const images = sandbox.world.registry.repository('blog-data').images;
    const deployer = images
      .filter(i => i.tags.some(t => t.startsWith('prefect-deployer-')))
      .sort((a, b) => b.pushedAt - a.pushedAt);
    expect(deployer[0].tags[0]).not.toContain(pinned);
    for (const image of deployer) {
      const sha = image.tags[0].split('-').pop()!;
      expect(sandbox.world.github.repo.resolve(sha)).toBeDefined();
    }
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
      owner,
      repo,
      basehead: `${pinned}...main`,
    });
    expect(data.ahead_by).toBeGreaterThan(0);
    expect(data.behind_by).toBe(0);
  });
});
