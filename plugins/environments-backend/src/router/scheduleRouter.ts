import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EnvironmentsConfig } from '../config';
import { findEnvironment } from '../services/EnvironmentsService/resolveEnvironment';
import type { ScheduleService } from '../services/ScheduleService/createScheduleService';
import type { EnvironmentsApiRouter } from './createRouter';

/**
 * `POST /environments/{name}/keep-awake` (`{ until }`, checked against the
 * OpenAPI document by the router): thin; the schedule service checks the
 * bounds, the owner-only permission and audits.
 */
export function addScheduleRoutes(
  router: EnvironmentsApiRouter,
  options: {
    httpAuth: HttpAuthService;
    config: EnvironmentsConfig;
    schedule: ScheduleService;
    catalog: Pick<CatalogService, 'getEntityByRef'>;
  },
) {
  const { httpAuth, config, schedule } = options;

  router.post('/environments/:name/keep-awake', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    // One resolver for reads and writes: a name or an entity ref.
    const definition = await findEnvironment(
      config.definitions,
      options.catalog,
      req.params.name,
      credentials,
    );
    res.json(
      await schedule.keepAwake(definition, req.body.until, {
        credentials,
        request: req,
      }),
    );
  });
}
