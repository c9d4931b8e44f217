import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';

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

/** Each call to GitHub gets this long. */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Reads from GitHub (or GitHub Enterprise, or a stand-in) through
 * `integrations.github`: the host's `apiBaseUrl` and credentials (token or
 * GitHub App) from `ScmIntegrations`.
 */
export class GithubClient {
  static fromConfig(config: Config, logger?: LoggerService) {
    const integrations = ScmIntegrations.fromConfig(config);
    return new GithubClient(
      integrations,
      DefaultGithubCredentialsProvider.fromIntegrations(integrations),
      logger,
    );
  }

  constructor(
    private readonly integrations: ScmIntegrationRegistry,
    private readonly credentials: GithubCredentialsProvider,
    private readonly logger?: LoggerService,
  ) {}

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
    const octokit = await this.octokit(repo);
    const { data } = await call(`repository ${fullName(repo)}`, () =>
      octokit.rest.repos.get({
        owner: repo.owner,
        repo: repo.name,
        request: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
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

  /** The open pull request from `branch`, if there is one. */
  async openPullRequest(
    repo: RepositoryRef,
    branch: string,
  ): Promise<{ number: number; url: string; title: string } | undefined> {
    const octokit = await this.octokit(repo);
    const { data } = await call(
      `open pull request from ${branch} in ${fullName(repo)}`,
      () =>
        octokit.rest.pulls.list({
          owner: repo.owner,
          repo: repo.name,
          head: `${repo.owner}:${branch}`,
          state: 'open',
          per_page: 1,
          request: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
        }),
    );
    const pr = data[0];
    return pr && { number: pr.number, url: pr.html_url, title: pr.title };
  }

  /** Reads a file at a branch, or at the default branch when none is given. */
  async readFile(
    repo: RepositoryRef,
    path: string,
    ref?: string,
  ): Promise<RepositoryFile> {
    const at = ref ?? (await this.defaultBranch(repo));
    const octokit = await this.octokit(repo);
    const { data } = await call(`'${path}' in ${fullName(repo)}@${at}`, () =>
      octokit.rest.repos.getContent({
        owner: repo.owner,
        repo: repo.name,
        path,
        ref: at,
        request: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
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

  /** Compares two commits (`base...head`). */
  async compare(
    repo: RepositoryRef,
    base: string,
    head: string,
  ): Promise<CommitComparison> {
    const octokit = await this.octokit(repo);
    const { data } = await call(
      `comparison ${base}...${head} in ${fullName(repo)}`,
      () =>
        octokit.rest.repos.compareCommitsWithBasehead({
          owner: repo.owner,
          repo: repo.name,
          basehead: `${base}...${head}`,
          per_page: 1,
          request: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
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

async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404) {
      throw new NotFoundError(`GitHub has no ${what}`, error);
    }
    throw new ServiceUnavailableError(
      `Could not read ${what} from GitHub${status ? ` (HTTP ${status})` : ''}`,
      error,
    );
  }
}
