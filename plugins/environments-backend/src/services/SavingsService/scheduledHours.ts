import { CronTime } from 'cron';
import type { ScheduleDefinition } from '../../config';

/**
 * The occurrences of a cron expression in `(from, to]`, oldest first, at most
 * `max` of them.
 */
export function occurrences(
  expression: string,
  timezone: string,
  from: number,
  to: number,
  max = 1000,
): number[] {
  const cron = new CronTime(expression, timezone);
  const out: number[] = [];
  let cursor = new Date(from);
  while (out.length < max) {
    const next = cron.getNextDateFrom(cursor, timezone);
    const at = next.toMillis();
    if (at > to) break;
    out.push(at);
    cursor = next.toJSDate();
  }
  return out;
}

/**
 * Hours the schedule keeps the environment parked in `[from, to]`, starting
 * parked or not: parked from each scheduled park to the next scheduled
 * unpark. Undefined unless both park and unpark are scheduled.
 */
export function scheduledHoursParked(
  schedule: ScheduleDefinition,
  window: { from: number; to: number },
  parkedAtStart: boolean,
): number | undefined {
  if (!schedule.park || !schedule.unpark) return undefined;
  const events = [
    ...occurrences(
      schedule.park,
      schedule.timezone,
      window.from,
      window.to,
    ).map(at => ({ at, park: true })),
    ...occurrences(
      schedule.unpark,
      schedule.timezone,
      window.from,
      window.to,
    ).map(at => ({ at, park: false })),
  ].sort((a, b) => a.at - b.at);
  let ms = 0;
  let since: number | undefined = parkedAtStart ? window.from : undefined;
  for (const e of events) {
    if (e.park && since === undefined) since = e.at;
    if (!e.park && since !== undefined) {
      ms += e.at - since;
      since = undefined;
    }
  }
  if (since !== undefined) ms += window.to - since;
  return ms / 3_600_000;
}
