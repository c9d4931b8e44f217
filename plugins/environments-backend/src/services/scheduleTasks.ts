import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { EnvironmentsConfig } from '../config';
import type { ImageService } from './ImageService/createImageService';
import type { IngestionService } from './IngestionService/types';
import type { ProbeService } from './ProbeService/createProbeService';

/** Stable ids of the plugin's scheduled tasks. */
export const TASK_IDS = {
  ingestion: 'environments-ingestion',
  probes: 'environments-probes',
  images: 'environments-images-refresh',
};

/**
 * Schedules CircleCI ingestion, endpoint probes and the images refresh.
 * Scheduler tasks are global by default: with several backend instances,
 * one runs each task at a time, once per cadence in total.
 */
export async function scheduleTasks(options: {
  scheduler: SchedulerService;
  config: EnvironmentsConfig;
  ingestion?: IngestionService;
  probes: ProbeService;
  images: Pick<ImageService, 'refresh'>;
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
}
