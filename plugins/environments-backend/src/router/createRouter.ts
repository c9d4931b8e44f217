import type { ApiRouter } from '@backstage/backend-openapi-utils';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import Router from 'express-promise-router';
import type express from 'express';
import type { EnvironmentsConfig } from '../config';
import { createOpenApiRouter, spec } from '../schema/openapi.generated';
import type { EnvironmentsService } from '../services/EnvironmentsService';
import type { OperationsService } from '../services/OperationsService/types';
import type { ScheduleService } from '../services/ScheduleService/createScheduleService';
import { addEnvironmentRoutes } from './environmentsRouter';
import { jsonBodies } from './jsonBodies';
import { namingOffendingValues, passedValidation } from './namedValues';
import { addOperationRoutes } from './operationsRouter';
import { addScheduleRoutes } from './scheduleRouter';

/** The router validated against the package's OpenAPI document. */
export type EnvironmentsApiRouter = ApiRouter<typeof spec>;

/**
 * The REST API of the plugin: every route on the one router validated
 * against `openapi.yaml` (parameters, headers and bodies), behind the JSON
 * body parsing. The route groups are optional so that a test can mount
 * one; the plugin mounts all.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  environments?: EnvironmentsService;
  operations?: OperationsService;
  schedule?: {
    config: EnvironmentsConfig;
    schedule: ScheduleService;
    catalog: Pick<CatalogService, 'getEntityByRef'>;
  };
}): Promise<express.Router> {
  const { httpAuth } = options;
  const api = await createOpenApiRouter();
  api.use(passedValidation);
  if (options.environments) {
    addEnvironmentRoutes(api, {
      httpAuth,
      environments: options.environments,
    });
  }
  if (options.operations) {
    addOperationRoutes(api, { httpAuth, operations: options.operations });
  }
  if (options.schedule) {
    addScheduleRoutes(api, { httpAuth, ...options.schedule });
  }
  api.use(namingOffendingValues);

  const router = Router();
  router.use(jsonBodies());
  router.use(api);
  return router;
}
