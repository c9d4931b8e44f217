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
import { registerOperationActions } from './actions/registerOperationActions';
import { registerScheduleActions } from './actions/registerScheduleActions';
import { DatabaseEnvironmentsStore } from './database/DatabaseEnvironmentsStore';
import { DatabaseOperationsStore } from './database/DatabaseOperationsStore';
import { DatabasePlanReviewStore } from './database/DatabasePlanReviewStore';
import { DatabaseScheduleStore } from './database/DatabaseScheduleStore';
import { createRouter } from './router/createRouter';
import {
  combineChangeNotifiers,
  createSignalsChangeNotifier,
} from './services/ChangeNotifier';
import { createEnvironmentsService } from './services/EnvironmentsService';
import { cachedReadDecisions } from './services/EnvironmentsService/cachedReadDecisions';
import { createImageService } from './services/ImageService/createImageService';
import { createIngestionService } from './services/IngestionService/createIngestionService';
import {
  announceOperations,
  announcingChanges,
} from './services/OperationsService/announceOperations';
import { createOperationsService } from './services/OperationsService/createOperationsService';
import type { OperationsServiceOptions } from './services/OperationsService/types';
import { unconfigured } from './services/OperationsService/unconfigured';
import { createOwnerNotifier } from './services/OwnerNotifier/createOwnerNotifier';
import { createPlanReviewService } from './services/PlanReviewService';
import { createProbeService } from './services/ProbeService/createProbeService';
import { createSavingsService } from './services/SavingsService/createSavingsService';
import {
  actorRefusal,
  createActorPermissions,
} from './services/ScheduleService/actorPermissions';
import { createScheduleService } from './services/ScheduleService/createScheduleService';
import { withScheduleAndSavings } from './services/ScheduleService/withScheduleAndSavings';
import { scheduleTasks } from './services/scheduleTasks';
import { periodMs } from './services/StatusService/periodMs';
import { createViewCache, subscribeToViewChanges } from './services/ViewCache';
import { warmReadPath } from './services/warmReadPath';
import { subscribeToCircleCiWebhooks } from './webhooks/subscriber';

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
        discovery: coreServices.discovery,
        rootLifecycle: coreServices.rootLifecycle,
      },
      async init(deps) {
        const { rootConfig, logger } = deps;
        const config = readEnvironmentsConfig(rootConfig);
        deps.permissionsRegistry.addPermissions(environmentsPermissions);

        // Each table has one owner: see docs/architecture.md.
        const store = await DatabaseEnvironmentsStore.create(deps);
        const operationsStore = await DatabaseOperationsStore.create(deps);
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
          locks: operationsStore,
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
          operationsStore,
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
        // The write side: every mutation behind the same guards, each
        // call announced (see announceOperations) and the views dropped.
        const operationsOptions: OperationsServiceOptions = {
          config,
          permissions: deps.permissions,
          auditor: deps.auditor,
          logger,
          store: operationsStore,
          history: store,
          catalog: deps.catalog,
          plans,
          notifier,
          circleci: circleci ?? unconfigured.circleci,
          github,
          ecr: ecr ?? unconfigured.ecr,
        };
        const operationsWith = (
          permissions: OperationsServiceOptions['permissions'],
        ) =>
          announcingChanges(
            changed,
            announceOperations(
              createOperationsService({ ...operationsOptions, permissions }),
              { notifier, ingestion, logger },
            ),
          );
        const operations = operationsWith(deps.permissions);
        registerOperationActions(deps.actionsRegistry, operations);
        if (ingestion) {
          await subscribeToCircleCiWebhooks({
            events: deps.events,
            definitions: config.definitions,
            store: operationsStore,
            ingestion,
            pipelineFinished: operations.pipelineFinished,
            changed,
            refreshImages: async environment => {
              // The notifier refreshes the view, then tells the open pages.
              if (definition(environment)?.images.length) {
                notifier.changed(environment, ['images']);
              }
            },
            logger,
          });
        }

        // Scheduled park/unpark, keep-awake, the owners' notifications and
        // the savings. The schedule's own operations service has the same
        // guards and store, with permission decisions made for its
        // configured actor, and its changes announced like a person's.
        const schedule = createScheduleService({
          definitions: config.definitions,
          store: await DatabaseScheduleStore.create(deps),
          history: store,
          changes: notifier,
          plans,
          operations: operationsWith(
            createActorPermissions({
              definitions: config.definitions,
              catalog: deps.catalog,
              auth: deps.auth,
            }),
          ),
          permissions: deps.permissions,
          auditor: deps.auditor,
          credentials: () => deps.auth.getOwnServiceCredentials(),
          refusal: d => actorRefusal(deps.catalog, deps.auth, d),
          notifier: createOwnerNotifier({
            notifications: deps.notifications,
            catalog: deps.catalog,
            auth: deps.auth,
            logger,
          }),
          logger,
          images,
        });
        const scheduled = withScheduleAndSavings(environments, {
          definitions: config.definitions,
          schedule,
          savings: createSavingsService({ store }),
          views,
        });
        registerScheduleActions(deps.actionsRegistry, {
          config,
          schedule,
          environments: scheduled,
          catalog: deps.catalog,
        });

        await scheduleTasks({
          scheduler: deps.scheduler,
          config,
          ingestion,
          probes,
          images,
          operations,
          operationsStore,
          schedule,
          changed,
          logger,
        });

        // Every route on the one router validated against openapi.yaml.
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            environments: scheduled,
            operations,
            schedule: { config, schedule, catalog: deps.catalog },
          }),
        );
        // Once every plugin has started (the catalog and permissions answer),
        // so that the first page view of a fresh instance is a warm one.
        deps.rootLifecycle.addStartupHook(() => {
          void warmReadPath({
            definitions: config.definitions,
            discovery: deps.discovery,
            auth: deps.auth,
            imagesCached: d => images.hasView(d),
            logger,
          });
        });
      },
    });
  },
});
