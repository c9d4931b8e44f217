import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import * as gitData from './gitData';
import {
  DEFAULT_GITHUB_CALL,
  githubCall,
  GithubCallOptions,
} from './githubCall';

export type { PullRequestRef } from './gitData';

/** A repository on a configured GitHub host. */
export interface RepositoryRef {
  host: string;
  owner: string;
  name: string;
}

/** A file read from a repository. */
export interface RepositoryFile {
  content: string;
  /** The git blob sha of the file. */
  sha: string;
  /** The branch or ref it was read at. */
  ref: string;
}

/** How two commits compare. */
export interface CommitComparison {
  /** Commits in `head` that are not in `base`. */
  aheadBy: number;
  behindBy: number;
  status: string;
  htmlUrl: string;
}

/**
 * Reads from GitHub (or GitHub Enterprise, or a stand-in) through
 * `integrations.github`: the host's `apiBaseUrl` and credentials (token or
 * GitHub App) from `ScmIntegrations`.
 */
export class GithubClient {
  static fromConfig(
    config: Config,
    logger?: LoggerService,
    call?: Partial<GithubCallOptions>,
  ) {
    const integrations = ScmIntegrations.fromConfig(config);
    return new GithubClient(
      integrations,
      DefaultGithubCredentialsProvider.fromIntegrations(integrations),
      logger,
      call,
    );
  }

  readonly #call: GithubCallOptions;

  constructor(
    private readonly integrations: ScmIntegrationRegistry,
    private readonly credentials: GithubCredentialsProvider,
    private readonly logger?: LoggerService,
    call: Partial<GithubCallOptions> = {},
  ) {
    this.#call = { ...DEFAULT_GITHUB_CALL, logger, ...call };
  }

  /** One call through {@link githubCall}, authenticated for the repository. */
  async #run<T>(
    repo: RepositoryRef,
    what: string,
    mode: 'read' | 'write',
    fn: (octokit: Octokit, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const octokit = await this.octokit(repo);
    return githubCall(what, mode, signal => fn(octokit, signal), this.#call);
  }

  /** An Octokit for a repository, authenticated for it. */
  async octokit(repo: RepositoryRef): Promise<Octokit> {
    const integration = this.integrations.github.byHost(repo.host);
    if (!integration) {
      throw new InputError(
        `No integrations.github entry for host '${repo.host}'`,
      );
    }
    const { token } = await this.credentials.getCredentials({
      url: `https://${repo.host}/${repo.owner}/${repo.name}`,
    });
    return new Octokit({
      baseUrl: integration.config.apiBaseUrl,
      auth: token,
      request: { retries: 0 },
      // Failed requests become typed errors below; Octokit's own log
      // lines go to the plugin's logger instead of the console.
      log: {
        debug: () => {},
        info: () => {},
        warn: (message: string) => this.logger?.warn(message),
        error: (message: string) => this.logger?.debug(message),
      },
    });
  }

  /** The repository's default branch. */
  async defaultBranch(repo: RepositoryRef): Promise<string> {
    const { data } = await this.#run(
      repo,
      `repository ${fullName(repo)}`,
      'read',
      (o, signal) =>
        o.rest.repos.get({
          owner: repo.owner,
          repo: repo.name,
          request: { signal },
        }),
    );
    return data.default_branch;
  }

  /**
   * The web address of a host's repositories, for links: GitHub's own for
   * github.com, the instance without `/api/v3` for GitHub Enterprise, and
   * the API's origin otherwise (a stand-in that serves both). From the
   * `integrations.github` entry of the host, so links follow the config.
   */
  webBaseUrl(host: string): string {
    const api = this.integrations.github.byHost(host)?.config.apiBaseUrl;
    if (!api || api === 'https://api.github.com') return `https://${host}`;
    if (/\/api\/v3\/?$/.test(api)) return api.replace(/\/api\/v3\/?$/, '');
    return new URL(api).origin;
  }

  /** Reads a file at a branch, or at the default branch when none is given. */
  async readFile(
    repo: RepositoryRef,
    path: string,
    ref?: string,
  ): Promise<RepositoryFile> {
    const at = ref ?? (await this.defaultBranch(repo));
    const { data } = await this.#run(
      repo,
      `'${path}' in ${fullName(repo)}@${at}`,
      'read',
      (o, signal) =>
        o.rest.repos.getContent({
          owner: repo.owner,
          repo: repo.name,
          path,
          ref: at,
          request: { signal },
        }),
    );
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) {
      throw new InputError(
        `'${path}' in ${fullName(repo)}@${at} is not a file`,
      );
    }
    return {
      content: Buffer.from(data.content, 'base64').toString('utf8'),
      sha: data.sha,
      ref: at,
    };
  }

  /** The head commit of a branch, or undefined when there is none. */
  async branchHead(
    repo: RepositoryRef,
    branch: string,
  ): Promise<string | undefined> {
    try {
      const { data } = await this.#run(
        repo,
        `branch ${branch} in ${fullName(repo)}`,
        'read',
        (o, signal) =>
          o.rest.git.getRef({
            owner: repo.owner,
            repo: repo.name,
            ref: `heads/${branch}`,
            request: { signal },
          }),
      );
      return data.object.sha;
    } catch (error) {
      if ((error as Error).name === 'NotFoundError') return undefined;
      throw error;
    }
  }

  /**
   * Builds a commit of one changed file on top of `parent` with the git
   * data API (tree on the parent's tree, then the commit); no branch moves.
   */
  commitFile(
    repo: RepositoryRef,
    change: { parent: string; path: string; content: string; message: string },
  ): Promise<string> {
    return gitData.commitFile(this.#runner(repo), change);
  }

  /** Points a branch at a commit with one ref update (creating it if need be). */
  async setBranch(repo: RepositoryRef, branch: string, sha: string) {
    const exists = (await this.branchHead(repo, branch)) !== undefined;
    return gitData.setBranch(this.#runner(repo), branch, sha, exists);
  }

  /** The open pull request from `head` into `base`, if any. */
  openPullRequest(
    repo: RepositoryRef,
    head: string,
    base: string,
  ): Promise<gitData.PullRequestRef | undefined> {
    return gitData.openPullRequest(this.#runner(repo), head, base);
  }

  /** Opens a pull request, or updates the open one from `head`. */
  upsertPullRequest(
    repo: RepositoryRef,
    pr: { head: string; base: string; title: string; body: string },
  ): Promise<{ number: number; url: string; updated: boolean }> {
    return gitData.upsertPullRequest(this.#runner(repo), pr);
  }

  #runner(repo: RepositoryRef): gitData.Runner {
    return {
      repo,
      run: (what, mode, fn) =>
        this.#run(repo, `${what} in ${fullName(repo)}`, mode, fn),
    };
  }

  /** Compares two commits (`base...head`). */
  async compare(
    repo: RepositoryRef,
    base: string,
    head: string,
  ): Promise<CommitComparison> {
    const { data } = await this.#run(
      repo,
      `comparison ${base}...${head} in ${fullName(repo)}`,
      'read',
      (o, signal) =>
        o.rest.repos.compareCommitsWithBasehead({
          owner: repo.owner,
          repo: repo.name,
          basehead: `${base}...${head}`,
          per_page: 1,
          request: { signal },
        }),
    );
    return {
      aheadBy: data.ahead_by,
      behindBy: data.behind_by,
      status: data.status,
      htmlUrl: data.html_url,
    };
  }
}

function fullName(repo: RepositoryRef) {
  return `${repo.owner}/${repo.name}`;
}
