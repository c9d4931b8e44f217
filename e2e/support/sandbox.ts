import { APIRequestContext } from '@playwright/test';
import { SandboxAdminClient } from '@rocket-club/sandbox';

/** The sandbox's admin API, on the CircleCI stand-in's port. */
export const sandboxAdmin = () =>
  new SandboxAdminClient('http://127.0.0.1:7010');

/** The GitHub stand-in's REST API for the seeded repository. */
export const GITHUB_REPO_API =
  'http://127.0.0.1:7011/repos/rlhatcher/rocket-club';

/** A file of a GitHub compare. */
export interface ComparedFile {
  filename: string;
  status: string;
  additions: number;
  deletions: number;
  patch?: string;
}

async function json<T>(
  response: Awaited<ReturnType<APIRequestContext['get']>>,
): Promise<T> {
  if (!response.ok()) {
    throw new Error(
      `${response.url()} answered ${response.status()}: ${await response.text()}`,
    );
  }
  return (await response.json()) as T;
}

/**
 * The files a pull request's head changes against its base, as the GitHub
 * stand-in's compare API reports them (what a reviewer sees).
 */
export async function pullRequestFiles(
  request: APIRequestContext,
  number: number,
): Promise<ComparedFile[]> {
  const headers = { authorization: 'token sandbox-github-token' };
  const pull = await json<{ head: { ref: string }; base: { ref: string } }>(
    await request.get(`${GITHUB_REPO_API}/pulls/${number}`, { headers }),
  );
  const compare = await json<{ files: ComparedFile[] }>(
    await request.get(
      `${GITHUB_REPO_API}/compare/${pull.base.ref}...${pull.head.ref}`,
      { headers },
    ),
  );
  return compare.files;
}
