/**
 * The events topic that verified CircleCI webhooks are published on, by
 * `@rocket-club/plugin-events-backend-module-circleci`, and that the
 * environments backend subscribes to.
 *
 * @public
 */
export const CIRCLECI_WEBHOOK_TOPIC = 'circleci';
