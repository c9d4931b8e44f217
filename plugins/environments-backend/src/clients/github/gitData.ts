import type { Octokit } from '@octokit/rest';
import { GithubStatusError } from './githubCall';

/** One repository and a bounded, mapped call on it (see `githubCall`). */
export interface Runner {
  repo: { owner: string; name: string };
  run<T>(
    what: string,
    mode: 'read' | 'write',
    fn: (octokit: Octokit, signal: AbortSignal) => Promise<T>,
  ): Promise<T>;
}

/** An open pull request. */
export interface PullRequestRef {
  number: number;
  url: string;
  headSha: string;
}

/**
 * A commit of one changed file on top of `parent` (git data API: the
 * parent's tree, a tree on it with the file, a commit); no branch moves.
 * Unreferenced objects are harmless, so these writes may be retried.
 */
export async function commitFile(
  { repo, run }: Runner,
  change: { parent: string; path: string; content: string; message: string },
): Promise<string> {
  const ids = { owner: repo.owner, repo: repo.name };
  const { data: parent } = await run(
    `commit ${change.parent}`,
    'read',
    (o, signal) =>
      o.rest.git.getCommit({
        ...ids,
        commit_sha: change.parent,
        request: { signal },
      }),
  );
  const { data: tree } = await run('a tree', 'read', (o, signal) =>
    o.rest.git.createTree({
      ...ids,
      base_tree: parent.tree.sha,
      tree: [
        {
          path: change.path,
          mode: '100644',
          type: 'blob',
          content: change.content,
        },
      ],
      request: { signal },
    }),
  );
  const { data: commit } = await run('a commit', 'read', (o, signal) =>
    o.rest.git.createCommit({
      ...ids,
      message: change.message,
      tree: tree.sha,
      parents: [change.parent],
      request: { signal },
    }),
  );
  return commit.sha;
}

/** Points a branch at a commit with one ref update (or creates it). */
export async function setBranch(
  { repo, run }: Runner,
  branch: string,
  sha: string,
  exists: boolean,
): Promise<void> {
  const ids = { owner: repo.owner, repo: repo.name };
  const what = `branch ${branch}`;
  if (exists) {
    await run(what, 'write', (o, signal) =>
      o.rest.git.updateRef({
        ...ids,
        ref: `heads/${branch}`,
        sha,
        force: true,
        request: { signal },
      }),
    );
    return;
  }
  await run(what, 'write', (o, signal) =>
    o.rest.git.createRef({
      ...ids,
      ref: `refs/heads/${branch}`,
      sha,
      request: { signal },
    }),
  );
}

/** The open pull request from `head` into `base`, if any. */
export async function openPullRequest(
  { repo, run }: Runner,
  head: string,
  base: string,
): Promise<PullRequestRef | undefined> {
  const { data } = await run(`pull requests of ${head}`, 'read', (o, signal) =>
    o.rest.pulls.list({
      owner: repo.owner,
      repo: repo.name,
      head: `${repo.owner}:${head}`,
      base,
      state: 'open',
      request: { signal },
    }),
  );
  const pr = data[0];
  return pr && { number: pr.number, url: pr.html_url, headSha: pr.head.sha };
}

/** Opens a pull request, or updates the open one from `head`. */
export async function upsertPullRequest(
  runner: Runner,
  pr: { head: string; base: string; title: string; body: string },
): Promise<{ number: number; url: string; updated: boolean }> {
  const { repo, run } = runner;
  const ids = { owner: repo.owner, repo: repo.name };
  const update = async (number: number) => {
    const { data } = await run(
      `pull request #${number}`,
      'write',
      (o, signal) =>
        o.rest.pulls.update({
          ...ids,
          pull_number: number,
          title: pr.title,
          body: pr.body,
          request: { signal },
        }),
    );
    return { number: data.number, url: data.html_url, updated: true };
  };
  const open = await openPullRequest(runner, pr.head, pr.base);
  if (open) return update(open.number);
  try {
    const { data } = await run(
      `a pull request from ${pr.head}`,
      'write',
      (o, signal) =>
        o.rest.pulls.create({
          ...ids,
          head: pr.head,
          base: pr.base,
          title: pr.title,
          body: pr.body,
          request: { signal },
        }),
    );
    return { number: data.number, url: data.html_url, updated: false };
  } catch (error) {
    if (!(error instanceof GithubStatusError) || error.githubStatus !== 422) {
      throw error;
    }
    // Someone opened it between our list and our create.
    const again = await openPullRequest(runner, pr.head, pr.base);
    if (!again) throw error;
    return update(again.number);
  }
}
