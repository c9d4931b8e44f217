import { ConflictError } from '@backstage/errors';
import type { Octokit } from '@octokit/rest';

/**
 * The repository file and branch a bump pull request changes.
 */
export interface BumpTarget {
  owner: string;
  repo: string;
  /** The branch the pull request targets, e.g. `main`. */
  base: string;
  /** The deterministic head branch, e.g. `environments/bump-prod-deployer`. */
  branch: string;
  /** Repository path of the Terraform file. */
  path: string;
}

/** The file as it is on the base branch. */
export interface BaseFile {
  baseSha: string;
  blobSha: string;
  content: string;
}

/** What the pull request says. */
export interface BumpChange {
  content: string;
  commitMessage: string;
  title: string;
  body: string;
}

/** The pull request that was opened or updated. */
export interface BumpOutcome {
  number: number;
  url: string;
  updated: boolean;
}

function status(error: unknown): number | undefined {
  return (error as { status?: number })?.status;
}

/**
 * Reads the file and the head commit of the base branch (2 calls).
 */
export async function readBaseFile(
  octokit: Octokit,
  target: BumpTarget,
): Promise<BaseFile> {
  const { data: ref } = await octokit.rest.git.getRef({
    owner: target.owner,
    repo: target.repo,
    ref: `heads/${target.base}`,
  });
  const { data: file } = await octokit.rest.repos.getContent({
    owner: target.owner,
    repo: target.repo,
    path: target.path,
    ref: ref.object.sha,
  });
  if (Array.isArray(file) || file.type !== 'file' || !('content' in file)) {
    throw new ConflictError(`${target.path} is not a file on ${target.base}`);
  }
  return {
    baseSha: ref.object.sha,
    blobSha: file.sha,
    content: Buffer.from(file.content, 'base64').toString('utf8'),
  };
}

/**
 * Puts `change` on the deterministic branch as one commit on top of the base
 * branch's head and opens the pull request, or updates the open one for that
 * branch. Four calls: list open pulls for the branch, create (or reset) the
 * branch, commit the file, create (or update) the pull request.
 */
export async function publishBump(
  octokit: Octokit,
  target: BumpTarget,
  base: BaseFile,
  change: BumpChange,
): Promise<BumpOutcome> {
  const { owner, repo, branch } = target;
  const { data: open } = await octokit.rest.pulls.list({
    owner,
    repo,
    head: `${owner}:${branch}`,
    base: target.base,
    state: 'open',
  });
  const existing = open[0];

  // The branch always restarts from the base head, so the pull request is
  // one commit whose diff is exactly the edit, whatever it held before.
  if (existing) {
    await octokit.rest.git.updateRef({
      owner,
      repo,
      ref: `heads/${branch}`,
      sha: base.baseSha,
      force: true,
    });
  } else {
    try {
      await octokit.rest.git.createRef({
        owner,
        repo,
        ref: `refs/heads/${branch}`,
        sha: base.baseSha,
      });
    } catch (error) {
      if (status(error) !== 422) throw error;
      // Left over from a closed pull request.
      await octokit.rest.git.updateRef({
        owner,
        repo,
        ref: `heads/${branch}`,
        sha: base.baseSha,
        force: true,
      });
    }
  }

  await octokit.rest.repos.createOrUpdateFileContents({
    owner,
    repo,
    path: target.path,
    branch,
    sha: base.blobSha,
    message: change.commitMessage,
    content: Buffer.from(change.content, 'utf8').toString('base64'),
  });

  if (existing) {
    const { data } = await octokit.rest.pulls.update({
      owner,
      repo,
      pull_number: existing.number,
      title: change.title,
      body: change.body,
    });
    return { number: data.number, url: data.html_url, updated: true };
  }
  try {
    const { data } = await octokit.rest.pulls.create({
      owner,
      repo,
      head: branch,
      base: target.base,
      title: change.title,
      body: change.body,
    });
    return { number: data.number, url: data.html_url, updated: false };
  } catch (error) {
    if (status(error) !== 422) throw error;
    // Someone opened it between our list and our create.
    const { data: again } = await octokit.rest.pulls.list({
      owner,
      repo,
      head: `${owner}:${branch}`,
      base: target.base,
      state: 'open',
    });
    if (!again[0]) throw error;
    const { data } = await octokit.rest.pulls.update({
      owner,
      repo,
      pull_number: again[0].number,
      title: change.title,
      body: change.body,
    });
    return { number: data.number, url: data.html_url, updated: true };
  }
}

/**
 * Whether a GitHub error means the file changed under us (a stale blob sha).
 */
export function isStaleShaError(error: unknown): boolean {
  return status(error) === 409;
}
