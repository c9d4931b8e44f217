import { Signature } from './objects';
import { GitRepository } from './repository';

/** Where the stand-in is reached and what it hosts. */
export interface GitHubSite {
  /** Base of API URLs, e.g. `http://localhost:7011`. */
  apiUrl: string;
  /** Base of web pages (the stand-in serves simple ones). */
  htmlUrl: string;
  owner: string;
  name: string;
  repositoryId: number;
  defaultBranch: string;
  description: string;
  createdAt: number;
}

const iso = (ms: number) =>
  new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** GitHub's node ids are opaque; a stable base64 of the kind and key will do. */
export function nodeId(kind: string, key: string | number): string {
  return Buffer.from(`${kind}:${key}`).toString('base64').replace(/=+$/, '');
}

function userId(login: string): number {
  let h = 0;
  for (const c of login) h = (h * 31 + c.charCodeAt(0)) % 90_000_000;
  return 10_000_000 + h;
}

/** A `simple-user`. */
export function simpleUser(site: GitHubSite, login: string) {
  const url = `${site.apiUrl}/users/${login}`;
  const type = login.endsWith('[bot]') ? 'Bot' : 'User';
  return {
    login,
    id: userId(login),
    node_id: nodeId('User', login),
    avatar_url: `${site.htmlUrl}/${login}.png`,
    gravatar_id: '',
    url,
    html_url: `${site.htmlUrl}/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    user_view_type: 'public',
    site_admin: false,
  };
}

function person(s: Signature) {
  return { name: s.name, email: s.email, date: iso(s.date) };
}

const UNSIGNED = {
  verified: false,
  reason: 'unsigned',
  signature: null,
  payload: null,
  verified_at: null,
};

/** A `git-commit`. */
export function gitCommitShape(
  site: GitHubSite,
  repo: GitRepository,
  sha: string,
) {
  const commit = repo.commit(sha)!;
  const api = `${site.apiUrl}/repos/${site.owner}/${site.name}`;
  const html = `${site.htmlUrl}/${site.owner}/${site.name}`;
  return {
    sha,
    node_id: nodeId('Commit', sha),
    url: `${api}/git/commits/${sha}`,
    html_url: `${html}/commit/${sha}`,
    author: person(commit.author),
    committer: person(commit.committer),
    tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
    message: commit.message,
    parents: commit.parents.map(p => ({
      sha: p,
      url: `${api}/git/commits/${p}`,
      html_url: `${html}/commit/${p}`,
    })),
    verification: UNSIGNED,
  };
}

/** A `commit` as compare lists it. */
export function commitShape(
  site: GitHubSite,
  repo: GitRepository,
  sha: string,
  login?: string,
) {
  const git = gitCommitShape(site, repo, sha);
  const api = `${site.apiUrl}/repos/${site.owner}/${site.name}`;
  const user = login ? simpleUser(site, login) : null;
  return {
    sha,
    node_id: git.node_id,
    url: `${api}/commits/${sha}`,
    html_url: git.html_url,
    comments_url: `${api}/commits/${sha}/comments`,
    commit: {
      url: git.url,
      author: git.author,
      committer: git.committer,
      message: git.message,
      tree: git.tree,
      comment_count: 0,
      verification: git.verification,
    },
    author: user,
    committer: user,
    parents: git.parents.map(p => ({
      sha: p.sha,
      url: `${api}/commits/${p.sha}`,
      html_url: p.html_url,
    })),
  };
}

/** A `git-ref`. */
export function refShape(site: GitHubSite, ref: string, sha: string) {
  const api = `${site.apiUrl}/repos/${site.owner}/${site.name}`;
  return {
    ref,
    node_id: nodeId('Ref', ref),
    url: `${api}/git/${ref}`,
    object: { type: 'commit', sha, url: `${api}/git/commits/${sha}` },
  };
}

/** The links GitHub gives a file at `ref`. */
export function contentLinks(
  site: GitHubSite,
  path: string,
  sha: string,
  ref: string,
) {
  const api = `${site.apiUrl}/repos/${site.owner}/${site.name}`;
  const html = `${site.htmlUrl}/${site.owner}/${site.name}`;
  const self = `${api}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const git = `${api}/git/blobs/${sha}`;
  const htmlUrl = `${html}/blob/${ref}/${path}`;
  return {
    url: self,
    html_url: htmlUrl,
    git_url: git,
    download_url: `${site.htmlUrl}/raw/${site.owner}/${site.name}/${ref}/${path}`,
    _links: { self, git, html: htmlUrl },
  };
}

export { iso };
