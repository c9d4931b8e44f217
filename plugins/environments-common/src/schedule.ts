/**
 * What parking saved an environment, from its park/unpark history and its
 * configured `costs`.
 *
 * @public
 */
export interface EnvironmentSavings {
  /** ISO 4217 code, e.g. `GBP`. */
  currency: string;
  /** Saved over the last 30 days (parked hours × the hourly saving). */
  last30Days: number;
  /** Hours parked over the last 30 days; a period open now counts to now. */
  hoursParked30Days: number;
  /**
   * What the next 30 days are expected to save: from the schedule when one
   * parks and unparks, otherwise the last 30 days' figure.
   */
  projectedMonthly: number;
}

/**
 * One occurrence of the schedule and what became of it.
 *
 * @public
 */
export interface ScheduledRun {
  kind: 'park' | 'unpark';
  /** The occurrence (ISO 8601). */
  at: string;
  /** `pending` while the instance that claimed it acts. */
  outcome: 'pending' | 'triggered' | 'skipped' | 'failed';
  /** Why it was skipped or failed, e.g. `deploy #412 awaiting approval`. */
  reason?: string;
  pipelineNumber?: number;
}

/**
 * An environment's park/unpark schedule.
 *
 * @public
 */
export interface EnvironmentSchedule {
  /** The next scheduled park (ISO 8601), if park is scheduled. */
  nextPark?: string;
  /** The next scheduled unpark (ISO 8601), if unpark is scheduled. */
  nextUnpark?: string;
  /** IANA time zone of the cron expressions. */
  timezone: string;
  /** Scheduled parks are skipped until then (ISO 8601), if an owner asked. */
  keepAwakeUntil?: string;
  /** Who asked to keep it awake. */
  keepAwakeBy?: string;
  /** The user entity the schedule acts as. */
  actor: string;
  /**
   * Why the actor cannot act on the environment (not in the catalog, not an
   * owner), so the page can say so before an occurrence fails.
   */
  actorProblem?: string;
  /** The latest occurrences, newest first. */
  recent: ScheduledRun[];
}

/**
 * The answer of `POST /environments/{name}/keep-awake`.
 *
 * @public
 */
export interface KeepAwakeResult {
  environment: string;
  /** Null when keep-awake was ended. */
  keepAwakeUntil: string | null;
}
