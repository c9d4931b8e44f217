import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { EnvironmentsConfig } from '../config';
import type { IngestionService } from './IngestionService/types';
import type { ProbeService } from './ProbeService/createProbeService';

/** Stable ids of the plugin's scheduled tasks. */
export const TASK_IDS = {
  ingestion: 'environments-ingestion',
  probes: 'environments-probes',
};

/**
 * Schedules CircleCI ingestion and endpoint probes. Scheduler tasks are
 * global by default: with several backend instances, one runs each task at
 * a time.
 */
export async function scheduleTasks(options: {
  scheduler: SchedulerService;
  config: EnvironmentsConfig;
  ingestion?: IngestionService;
  probes: ProbeService;
  logger: LoggerService;
}) {
  const { scheduler, config, ingestion, probes, logger } = options;
  if (ingestion) {
    await scheduler.scheduleTask({
      id: TASK_IDS.ingestion,
      ...config.ingestion.schedule,
      fn: async signal => {
        await ingestion.syncAll(signal);
      },
    });
  } else if (config.definitions.length > 0) {
    logger.warn('environments.circleci is not configured: nothing is synced');
  }
  await scheduler.scheduleTask({
    id: TASK_IDS.probes,
    ...config.probes.schedule,
    fn: async signal => {
      await probes.probeAll(signal);
    },
  });
}
