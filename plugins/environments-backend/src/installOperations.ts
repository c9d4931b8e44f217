import type {
  AuditorService,
  DatabaseService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { EventsService } from '@backstage/plugin-events-node';
import { registerOperationActions } from './actions/registerOperationActions';
import type { CircleCiClient } from './clients/circleci/CircleCiClient';
import type { EcrClient } from './clients/ecr/EcrClient';
import type { GithubClient } from './clients/github/GithubClient';
import type { EnvironmentsConfig } from './config';
import { DatabaseOperationsStore } from './database/DatabaseOperationsStore';
import type { EnvironmentsStore } from './database/EnvironmentsStore';
import { createOperationsRouter } from './router/operationsRouter';
import type { ImageService } from './services/ImageService/createImageService';
import type { IngestionService } from './services/IngestionService/types';
import { createOperationsService } from './services/OperationsService/createOperationsService';
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
 * The write side: the operations service behind the REST endpoints, the
 * actions registry and the CircleCI webhooks, plus a housekeeping task that
 * releases locks of pipelines seen finished by ingestion (when webhooks are
 * not configured) and forgets old idempotency keys and deliveries.
 */
export async function installOperations(options: {
  config: EnvironmentsConfig;
  database: DatabaseService;
  history: EnvironmentsStore;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  scheduler: SchedulerService;
  httpAuth: HttpAuthService;
  events: EventsService;
  actionsRegistry: ActionsRegistryService;
  circleci?: CircleCiClient;
  ecr?: EcrClient;
  github: GithubClient;
  ingestion?: IngestionService;
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
  const operations = announcingChanges(
    changed,
    createOperationsService({
      config,
      permissions: options.permissions,
      auditor: options.auditor,
      logger,
      store,
      history,
      circleci: options.circleci ?? {
        triggerPipeline: unconfigured('circleci'),
        listJobs: unconfigured('circleci'),
        approveJob: unconfigured('circleci'),
      },
      github: options.github,
      ecr: options.ecr ?? { listImages: unconfigured('ecr') },
    }),
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
        if (definition?.images.length) await options.images.refresh(definition);
        // TODO(merge): notify (ChangeNotifier: changed(environment, ['images']))
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
      for (const d of config.definitions) {
        const lock = await history.getLock(d.name, now);
        if (!lock?.pipelineId) continue;
        const done = await history.terminalPipelineIds(d.name, [
          lock.pipelineId,
        ]);
        if (done.has(lock.pipelineId)) {
          await operations.pipelineFinished(d.name, lock.pipelineId);
        }
      }
      changed();
      await store.deleteIdempotencyBefore(
        new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS),
      );
      await store.deleteDeliveriesBefore(
        new Date(now.getTime() - DELIVERY_RETENTION_MS),
      );
    },
  });

  return {
    operations,
    router: createOperationsRouter({ httpAuth: options.httpAuth, operations }),
  };
}
