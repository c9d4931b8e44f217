import express, { Express, RequestHandler, Router } from 'express';
import { UpstreamControls } from '../faults';
import { apiPipeline, ContractSetup } from '../http/upstream';
import { circleCiPages } from './pages';
import { circleCiRoutes, CircleCiRouteOptions } from './routes';

/** CircleCI's error body. */
export function circleCiErrorBody(status: number, message: string) {
  if (status === 429) return { message: 'Rate limit exceeded.' };
  return { message };
}

function auth(token: string | undefined, login: string): RequestHandler {
  return (req, res, next) => {
    let given = req.header('circle-token');
    const basic = /^Basic\s+(\S+)$/i.exec(req.header('authorization') ?? '');
    if (!given && basic)
      given = Buffer.from(basic[1], 'base64').toString('utf8').split(':')[0];
    if (!given && req.query['circle-token'] !== undefined) {
      res.status(401).json({
        message:
          'Support for query parameter authentication has been deprecated to improve security. Please use a supported authentication method such as header-based, or basic authentication.',
      });
      return;
    }
    if (!given) {
      res.status(401).json({ message: 'You must log in first.' });
      return;
    }
    if (token && given !== token) {
      res.status(401).json({ message: 'Invalid token provided.' });
      return;
    }
    res.locals.login = login;
    next();
  };
}

/**
 * The CircleCI stand-in: API v2 under `/api/v2`, the web pages the portal
 * links to under `/app`, and the sandbox's admin API.
 */
export function createCircleCiApp(
  options: CircleCiRouteOptions & {
    controls: UpstreamControls;
    contract?: ContractSetup;
    token?: string;
    login: string;
    admin: Router;
  },
): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use('/_sandbox', options.admin);
  app.use('/app', circleCiPages({ ...options, approver: options.login }));
  const api = apiPipeline({
    controls: options.controls,
    auth: auth(options.token, options.login),
    contract: options.contract,
    errorBody: circleCiErrorBody,
  });
  circleCiRoutes(api, options);
  api.use((_req, res) => {
    res.status(404).json({ message: 'Not found.' });
  });
  app.use('/api/v2', api);

  // Artifact downloads, outside the API as on CircleCI, with the same token.
  const files = apiPipeline({
    controls: options.controls,
    auth: auth(options.token, options.login),
    errorBody: circleCiErrorBody,
  });
  files.get(/^\/(\d+)\/0\/(.+)$/, (req, res) => {
    const found = options.store.jobByNumber(Number(req.params[0]));
    const content =
      found &&
      options.artifacts.content(found.pipeline, found.job, req.params[1]);
    if (content === undefined) res.status(404).json({ message: 'Not found.' });
    else
      res.type(req.params[1].endsWith('.json') ? 'json' : 'text').send(content);
  });
  app.use('/artifacts', files);
  return app;
}
