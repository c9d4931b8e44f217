import { Router } from 'express';
import { compareCommits } from '../compare';
import { DOCS_PAGES, sendError } from '../errors';
import { commitShape } from '../shapes';
import { GitHubState } from '../state';

/** `GET /repos/{owner}/{repo}/compare/{base}...{head}`. */
export function compareRoutes(router: Router, state: GitHubState) {
  const { repo, site } = state;

  router.get('/compare/*', (req, res) => {
    const basehead = (req.params as any)[0] as string;
    const [baseInput, headInput] = basehead.split('...');
    const strip = (s: string) => (s.includes(':') ? s.split(/:(.*)/s)[1] : s);
    const base = baseInput ? repo.resolve(strip(baseInput)) : undefined;
    const head = headInput ? repo.resolve(strip(headInput)) : undefined;
    if (!base || !head) {
      sendError(res, 404, 'Not Found', { documentation: DOCS_PAGES.compare });
      return;
    }
    const result = compareCommits(repo, base, head);
    const api = `${site.apiUrl}/repos/${site.owner}/${site.name}`;
    const html = `${site.htmlUrl}/${site.owner}/${site.name}`;
    const authorOf = (sha: string) => repo.commit(sha)!.author.name;
    res.json({
      url: `${api}/compare/${basehead}`,
      html_url: `${html}/compare/${basehead}`,
      permalink_url: `${html}/compare/${site.owner}:${base.slice(0, 7)}...${
        site.owner
      }:${head.slice(0, 7)}`,
      diff_url: `${html}/compare/${basehead}.diff`,
      patch_url: `${html}/compare/${basehead}.patch`,
      base_commit: commitShape(site, repo, base, authorOf(base)),
      merge_base_commit: commitShape(
        site,
        repo,
        result.mergeBase,
        authorOf(result.mergeBase),
      ),
      status: result.status,
      ahead_by: result.aheadBy,
      behind_by: result.behindBy,
      total_commits: result.aheadBy,
      commits: result.commits.map(sha =>
        commitShape(site, repo, sha, authorOf(sha)),
      ),
      files: result.files.map(f => ({
        sha: f.sha,
        filename: f.filename,
        status: f.status,
        additions: f.additions,
        deletions: f.deletions,
        changes: f.additions + f.deletions,
        blob_url: `${html}/blob/${head}/${f.filename}`,
        raw_url: `${html}/raw/${head}/${f.filename}`,
        contents_url: `${api}/contents/${f.filename}?ref=${head}`,
        ...(f.patch !== undefined ? { patch: f.patch } : {}),
      })),
    });
  });
}
