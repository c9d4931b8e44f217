import { parseEntityRef } from '@backstage/catalog-model';
import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import { CronTime } from 'cron';
import type { NotifySettings, ScheduleDefinition } from './types';

/** The user the schedule acts as, unless configured. */
export const DEFAULT_SCHEDULE_ACTOR = 'user:default/platform-scheduler';
const DEFAULT_WARN_BEFORE_MS = 30 * 60_000;

/**
 * Checks one cron expression in a time zone; throws an error naming the
 * key and the bad value, so a misconfigured schedule fails the start.
 */
export function checkCron(expression: string, timezone: string, key: string) {
  try {
    return new CronTime(expression, timezone);
  } catch (e) {
    throw new InputError(
      `${key} '${expression}' is not a valid cron expression in time zone '${timezone}': ${
        (e as Error).message
      }`,
    );
  }
}

function checkTimezone(timezone: string, key: string) {
  try {
    // Throws a RangeError for an unknown IANA zone.
    Intl.DateTimeFormat('en-US', { timeZone: timezone }).format(0);
  } catch {
    throw new InputError(`${key} '${timezone}' is not a known IANA time zone`);
  }
}

/** Reads and checks `environments.definitions.<env>.schedule`. */
export function readSchedule(c: Config, where: string): ScheduleDefinition {
  const timezone = c.getOptionalString('timezone') ?? 'UTC';
  checkTimezone(timezone, `${where}.timezone`);
  const park = c.getOptionalString('park');
  const unpark = c.getOptionalString('unpark');
  if (park) checkCron(park, timezone, `${where}.park`);
  if (unpark) checkCron(unpark, timezone, `${where}.unpark`);
  const actor = c.getOptionalString('actor') ?? DEFAULT_SCHEDULE_ACTOR;
  let kind: string | undefined;
  try {
    kind = parseEntityRef(actor).kind.toLocaleLowerCase('en-US');
  } catch {
    kind = undefined;
  }
  if (kind !== 'user') {
    throw new InputError(
      `${where}.actor '${actor}' is not a user entity ref (e.g. ${DEFAULT_SCHEDULE_ACTOR})`,
    );
  }
  const warnBeforeMs = c.has('warnBefore')
    ? durationToMilliseconds(readDurationFromConfig(c, { key: 'warnBefore' }))
    : DEFAULT_WARN_BEFORE_MS;
  return { park, unpark, timezone, warnBeforeMs, actor };
}

/** Reads `environments.definitions.<env>.costs`. */
export function readCosts(c: Config | undefined, where: string) {
  if (!c) return undefined;
  const perHour = c.getNumber('parkedSavingsPerHour');
  const currency = c.getOptionalString('currency') ?? 'USD';
  if (!(perHour >= 0)) {
    throw new InputError(
      `${where}.costs.parkedSavingsPerHour '${perHour}' must be a number of at least 0`,
    );
  }
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new InputError(
      `${where}.costs.currency '${currency}' is not an ISO 4217 code such as GBP`,
    );
  }
  return { parkedSavingsPerHour: perHour, currency };
}

/** Reads `environments.definitions.<env>.notify`; everything on by default. */
export function readNotify(c: Config | undefined): NotifySettings {
  const flag = (key: string) => c?.getOptionalBoolean(key) ?? true;
  return {
    approvals: flag('approvals'),
    parkResults: flag('parkResults'),
    scheduledPark: flag('scheduledPark'),
    skipped: flag('skipped'),
    pinnedBehindDays: c?.getOptionalNumber('pinnedBehindDays') ?? 7,
  };
}
