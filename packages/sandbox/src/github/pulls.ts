import { compareCommits } from './compare';
import { GitRepository } from './repository';
import { repositoryShape } from './repositoryShape';
import { GitHubSite, iso, nodeId, simpleUser } from './shapes';

/** A pull request of the stand-in's repository. */
export interface PullRequest {
  number: number;
  id: number;
  title: string;
  body: string | null;
  head: string;
  base: string;
  state: 'open' | 'closed';
  draft: boolean;
  user: string;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  mergedAt: number | null;
  mergeCommitSha: string | null;
  maintainerCanModify: boolean;
}

/** Renders pull requests the way GitHub's API returns them. */
export class PullRequestShapes {
  constructor(
    private readonly site: GitHubSite,
    private readonly repo: GitRepository,
    private readonly pushedAt: () => number,
  ) {}

  #side(branch: string, shaFallback: string | null) {
    const sha =
      this.repo.ref(`refs/heads/${branch}`) ?? shaFallback ?? '0'.repeat(40);
    return {
      label: `${this.site.owner}:${branch}`,
      ref: branch,
      sha,
      user: simpleUser(this.site, this.site.owner),
      repo: repositoryShape(this.site, this.repo, this.pushedAt()),
    };
  }

  /** A `pull-request-simple`, as the list returns. */
  simple(pr: PullRequest) {
    const api = `${this.site.apiUrl}/repos/${this.site.owner}/${this.site.name}`;
    const html = `${this.site.htmlUrl}/${this.site.owner}/${this.site.name}/pull/${pr.number}`;
    const issue = `${api}/issues/${pr.number}`;
    const self = `${api}/pulls/${pr.number}`;
    const head = this.#side(pr.head, pr.mergeCommitSha);
    return {
      url: self,
      id: pr.id,
      node_id: nodeId('PullRequest', pr.id),
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: issue,
      commits_url: `${self}/commits`,
      review_comments_url: `${self}/comments`,
      review_comment_url: `${api}/pulls/comments{/number}`,
      comments_url: `${issue}/comments`,
      statuses_url: `${api}/statuses/${head.sha}`,
      number: pr.number,
      state: pr.state,
      locked: false,
      title: pr.title,
      user: simpleUser(this.site, pr.user),
      body: pr.body,
      labels: [],
      milestone: null,
      active_lock_reason: null,
      created_at: iso(pr.createdAt),
      updated_at: iso(pr.updatedAt),
      closed_at: pr.closedAt === null ? null : iso(pr.closedAt),
      merged_at: pr.mergedAt === null ? null : iso(pr.mergedAt),
      merge_commit_sha: pr.mergeCommitSha,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head,
      base: this.#side(pr.base, null),
      _links: {
        self: { href: self },
        html: { href: html },
        issue: { href: issue },
        comments: { href: `${issue}/comments` },
        review_comments: { href: `${self}/comments` },
        review_comment: { href: `${api}/pulls/comments{/number}` },
        commits: { href: `${self}/commits` },
        statuses: { href: `${api}/statuses/${head.sha}` },
      },
      author_association: 'OWNER',
      auto_merge: null,
      draft: pr.draft,
    };
  }

  /** A full `pull-request`, with counts from comparing base and head. */
  full(pr: PullRequest) {
    const simple = this.simple(pr);
    const comparison =
      simple.base.sha !== '0'.repeat(40) && this.repo.commit(simple.head.sha)
        ? compareCommits(this.repo, simple.base.sha, simple.head.sha)
        : undefined;
    const files = comparison?.files ?? [];
    return {
      ...simple,
      merged: pr.mergedAt !== null,
      mergeable: pr.state === 'open' ? true : null,
      rebaseable: pr.state === 'open' ? true : null,
      mergeable_state: pr.state === 'open' ? 'clean' : 'unknown',
      merged_by:
        pr.mergedAt !== null ? simpleUser(this.site, this.site.owner) : null,
      comments: 0,
      review_comments: 0,
      maintainer_can_modify: pr.maintainerCanModify,
      commits: comparison?.aheadBy ?? 0,
      additions: files.reduce((n, f) => n + f.additions, 0),
      deletions: files.reduce((n, f) => n + f.deletions, 0),
      changed_files: files.length,
    };
  }
}
