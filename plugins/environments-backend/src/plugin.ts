import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { environmentsPermissions } from '@rocket-club/plugin-environments-common';
import { CircleCiClient } from './clients/circleci/CircleCiClient';
import { EcrClient } from './clients/ecr/EcrClient';
import { GithubClient } from './clients/github/GithubClient';
import { readEnvironmentsConfig } from './config';
import { DatabaseEnvironmentsStore } from './database/DatabaseEnvironmentsStore';
import { DatabasePlanReviewStore } from './database/DatabasePlanReviewStore';
import { createRouter } from './router/createRouter';
import {
  combineChangeNotifiers,
  createSignalsChangeNotifier,
} from './services/ChangeNotifier';
import { createEnvironmentsService } from './services/EnvironmentsService';
import { cachedReadDecisions } from './services/EnvironmentsService/cachedReadDecisions';
import { createImageService } from './services/ImageService/createImageService';
import { createIngestionService } from './services/IngestionService/createIngestionService';
import { createPlanReviewService } from './services/PlanReviewService';
import { createProbeService } from './services/ProbeService/createProbeService';
import { scheduleTasks } from './services/scheduleTasks';
import { createViewCache, subscribeToViewChanges } from './services/ViewCache';
import { installOperations } from './installOperations';
import { periodMs } from './services/StatusService/periodMs';
import { installSchedule } from './installSchedule';

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
        signals: signalsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        auth: coreServices.auth,
        notifications: notificationService,
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
        // Every change a page shows is announced on `environments:<name>`;
        // first the local reactions, so the refetch it causes sees them.
        const onStatusChange: Array<(name: string) => void> = [];
        const definition = (name: string) =>
          config.definitions.find(d => d.name === name);
        const signalled = createSignalsChangeNotifier({
          signals: deps.signals,
          logger,
        });
        const views = createViewCache({ ttlMs: config.cache.statusTtlMs });
        const notifier = combineChangeNotifiers(
          {
            changed(name, parts) {
              // This instance's views first, before pages hear of the change
              // and refetch (other instances drop theirs on the signal).
              views.invalidate(name);
              const def = definition(name);
              if (!def) return;
              // Something may have pushed an image or changed a pin (a bump
              // opened its pull request): read ECR and GitHub again and
              // replace the shared view, so no page view waits on them, then
              // say so once more for the pages that refetched meanwhile.
              if (parts.includes('images')) {
                images
                  .refresh(def)
                  .then(() => signalled.changed(name, ['images']))
                  .catch(error => {
                    logger.warn(
                      `Could not refresh images of ${name}: ${error}`,
                    );
                  });
              }
              if (parts.includes('status'))
                onStatusChange.forEach(f => f(name));
            },
          },
          signalled,
        );
        const ingestion =
          circleci &&
          createIngestionService({
            definitions: config.definitions,
            circleci,
            store,
            logger,
            maxPages: config.ingestion.maxPages,
            firstSyncMaxPages: config.ingestion.firstSyncMaxPages,
            notifier,
          });
        const probes = createProbeService({
          definitions: config.definitions,
          store,
          logger,
          timeoutMs: config.probes.timeoutMs,
          retentionMs: config.probes.retentionMs,
          notifier,
        });
        // Endpoints move to or from "expected down" with the state: probe
        // them at once rather than at the next scheduled probe.
        onStatusChange.push(name => {
          probes.probeEnvironment(name).catch(error => {
            logger.warn(`Could not probe ${name}: ${error}`);
          });
        });
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

        const plans = createPlanReviewService({
          circleci,
          jobs: store,
          reviews: await DatabasePlanReviewStore.create(deps),
          logger,
        });
        const environments = createEnvironmentsService({
          definitions: config.definitions,
          appBaseUrl: config.circleci?.appBaseUrl ?? 'https://app.circleci.com',
          store,
          images,
          plans,
          catalog: deps.catalog,
          permissions: cachedReadDecisions(deps.permissions, {
            ttlMs: config.cache.readDecisionTtlMs,
          }),
          views,
          githubWebBaseUrl: host => github.webBaseUrl(host),
          syncEveryMs: periodMs(config.ingestion.schedule.frequency),
        });
        // The write side: every mutation behind the same guards.
        const operations = await installOperations({
          ...deps,
          config,
          history: store,
          circleci,
          ecr,
          github,
          ingestion,
          plans,
          notifier,
          images,
          changed,
        });
        // Scheduled park/unpark, keep-awake, notifications and savings.
        const scheduled = await installSchedule({
          ...deps,
          config,
          history: store,
          environments,
          images,
          operationsWith: operations.operationsWith,
          notifier,
          plans,
          views,
        });
        // Every route on the one router validated against openapi.yaml.
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            environments: scheduled.environments,
            operations: operations.operations,
            schedule: {
              config,
              schedule: scheduled.schedule,
              catalog: deps.catalog,
            },
          }),
        );
      },
    });
  },
});
