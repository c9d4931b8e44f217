import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  EventParams,
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import eventsPlugin from '@backstage/plugin-events-backend';
import request from 'supertest';
import { CIRCLECI_WEBHOOK_TOPIC } from '@rocket-club/plugin-environments-common';
import eventsModuleCircleCiWebhook from '.';
import { signCircleCiBody } from './signature';

async function startBackend(secret?: string) {
  const received: EventParams[] = [];
  const recorder = createBackendPlugin({
    pluginId: 'recorder',
    register(reg) {
      reg.registerInit({
        deps: { events: eventsServiceRef, logger: coreServices.logger },
        async init({ events }) {
          await events.subscribe({
            id: 'recorder',
            topics: [CIRCLECI_WEBHOOK_TOPIC],
            onEvent: async event => {
              received.push(event);
            },
          });
        },
      });
    },
  });
  const { server } = await startTestBackend({
    features: [
      eventsPlugin,
      // The real events service: one in-process bus shared by all plugins.
      eventsServiceFactory,
      eventsModuleCircleCiWebhook,
      recorder,
      mockServices.rootConfig.factory({
        data: {
          // One process: no need for the database-backed event bus.
          events: { useEventBus: 'never' },
          ...(secret && {
            environments: { circleci: { webhookSecret: secret } },
          }),
        },
      }),
    ],
  });
  return { server, received };
}

const body = JSON.stringify({
  type: 'workflow-completed',
  id: '3888f21b-eaa7-38e3-8f3d-75a63bba8895',
  workflow: { id: 'w1', name: 'park-infrastructure', status: 'success' },
});

/** POSTs a webhook body, signed with `secret` unless it is undefined. */
function deliver(
  server: Parameters<typeof request>[0],
  payload: string,
  secret?: string,
) {
  const req = request(server)
    .post('/api/events/http/circleci')
    .set('content-type', 'application/json');
  if (secret !== undefined) {
    req.set('circleci-signature', signCircleCiBody(payload, secret));
  }
  return req.send(payload);
}

describe('eventsModuleCircleCiWebhook', () => {
  it('publishes a delivery whose signature verifies', async () => {
    const { server, received } = await startBackend('s3cret');
    const res = await deliver(server, body, 's3cret');
    expect(res.status).toBe(202);
    // Delivery to subscribers is asynchronous.
    for (let i = 0; i < 50 && received.length === 0; i++) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    expect(received).toHaveLength(1);
    expect(received[0].eventPayload).toMatchObject({
      type: 'workflow-completed',
      workflow: { id: 'w1' },
    });
  });

  it('refuses a bad signature with 401 and publishes nothing', async () => {
    const { server, received } = await startBackend('s3cret');
    const res = await deliver(server, body, 'wrong');
    expect(res.status).toBe(401);
    expect(received).toHaveLength(0);
  });

  it.each([
    ['not JSON', '{"type": "workflow-'],
    ['not an object', '[1, 2]'],
  ])(
    'answers a signed body that is %s with 400, no stack trace, and publishes nothing',
    async (_what, malformed) => {
      const { server, received } = await startBackend('s3cret');
      const res = await deliver(server, malformed, 's3cret');
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        message: 'The webhook body is not a JSON object',
      });
      expect(res.text).not.toMatch(/at .*\.js:\d+/);
      expect(received).toHaveLength(0);
    },
  );

  it('refuses an unsigned malformed body with 401', async () => {
    const { server } = await startBackend('s3cret');
    const res = await deliver(server, '{oops');
    expect(res.status).toBe(401);
  });

  it('refuses everything when no secret is configured', async () => {
    const { server, received } = await startBackend();
    const res = await deliver(server, body, '');
    expect(res.status).toBe(401);
    expect(received).toHaveLength(0);
  });
});
