import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type express from 'express';
import { z } from 'zod';
import { createOpenApiRouter } from '../schema/openapi.generated';
import type { EnvironmentsService } from '../services/EnvironmentsService';
import { sendRevalidatable } from './sendRevalidatable';

const deploymentQuery = z.strictObject({
  kind: z
    .enum(['deploy', 'park', 'unpark', 'rebuild', 'drift', 'other'])
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(512).optional(),
});

const tagsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/**
 * The read endpoints (`GET /environments…`), validated against the
 * package's OpenAPI document. Thin: check input, take the caller, call the
 * service. Every answer carries an `ETag`; an unchanged one is a `304`.
 */
export async function createEnvironmentsRouter(options: {
  httpAuth: HttpAuthService;
  environments: EnvironmentsService;
}): Promise<express.Router> {
  const { httpAuth, environments } = options;
  const router = await createOpenApiRouter();
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
    const query = deploymentQuery.safeParse(req.query);
    if (!query.success) {
      throw new InputError(`Invalid query: ${z.prettifyError(query.error)}`);
    }
    sendRevalidatable(
      req,
      res,
      await environments.listDeployments(
        req.params.name,
        query.data,
        await caller(req),
      ),
    );
  });

  router.get('/environments/:name/images/:image/tags', async (req, res) => {
    const query = tagsQuery.safeParse(req.query);
    if (!query.success) {
      throw new InputError(`Invalid query: ${z.prettifyError(query.error)}`);
    }
    res.json(
      await environments.listImageTags(
        req.params.name,
        req.params.image,
        query.data.limit,
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

  return router;
}
