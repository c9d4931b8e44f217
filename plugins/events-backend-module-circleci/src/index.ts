/**
 * The events backend module that admits CircleCI webhooks on the events
 * HTTP ingress (`POST /api/events/http/circleci`) only with a verified
 * `circleci-signature`, and publishes them on the `circleci` topic.
 *
 * @packageDocumentation
 */

export { eventsModuleCircleCiWebhook as default } from './module';
