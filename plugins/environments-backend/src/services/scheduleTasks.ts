import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { EnvironmentsConfig } from '../config';
import type { OperationsStore } from '../database/OperationsStore';
import type { ImageService } from './ImageService/createImageService';
import type { IngestionService } from './IngestionService/types';
import type { OperationsService } from './OperationsService/types';
import type { ProbeService } from './ProbeService/createProbeService';
import type { ScheduleService } from './ScheduleService/createScheduleService';

/** Stable ids of the plugin's scheduled tasks. */
export const TASK_IDS = {
  ingestion: 'environments-ingestion',
  probes: 'environments-probes',
  images: 'environments-images-refresh',
  housekeeping: 'environments-housekeeping',
  schedule: 'environments-schedule',
};

/** Idempotency keys answer retries for a day. */
const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
/** Redeliveries come within hours; a week is plenty. */
const DELIVERY_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Schedules every task of the plugin, each on its cadence from config:
 * CircleCI ingestion, endpoint probes, the images refresh, the write side's
 * housekeeping and the scheduled park/unpark. Scheduler tasks are global:
 * with several backend instances, one runs each task at a time, once per
 * cadence in total.
 */
export async function scheduleTasks(options: {
  scheduler: SchedulerService;
  config: EnvironmentsConfig;
  ingestion?: IngestionService;
  probes: ProbeService;
  images: Pick<ImageService, 'refresh'>;
  operations: Pick<OperationsService, 'recover'>;
  operationsStore: Pick<
    OperationsStore,
    'deleteIdempotencyBefore' | 'deleteDeliveriesBefore'
  >;
  schedule: Pick<ScheduleService, 'tick'>;
  /** Called after a task may have changed environments' data. */
  changed?: () => void;
  logger: LoggerService;
}) {
  const { scheduler, config, ingestion, probes, images, logger } = options;
  const changed = options.changed ?? (() => {});
  if (ingestion) {
    await scheduler.scheduleTask({
      id: TASK_IDS.ingestion,
      ...config.ingestion.schedule,
      fn: async signal => {
        try {
          await ingestion.syncAll(signal);
        } finally {
          changed();
        }
      },
    });
  } else if (config.definitions.length > 0) {
    logger.warn('environments.circleci is not configured: nothing is synced');
  }
  await scheduler.scheduleTask({
    id: TASK_IDS.probes,
    ...config.probes.schedule,
    fn: async signal => {
      try {
        await probes.probeAll(signal);
      } finally {
        changed();
      }
    },
  });
  await scheduler.scheduleTask({
    id: TASK_IDS.images,
    ...config.images.schedule,
    fn: async signal => {
      for (const definition of config.definitions) {
        if (signal.aborted || definition.images.length === 0) continue;
        try {
          await images.refresh(definition);
        } catch (error) {
          // One environment's failure must not starve the others.
          logger.warn(
            `Image refresh of ${definition.name} failed: ${
              (error as Error).message
            }`,
          );
        }
      }
    },
  });
  await scheduler.scheduleTask({
    id: TASK_IDS.housekeeping,
    ...config.housekeeping.schedule,
    fn: async () => {
      const started = Date.now();
      // Locks of finished pipelines (when webhooks are not configured), and
      // locks and keys left unknown or orphaned by a crash: reconciled, then
      // adopted or released.
      await options.operations.recover();
      changed();
      await options.operationsStore.deleteIdempotencyBefore(
        new Date(started - IDEMPOTENCY_RETENTION_MS),
      );
      await options.operationsStore.deleteDeliveriesBefore(
        new Date(started - DELIVERY_RETENTION_MS),
      );
    },
  });
  // The database claim of each occurrence makes sure that it runs once.
  await scheduler.scheduleTask({
    id: TASK_IDS.schedule,
    scope: 'global',
    ...config.scheduledOperations.schedule,
    fn: () => options.schedule.tick(),
  });
}
