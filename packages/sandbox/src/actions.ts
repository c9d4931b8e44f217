import { ConflictError, NotFoundError } from '@backstage/errors';
import { SandboxWorld } from './world';

/**
 * A developer's push: a commit on the branch in the GitHub stand-in, then
 * the pipeline GitHub's webhook makes CircleCI run, with default parameters.
 */
export function simulatePush(
  world: SandboxWorld,
  options: {
    branch?: string;
    message?: string;
    actor?: string;
    files?: Record<string, string>;
  },
) {
  const branch = options.branch ?? world.github.site.defaultBranch;
  const actor = options.actor ?? world.github.site.owner;
  const commit = world.github.push({
    branch,
    message: options.message ?? 'Update infrastructure',
    actor,
    files: options.files,
  });
  const pipeline = world.engine.trigger({
    branch,
    actor,
    triggerType: 'webhook',
  });
  return { commit, pipeline: { id: pipeline.id, number: pipeline.number } };
}

/**
 * Merges an open pull request with a merge commit (what the merge button
 * does), then runs the push pipeline of the base branch.
 */
export function mergePull(world: SandboxWorld, number: number, actor: string) {
  const { github } = world;
  const pr = github.pulls.find(p => p.number === number);
  if (!pr || pr.state !== 'open') {
    throw new NotFoundError(`No open pull request #${JSON.stringify(number)}`);
  }
  const head = github.head(pr.head);
  const base = github.head(pr.base);
  if (!head || !base)
    throw new ConflictError(`Pull request #${number} has a missing branch`);
  if (!github.repo.history(head).includes(base)) {
    throw new ConflictError(
      `Pull request #${number} is not up to date with ${pr.base}; update the branch first`,
    );
  }
  const now = github.clock.now();
  const who = {
    name: actor,
    email: `${actor}@users.noreply.github.com`,
    date: now,
  };
  const merge = github.repo.writeCommit({
    tree: github.repo.commit(head)!.tree,
    parents: [base, head],
    author: who,
    committer: who,
    message: `Merge pull request #${number} from ${github.site.owner}/${pr.head}\n\n${pr.title}`,
  });
  github.repo.setRef(`refs/heads/${pr.base}`, merge);
  github.pushedAt = now;
  Object.assign(pr, {
    state: 'closed',
    closedAt: now,
    mergedAt: now,
    mergeCommitSha: merge,
    updatedAt: now,
  });
  const pipeline = world.engine.trigger({
    branch: pr.base,
    actor,
    triggerType: 'webhook',
  });
  return {
    commit: merge,
    pipeline: { id: pipeline.id, number: pipeline.number },
  };
}
