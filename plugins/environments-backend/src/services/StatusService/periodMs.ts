import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { Duration } from 'luxon';

/**
 * The period of a task's schedule in milliseconds, or undefined for a cron
 * expression or a manual trigger (no fixed period to judge staleness by).
 */
export function periodMs(
  frequency: SchedulerServiceTaskScheduleDefinition['frequency'],
): number | undefined {
  if (
    typeof frequency === 'string' ||
    'cron' in frequency ||
    'trigger' in frequency
  ) {
    return undefined;
  }
  const ms = Duration.isDuration(frequency)
    ? frequency.toMillis()
    : Duration.fromObject(frequency).toMillis();
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}
