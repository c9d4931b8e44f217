import express, { Express, RequestHandler, Router } from 'express';
import { UpstreamControls } from '../faults';
import { apiPipeline, ContractSetup } from '../http/upstream';
import { githubErrorBody, sendError, DOCS_PAGES } from './errors';
import { githubPages } from './pages';
import { compareRoutes } from './routes/compare';
import { contentsRoutes } from './routes/contents';
import { gitRoutes } from './routes/git';
import { pullRoutes } from './routes/pulls';
import { repositoryShape } from './repositoryShape';
import { GitHubState } from './state';

/** Options of the GitHub stand-in's app. */
export interface GitHubAppOptions {
  state: GitHubState;
  controls: UpstreamControls;
  contract?: ContractSetup;
  /** The token to require; any token when omitted. */
  token?: string;
  /** The login a valid token belongs to. */
  login: string;
  admin: Router;
}

function auth(options: GitHubAppOptions): RequestHandler {
  let used = 0;
  return (req, res, next) => {
    const match = /^(?:token|bearer)\s+(\S+)$/i.exec(
      req.header('authorization') ?? '',
    );
    if (!match) {
      sendError(res, 401, 'Requires authentication');
      return;
    }
    if (options.token && match[1] !== options.token) {
      sendError(res, 401, 'Bad credentials');
      return;
    }
    used += 1;
    const reset = Math.floor(options.state.clock.now() / 3_600_000 + 1) * 3600;
    res.setHeader('x-ratelimit-limit', '5000');
    res.setHeader('x-ratelimit-remaining', String(Math.max(0, 5000 - used)));
    res.setHeader('x-ratelimit-used', String(used));
    res.setHeader('x-ratelimit-reset', String(reset));
    res.setHeader('x-ratelimit-resource', 'core');
    res.locals.login = options.login;
    res.locals.rateUsed = used;
    res.locals.rateReset = reset;
    next();
  };
}

function api(options: GitHubAppOptions): Router {
  const { state } = options;
  const router = apiPipeline({
    controls: options.controls,
    auth: auth(options),
    contract: options.contract,
    errorBody: githubErrorBody,
  });

  router.get('/rate_limit', (_req, res) => {
    const rate = (limit: number, used: number) => ({
      limit,
      used,
      remaining: limit - used,
      reset: res.locals.rateReset,
    });
    const core = rate(5000, res.locals.rateUsed);
    res.json({
      resources: { core, search: rate(30, 0), graphql: rate(5000, 0) },
      rate: core,
    });
  });

  const repo = Router({ mergeParams: true });
  repo.use((req, res, next) => {
    const { owner, repo: name } = req.params as Record<string, string>;
    if (!state.matches(owner, name)) {
      sendError(res, 404, 'Not Found', { documentation: DOCS_PAGES.repo });
      return;
    }
    next();
  });
  repo.get('/', (_req, res) => {
    res.json(repositoryShape(state.site, state.repo, state.pushedAt));
  });
  contentsRoutes(repo, state);
  gitRoutes(repo, state);
  pullRoutes(repo, state);
  compareRoutes(repo, state);
  router.use('/repos/:owner/:repo', repo);
  router.use((_req, res) => sendError(res, 404, 'Not Found'));
  return router;
}

/**
 * The GitHub stand-in: the REST API at the root (GitHub Enterprise style,
 * also under `/api/v3`), simple web pages for the links it returns, and the
 * sandbox's admin API.
 */
export function createGitHubApp(options: GitHubAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use('/_sandbox', options.admin);
  const rest = api(options);
  app.use('/api/v3', rest);
  app.use((req, res, next) => {
    if (req.path === '/rate_limit' || req.path.startsWith('/repos/')) {
      rest(req, res, next);
      return;
    }
    next();
  });
  app.use(githubPages(options.state));
  return app;
}
