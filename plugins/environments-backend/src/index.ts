/**
 * The environments backend plugin: live status, images, deploy history and
 * operations of the configured environments, under `/api/environments`.
 * CircleCI webhooks reach it through
 * `@rocket-club/plugin-events-backend-module-circleci`.
 *
 * @packageDocumentation
 */
export { environmentsPlugin as default } from './plugin';
