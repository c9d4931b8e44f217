import { Router } from 'express';
import { compareCommits } from '../compare';
import { DOCS_PAGES, sendError } from '../errors';
import { PullRequest } from '../pulls';
import { GitHubState } from '../state';

function validationFailed(documentation: string, errors: object[]) {
  return { documentation, errors };
}

/** Pull requests: list (by head, base, state), create, get and update. */
export function pullRoutes(router: Router, state: GitHubState) {
  const { site, pulls, shapes } = state;

  /** `owner:branch` or `branch` → branch, if the owner is the repository's. */
  const branchOf = (head: string) => {
    const [owner, branch] = head.includes(':')
      ? head.split(/:(.*)/s)
      : [site.owner, head];
    return owner.toLowerCase() === site.owner.toLowerCase()
      ? branch
      : undefined;
  };

  router.get('/pulls', (req, res) => {
    const q = req.query as Record<string, string | undefined>;
    const stateFilter = q.state ?? 'open';
    const head = q.head ? branchOf(q.head) : undefined;
    const perPage = Math.min(Number(q.per_page ?? 30) || 30, 100);
    const page = Math.max(Number(q.page ?? 1) || 1, 1);
    const matching = pulls
      .filter(pr => stateFilter === 'all' || pr.state === stateFilter)
      .filter(pr => !q.head || pr.head === head)
      .filter(pr => !q.base || pr.base === q.base)
      .sort((a, b) =>
        q.direction === 'asc'
          ? a.createdAt - b.createdAt
          : b.createdAt - a.createdAt,
      );
    res.json(
      matching
        .slice((page - 1) * perPage, page * perPage)
        .map(pr => shapes.simple(pr)),
    );
  });

  router.post('/pulls', (req, res) => {
    const {
      title,
      head: headInput,
      base,
      body = null,
      draft = false,
      maintainer_can_modify: canModify = true,
    } = req.body ?? {};
    const head =
      typeof headInput === 'string' ? branchOf(headInput) : undefined;
    const invalid = (field: string) =>
      sendError(
        res,
        422,
        'Validation Failed',
        validationFailed(DOCS_PAGES.createPull, [
          { resource: 'PullRequest', field, code: 'invalid' },
        ]),
      );
    const custom = (message: string) =>
      sendError(
        res,
        422,
        'Validation Failed',
        validationFailed(DOCS_PAGES.createPull, [
          { resource: 'PullRequest', code: 'custom', message },
        ]),
      );
    const headSha = head ? state.head(head) : undefined;
    const baseSha = typeof base === 'string' ? state.head(base) : undefined;
    if (!headSha) return invalid('head');
    if (!baseSha) return invalid('base');
    if (typeof title !== 'string' || title.length === 0) {
      return sendError(
        res,
        422,
        'Validation Failed',
        validationFailed(DOCS_PAGES.createPull, [
          { resource: 'PullRequest', field: 'title', code: 'missing_field' },
        ]),
      );
    }
    if (
      pulls.some(
        pr => pr.state === 'open' && pr.head === head && pr.base === base,
      )
    ) {
      return custom(`A pull request already exists for ${site.owner}:${head}.`);
    }
    if (compareCommits(state.repo, baseSha, headSha).aheadBy === 0) {
      return custom(`No commits between ${base} and ${head}`);
    }
    const now = state.clock.now();
    const number = pulls.reduce((n, pr) => Math.max(n, pr.number), 0) + 1;
    const pr: PullRequest = {
      number,
      id: 2_000_000_000 + number,
      title,
      body,
      head: head!,
      base,
      state: 'open',
      draft,
      user: res.locals.login,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      mergedAt: null,
      mergeCommitSha: null,
      maintainerCanModify: canModify,
    };
    pulls.push(pr);
    res.setHeader(
      'Location',
      `${site.apiUrl}/repos/${site.owner}/${site.name}/pulls/${number}`,
    );
    return res.status(201).json(shapes.full(pr));
  });

  const find = (n: string) => pulls.find(pr => String(pr.number) === n);

  router.get('/pulls/:number', (req, res) => {
    const pr = find(req.params.number);
    if (!pr)
      return sendError(res, 404, 'Not Found', {
        documentation: DOCS_PAGES.getPull,
      });
    return res.json(shapes.full(pr));
  });

  router.patch('/pulls/:number', (req, res) => {
    const pr = find(req.params.number);
    if (!pr)
      return sendError(res, 404, 'Not Found', {
        documentation: DOCS_PAGES.updatePull,
      });
    const { title, body, state: newState, base } = req.body ?? {};
    if (newState !== undefined && !['open', 'closed'].includes(newState)) {
      return sendError(
        res,
        422,
        'Validation Failed',
        validationFailed(DOCS_PAGES.updatePull, [
          { resource: 'PullRequest', field: 'state', code: 'invalid' },
        ]),
      );
    }
    if (base !== undefined && !state.head(base)) {
      return sendError(
        res,
        422,
        'Validation Failed',
        validationFailed(DOCS_PAGES.updatePull, [
          { resource: 'PullRequest', field: 'base', code: 'invalid' },
        ]),
      );
    }
    const now = state.clock.now();
    if (typeof title === 'string') pr.title = title;
    if (body !== undefined) pr.body = body;
    if (base !== undefined) pr.base = base;
    if (newState && newState !== pr.state) {
      pr.state = newState;
      pr.closedAt = newState === 'closed' ? now : null;
    }
    pr.updatedAt = now;
    return res.json(shapes.full(pr));
  });
}
