import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import { verifyCircleCiSignature } from './signature';

/** The events topic that verified CircleCI webhooks are published on. */
export const CIRCLECI_WEBHOOK_TOPIC = 'circleci';

/**
 * Receives CircleCI outbound webhooks on the events backend's HTTP ingress
 * (`POST /api/events/http/circleci`) and lets through only deliveries whose
 * `circleci-signature` verifies against `environments.circleci.webhookSecret`.
 * Anything else is answered 401 before it is published or stored.
 *
 * @public
 */
export const eventsModuleCircleCiWebhook = createBackendModule({
  pluginId: 'events',
  moduleId: 'circleci-webhook',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        events: eventsExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ config, events, logger }) {
        const secret = config.getOptionalString(
          'environments.circleci.webhookSecret',
        );
        if (!secret) {
          logger.warn(
            'environments.circleci.webhookSecret is not set: every CircleCI webhook will be refused',
          );
        }
        events.addHttpPostIngress({
          topic: CIRCLECI_WEBHOOK_TOPIC,
          async validator(request, context) {
            const valid =
              !!secret &&
              verifyCircleCiSignature(
                request.raw.body,
                request.headers['circleci-signature'],
                secret,
              );
            if (!valid) {
              context.reject({
                status: 401,
                payload: { message: 'Invalid or missing circleci-signature' },
              });
            }
          },
        });
      },
    });
  },
});
