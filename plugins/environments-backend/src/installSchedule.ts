import type {
  AuditorService,
  AuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { registerScheduleActions } from './actions/registerScheduleActions';
import type { EnvironmentsConfig } from './config';
import { DatabaseScheduleStore } from './database/DatabaseScheduleStore';
import type { EnvironmentsStore } from './database/EnvironmentsStore';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { EnvironmentsService } from './services/EnvironmentsService';
import type { ImageService } from './services/ImageService/createImageService';
import type { OperationsService } from './services/OperationsService/types';
import type { ChangeNotifier } from './services/ChangeNotifier';
import type { PlanReviewService } from './services/PlanReviewService';
import { createOwnerNotifier } from './services/OwnerNotifier/createOwnerNotifier';
import { createSavingsService } from './services/SavingsService/createSavingsService';
import {
  actorRefusal,
  createActorPermissions,
} from './services/ScheduleService/actorPermissions';
import { createScheduleService } from './services/ScheduleService/createScheduleService';
import { withScheduleAndSavings } from './services/ScheduleService/withScheduleAndSavings';
import type { ViewCache } from './services/ViewCache';

/** The id of the schedule's task. */
export const SCHEDULE_TASK_ID = 'environments-schedule';

/**
 * Scheduled park/unpark, keep-awake, the owners' notifications and the
 * savings: a global task (one backend instance runs it at a time; the
 * database claim of each occurrence makes sure of it), the keep-awake
 * service, and the `schedule` and `savings` of `GET /environments/{name}`.
 */
export async function installSchedule(options: {
  config: EnvironmentsConfig;
  database: DatabaseService;
  history: EnvironmentsStore;
  permissions: PermissionsService;
  auditor: AuditorService;
  auth: AuthService;
  logger: LoggerService;
  scheduler: SchedulerService;
  catalog: CatalogService;
  notifications: NotificationService;
  actionsRegistry: ActionsRegistryService;
  environments: EnvironmentsService;
  images?: ImageService;
  operationsWith: (permissions: PermissionsService) => OperationsService;
  notifier?: ChangeNotifier;
  plans?: PlanReviewService;
  /** Shares each environment's schedule and savings between readers. */
  views?: ViewCache;
}) {
  const { config, auth, catalog, logger } = options;
  const store = await DatabaseScheduleStore.create(options);
  const notifier = createOwnerNotifier({
    notifications: options.notifications,
    catalog,
    auth,
    logger,
  });
  const schedule = createScheduleService({
    definitions: config.definitions,
    store,
    history: options.history,
    changes: options.notifier,
    plans: options.plans,
    operations: options.operationsWith(
      createActorPermissions({
        definitions: config.definitions,
        catalog,
        auth,
      }),
    ),
    permissions: options.permissions,
    auditor: options.auditor,
    credentials: () => auth.getOwnServiceCredentials(),
    refusal: d => actorRefusal(catalog, auth, d),
    notifier,
    logger,
    images: options.images,
  });
  await options.scheduler.scheduleTask({
    id: SCHEDULE_TASK_ID,
    scope: 'global',
    ...config.scheduledOperations.schedule,
    fn: () => schedule.tick(),
  });
  const environments = withScheduleAndSavings(options.environments, {
    definitions: config.definitions,
    schedule,
    savings: createSavingsService({ store: options.history }),
    views: options.views,
  });
  registerScheduleActions(options.actionsRegistry, {
    config,
    schedule,
    environments,
    catalog,
  });
  return { schedule, environments };
}
