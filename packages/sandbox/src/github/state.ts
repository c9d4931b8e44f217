import { ConflictError } from '@backstage/errors';
import { SandboxClock } from '../clock';
import { Signature } from './objects';
import { PullRequest, PullRequestShapes } from './pulls';
import { GitRepository } from './repository';
import { GitHubSite } from './shapes';

/** Options of the GitHub stand-in's repository. */
export interface GitHubRepositoryOptions {
  owner: string;
  name: string;
  defaultBranch: string;
  description?: string;
}

/** The developer identity commits are made as, by login. */
export function signatureOf(login: string, date: number): Signature {
  return { name: login, email: `${login}@users.noreply.github.com`, date };
}

/** Everything the GitHub stand-in holds: one repository and its pull requests. */
export class GitHubState {
  readonly repo = new GitRepository();
  readonly pulls: PullRequest[] = [];
  readonly site: GitHubSite;
  readonly shapes: PullRequestShapes;
  readonly clock: SandboxClock;
  pushedAt: number;

  constructor(options: GitHubRepositoryOptions, clock: SandboxClock) {
    this.clock = clock;
    this.pushedAt = clock.now();
    this.site = {
      apiUrl: 'http://localhost',
      htmlUrl: 'http://localhost',
      owner: options.owner,
      name: options.name,
      repositoryId: 712_345_678,
      defaultBranch: options.defaultBranch,
      description:
        options.description ??
        'Platform infrastructure (Terraform, CircleCI) and the Backstage portal',
      createdAt: clock.now(),
    };
    this.shapes = new PullRequestShapes(
      this.site,
      this.repo,
      () => this.pushedAt,
    );
  }

  /** Sets the URLs once the server listens. */
  setUrls(apiUrl: string, htmlUrl: string = apiUrl): void {
    this.site.apiUrl = apiUrl.replace(/\/$/, '');
    this.site.htmlUrl = htmlUrl.replace(/\/$/, '');
  }

  matches(owner: string, name: string): boolean {
    return (
      owner.toLowerCase() === this.site.owner.toLowerCase() &&
      name.toLowerCase() === this.site.name.toLowerCase()
    );
  }

  head(branch: string = this.site.defaultBranch): string | undefined {
    return this.repo.ref(`refs/heads/${branch}`);
  }

  /**
   * A developer's push: one commit on `branch` changing `files` (an empty
   * commit when none), as `git push` would land it.
   */
  push(options: {
    branch?: string;
    message: string;
    actor: string;
    files?: Record<string, string>;
  }): string {
    const branch = options.branch ?? this.site.defaultBranch;
    const ref = `refs/heads/${branch}`;
    const parent = this.repo.ref(ref) ?? this.head();
    if (!parent)
      throw new ConflictError(
        `Branch ${JSON.stringify(branch)} has no commit to push onto`,
      );
    const files = new Map(this.repo.files(this.repo.commit(parent)!.tree));
    for (const [path, content] of Object.entries(options.files ?? {})) {
      const mode = files.get(path)?.mode ?? '100644';
      files.set(path, { sha: this.repo.writeBlob(Buffer.from(content)), mode });
    }
    const who = signatureOf(options.actor, this.clock.now());
    const sha = this.repo.writeCommit({
      tree: this.repo.writeFiles(files),
      parents: [parent],
      author: who,
      committer: who,
      message: options.message,
    });
    this.repo.setRef(ref, sha);
    this.pushedAt = this.clock.now();
    return sha;
  }
}
