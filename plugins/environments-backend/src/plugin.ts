import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { environmentsPermissions } from '@rocket-club/plugin-environments-common';
import { CircleCiClient } from './clients/circleci/CircleCiClient';
import { EcrClient } from './clients/ecr/EcrClient';
import { GithubClient } from './clients/github/GithubClient';
import { readEnvironmentsConfig } from './config';
import { DatabaseEnvironmentsStore } from './database/DatabaseEnvironmentsStore';
import { createEnvironmentsRouter } from './router/environmentsRouter';
import { createEnvironmentsService } from './services/EnvironmentsService';
import { cachedReadDecisions } from './services/EnvironmentsService/cachedReadDecisions';
import { createImageService } from './services/ImageService/createImageService';
import { createIngestionService } from './services/IngestionService/createIngestionService';
import { createProbeService } from './services/ProbeService/createProbeService';
import { scheduleTasks } from './services/scheduleTasks';
import { createViewCache, subscribeToViewChanges } from './services/ViewCache';
import { installOperations } from './installOperations';

/**
 * The environments backend plugin: live status, images and deploy history
 * of the configured environments, under `/api/environments`.
 *
 * @public
 */
export const environmentsPlugin = createBackendPlugin({
  pluginId: 'environments',
  register(env) {
    env.registerInit({
      deps: {
        rootConfig: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        cache: coreServices.cache,
        scheduler: coreServices.scheduler,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        auditor: coreServices.auditor,
        events: eventsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        instanceMetadata: coreServices.rootInstanceMetadata,
      },
      async init(deps) {
        const { rootConfig, logger } = deps;
        const config = readEnvironmentsConfig(rootConfig);
        deps.permissionsRegistry.addPermissions(environmentsPermissions);

        const store = await DatabaseEnvironmentsStore.create(deps);
        const circleci =
          config.circleci &&
          CircleCiClient.fromSettings(config.circleci, logger);
        const ecr =
          config.ecr && (await EcrClient.fromConfig(rootConfig, config.ecr));
        const github = GithubClient.fromConfig(rootConfig, logger);
        const images = createImageService({
          github,
          ecr,
          registryKey: `${config.ecr?.accountId ?? 'default'}:${
            config.ecr?.region
          }`,
          cache: deps.cache,
          ttl: {
            ecrMs: config.cache.ecrTtlMs,
            githubMs: config.cache.githubTtlMs,
            viewMs: config.images.viewTtlMs,
          },
          logger,
        });
        const ingestion =
          circleci &&
          createIngestionService({
            definitions: config.definitions,
            circleci,
            store,
            logger,
            maxPages: config.ingestion.maxPages,
          });
        const probes = createProbeService({
          definitions: config.definitions,
          store,
          logger,
          timeoutMs: config.probes.timeoutMs,
          retentionMs: config.probes.retentionMs,
        });
        const views = createViewCache({ ttlMs: config.cache.statusTtlMs });
        await subscribeToViewChanges({
          events: deps.events,
          instanceId: deps.instanceMetadata.getId(),
          views,
        });
        const changed = (environment?: string) => views.invalidate(environment);
        await scheduleTasks({
          ...deps,
          config,
          ingestion,
          probes,
          images,
          changed,
        });

        const environments = createEnvironmentsService({
          definitions: config.definitions,
          appBaseUrl: config.circleci?.appBaseUrl ?? 'https://app.circleci.com',
          store,
          images,
          catalog: deps.catalog,
          permissions: cachedReadDecisions(deps.permissions, {
            ttlMs: config.cache.readDecisionTtlMs,
          }),
          views,
        });
        // The write side: every mutation behind the same guards.
        const { router: operationsRouter } = await installOperations({
          ...deps,
          config,
          history: store,
          circleci,
          ecr,
          github,
          ingestion,
          images,
          changed,
        });
        deps.httpRouter.use(operationsRouter);
        deps.httpRouter.use(
          await createEnvironmentsRouter({
            httpAuth: deps.httpAuth,
            environments,
          }),
        );
      },
    });
  },
});
