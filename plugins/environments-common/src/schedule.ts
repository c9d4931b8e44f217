/*
 * Wire types of the park/unpark schedule, savings and keep-awake: names for
 * the schemas of the OpenAPI document (see ./types.ts).
 */

import type { components } from './generated/openapi';

/**
 * What parking saved an environment, from its park/unpark history and its configured `costs`.
 *
 * @public
 */
export type EnvironmentSavings = components['schemas']['EnvironmentSavings'];

/**
 * One occurrence of the schedule and what became of it.
 *
 * @public
 */
export type ScheduledRun = components['schemas']['ScheduledRun'];

/**
 * An environment's park/unpark schedule.
 *
 * @public
 */
export type EnvironmentSchedule = components['schemas']['EnvironmentSchedule'];

/**
 * The body of `POST /environments/{name}/keep-awake`.
 *
 * @public
 */
export type KeepAwakeBody = components['schemas']['KeepAwakeBody'];

/**
 * The answer of `POST /environments/{name}/keep-awake`.
 *
 * @public
 */
export type KeepAwakeResult = components['schemas']['KeepAwakeResult'];
