/**
 * The environments backend plugin, and the events module that admits
 * CircleCI webhooks with a verified signature.
 *
 * @packageDocumentation
 */
export { environmentsPlugin as default } from './plugin';
export { eventsModuleCircleCiWebhook } from './webhooks/eventsModule';
