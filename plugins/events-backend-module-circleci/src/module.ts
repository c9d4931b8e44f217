import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import type { HttpBodyParser } from '@backstage/plugin-events-node';
import { CIRCLECI_WEBHOOK_TOPIC } from '@rocket-club/plugin-environments-common';
import { verifyCircleCiSignature } from './signature';

/** Stands for a body that is not JSON, until the signature was checked. */
const MALFORMED = Symbol('malformed');

/**
 * `application/json` bodies, as the events backend parses them, except that
 * a body that is not JSON is an input error (400), never a 500; on the
 * CircleCI topic it is answered only after the signature check.
 */
const jsonBodyParser: HttpBodyParser = async (request, mediaType, topic) => {
  const bodyBuffer = request.body;
  if (!Buffer.isBuffer(bodyBuffer)) {
    throw new InputError(`The body of the ${topic} event could not be read`);
  }
  const encoding = mediaType.parameters.charset ?? 'utf-8';
  if (!Buffer.isEncoding(encoding)) {
    throw new InputError(`Unsupported charset ${JSON.stringify(encoding)}`);
  }
  try {
    const bodyParsed = JSON.parse(bodyBuffer.toString(encoding));
    return { bodyParsed, bodyBuffer, encoding };
  } catch {
    if (topic !== CIRCLECI_WEBHOOK_TOPIC) {
      throw new InputError(`The body of the ${topic} event is not JSON`);
    }
    return { bodyParsed: MALFORMED, bodyBuffer, encoding };
  }
};

/**
 * Receives CircleCI outbound webhooks on the events backend's HTTP ingress
 * (`POST /api/events/http/circleci`) and lets through only deliveries whose
 * `circleci-signature` verifies against `environments.circleci.webhookSecret`.
 * Anything else is answered 401 before it is published or stored; a signed
 * body that is not a JSON object, 400.
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
        events.addHttpPostBodyParser({
          contentType: 'application/json',
          parser: jsonBodyParser,
        });
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
            } else if (
              request.body === MALFORMED ||
              typeof request.body !== 'object' ||
              request.body === null ||
              Array.isArray(request.body)
            ) {
              context.reject({
                status: 400,
                payload: { message: 'The webhook body is not a JSON object' },
              });
            }
          },
        });
      },
    });
  },
});
