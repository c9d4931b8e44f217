import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { EnvironmentsService } from '../services/EnvironmentsService';
import type { EnvironmentsApiRouter } from './createRouter';
import { sendRevalidatable } from './sendRevalidatable';

/** Rows of deploy history per page when the query names no `limit`. */
const DEFAULT_LIMIT = 20;

/**
 * The read endpoints (`GET /environments…`). Thin: the router has checked
 * the input against the OpenAPI document; take the caller, call the
 * service. Every answer carries an `ETag`; an unchanged one is a `304`.
 */
export function addEnvironmentRoutes(
  router: EnvironmentsApiRouter,
  options: { httpAuth: HttpAuthService; environments: EnvironmentsService },
) {
  const { httpAuth, environments } = options;
  const caller = async (
    req: Parameters<HttpAuthService['credentials']>[0],
  ) => ({
    credentials: await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    }),
  });

  router.get('/environments', async (req, res) => {
    sendRevalidatable(req, res, {
      items: await environments.listEnvironments(await caller(req)),
    });
  });

  router.get('/environments/:name', async (req, res) => {
    sendRevalidatable(
      req,
      res,
      await environments.getEnvironment(req.params.name, await caller(req)),
    );
  });

  router.get('/environments/:name/deployments', async (req, res) => {
    const { kind, limit = DEFAULT_LIMIT, cursor } = req.query;
    sendRevalidatable(
      req,
      res,
      await environments.listDeployments(
        req.params.name,
        { kind, limit, cursor },
        await caller(req),
      ),
    );
  });

  router.get('/environments/:name/images/:image/tags', async (req, res) => {
    res.json(
      await environments.listImageTags(
        req.params.name,
        req.params.image,
        req.query.limit ?? DEFAULT_LIMIT,
        await caller(req),
      ),
    );
  });

  router.get('/environments/:name/images', async (req, res) => {
    sendRevalidatable(
      req,
      res,
      await environments.getImages(req.params.name, await caller(req)),
    );
  });
}
