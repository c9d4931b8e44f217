import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { EnvironmentsConfig } from '../config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { findEnvironment } from '../services/EnvironmentsService/resolveEnvironment';
import type { ScheduleService } from '../services/ScheduleService/createScheduleService';

/** `{ until }`: an ISO time with an offset, or null to end keep-awake. */
const keepAwakeBody = z.strictObject({
  until: z.iso.datetime({ offset: true }).nullable(),
});

/**
 * `POST /environments/{name}/keep-awake`: thin; the schedule service checks
 * the bounds, the owner-only permission and audits.
 */
export function createScheduleRouter(options: {
  httpAuth: HttpAuthService;
  config: EnvironmentsConfig;
  schedule: ScheduleService;
  catalog: Pick<CatalogService, 'getEntityByRef'>;
}): express.Router {
  const { httpAuth, config, schedule } = options;
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  router.post('/environments/:name/keep-awake', async (req, res) => {
    if (!req.is('application/json')) {
      throw new InputError(
        'The body must be JSON: { "until": <ISO time or null> }',
      );
    }
    const body = keepAwakeBody.safeParse(req.body ?? {});
    if (!body.success) {
      throw new InputError(
        `Invalid request body: ${z.prettifyError(body.error)}`,
      );
    }
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    // One resolver for reads and writes: a name or an entity ref.
    const definition = await findEnvironment(
      config.definitions,
      options.catalog,
      req.params.name,
      credentials,
    );
    res.json(
      await schedule.keepAwake(definition, body.data.until, {
        credentials,
        request: req,
      }),
    );
  });

  return router;
}
