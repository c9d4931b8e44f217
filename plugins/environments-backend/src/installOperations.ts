import type {
  AuditorService,
  DatabaseService,
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import { registerOperationActions } from './actions/registerOperationActions';
import type { CircleCiClient } from './clients/circleci/CircleCiClient';
import type { EcrClient } from './clients/ecr/EcrClient';
import type { GithubClient } from './clients/github/GithubClient';
import type { EnvironmentsConfig } from './config';
import { DatabaseOperationsStore } from './database/DatabaseOperationsStore';
import type { EnvironmentsStore } from './database/EnvironmentsStore';
import type { ImageService } from './services/ImageService/createImageService';
import type { IngestionService } from './services/IngestionService/types';
import type { PlanReviewService } from './services/PlanReviewService';
import type { ChangeNotifier } from './services/ChangeNotifier';
import { announceOperations } from './services/OperationsService/announceOperations';
import {
  createOperationsService,
  OperationsServiceOptions,
} from './services/OperationsService/createOperationsService';
import { subscribeToCircleCiWebhooks } from './webhooks/subscriber';

/** Idempotency keys answer retries for a day. */
const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
/** Redeliveries come within hours; a week is plenty. */
const DELIVERY_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The operations service with `changed()` called after every call, whatever
 * its outcome (a refused park may still have refreshed state).
 */
function announcingChanges<T extends object>(
  changed: () => void,
  service: T,
): T {
  const out = { ...service } as Record<string, unknown>;
  for (const [name, fn] of Object.entries(service)) {
    if (typeof fn !== 'function') continue;
    out[name] = async (...args: unknown[]) => {
      try {
        return await fn(...args);
      } finally {
        changed();
      }
    };
  }
  return out as T;
}

/**
 * The write side: the operations service for the REST endpoints, the
 * actions registry and the CircleCI webhooks, plus a housekeeping task that
 * releases locks of pipelines seen finished by ingestion (when webhooks are
 * not configured), reconciles locks and keys whose outcome is unknown or
 * whose process died, and forgets old idempotency keys and deliveries.
 */
export async function installOperations(options: {
  config: EnvironmentsConfig;
  database: DatabaseService;
  history: EnvironmentsStore;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  scheduler: SchedulerService;
  events: EventsService;
  actionsRegistry: ActionsRegistryService;
  circleci?: CircleCiClient;
  ecr?: EcrClient;
  github: GithubClient;
  ingestion?: IngestionService;
  catalog?: Pick<CatalogService, 'getEntityByRef'>;
  plans?: PlanReviewService;
  notifier: ChangeNotifier;
  images: Pick<ImageService, 'refresh'>;
  /** Called after anything here may have changed an environment's data. */
  changed?: (environment?: string) => void;
}) {
  const { config, history, logger } = options;
  const store = await DatabaseOperationsStore.create(options);
  const unconfigured = (what: string) => () => {
    throw new Error(`environments.${what} is not configured`);
  };
  const changed = options.changed ?? (() => {});
  const operationsOptions: OperationsServiceOptions = {
    config,
    permissions: options.permissions,
    auditor: options.auditor,
    logger,
    store,
    history,
    catalog: options.catalog,
    plans: options.plans,
    notifier: options.notifier,
    circleci: options.circleci ?? {
      listPipelines: unconfigured('circleci'),
      triggerPipeline: unconfigured('circleci'),
      listJobs: unconfigured('circleci'),
      approveJob: unconfigured('circleci'),
    },
    github: options.github,
    ecr: options.ecr ?? { listImages: unconfigured('ecr') },
  };
  const guarded = createOperationsService(operationsOptions);
  const operations = announcingChanges(
    changed,
    announceOperations(guarded, {
      notifier: options.notifier,
      ingestion: options.ingestion,
      logger,
    }),
  );
  // The schedule's own instance: the same guards and store, with permission
  // decisions made for its configured actor (see installSchedule.ts), and
  // its changes announced like a person's.
  const operationsWith = (permissions: PermissionsService) =>
    announcingChanges(
      changed,
      announceOperations(
        createOperationsService({ ...operationsOptions, permissions }),
        { notifier: options.notifier, ingestion: options.ingestion, logger },
      ),
    );

  registerOperationActions(options.actionsRegistry, operations);
  if (options.ingestion) {
    await subscribeToCircleCiWebhooks({
      events: options.events,
      definitions: config.definitions,
      store,
      ingestion: options.ingestion,
      pipelineFinished: operations.pipelineFinished,
      changed,
      refreshImages: async environment => {
        const definition = config.definitions.find(d => d.name === environment);
        // The notifier refreshes the view, then tells the open pages.
        if (definition?.images.length) {
          options.notifier.changed(environment, ['images']);
        }
      },
      logger,
    });
  }

  await options.scheduler.scheduleTask({
    id: 'environments-housekeeping',
    frequency: { minutes: 1 },
    timeout: { minutes: 1 },
    initialDelay: { seconds: 30 },
    fn: async () => {
      const now = new Date();
      // Locks of finished pipelines, and locks and keys left unknown or
      // orphaned by a crash: reconciled, then adopted or released.
      await operations.recover();
      changed();
      await store.deleteIdempotencyBefore(
        new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS),
      );
      await store.deleteDeliveriesBefore(
        new Date(now.getTime() - DELIVERY_RETENTION_MS),
      );
    },
  });

  return { operations, operationsWith };
}
