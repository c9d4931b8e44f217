import { Sandbox } from '../sandbox';

/**
 * A pull request of the GitHub stand-in.
 *
 * @public
 */
export interface SandboxPullRequest {
  number: number;
  head: string;
  base: string;
  state: 'open' | 'closed';
  title: string;
  body: string | null;
}

/**
 * What a test reads of the GitHub stand-in's repository, in-process.
 *
 * @public
 */
export interface SandboxRepository {
  /** The commit a branch points at. */
  head(branch?: string): string | undefined;
  /** A commit's parents. */
  parents(sha: string): string[] | undefined;
  /** A commit's message. */
  message(sha: string): string | undefined;
  /** A text file at the head of a branch. */
  file(branch: string, path: string): string | undefined;
  /** The paths whose content differs between two branches' heads. */
  changedFiles(branch: string, base?: string): string[];
  pulls(): SandboxPullRequest[];
}

/**
 * Reads the GitHub stand-in's repository: branches, commits, files and
 * pull requests.
 *
 * @public
 */
export function repositoryOf(sandbox: Sandbox): SandboxRepository {
  const { github } = sandbox.world;
  const head = (branch = github.site.defaultBranch) => github.head(branch);
  const filesAt = (branch: string) => {
    const sha = head(branch);
    const commit = sha ? github.repo.commit(sha) : undefined;
    return commit ? github.repo.files(commit.tree) : new Map();
  };
  return {
    head,
    parents: sha => github.repo.commit(sha)?.parents,
    message: sha => github.repo.commit(sha)?.message,
    file: (branch, path) => {
      const sha = head(branch);
      return sha
        ? github.repo.readFile(sha, path)?.content.toString('utf8')
        : undefined;
    },
    changedFiles: (branch, base = github.site.defaultBranch) => {
      const [ours, theirs] = [filesAt(branch), filesAt(base)];
      return [...new Set([...ours.keys(), ...theirs.keys()])].filter(
        path => ours.get(path)?.sha !== theirs.get(path)?.sha,
      );
    },
    pulls: () => github.pulls.map(p => ({ ...p })),
  };
}
