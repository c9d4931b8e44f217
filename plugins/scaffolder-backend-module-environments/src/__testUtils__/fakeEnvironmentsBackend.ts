import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';

/** A request as the fake environments backend saw it. */
export interface ReceivedRequest {
  method: string;
  /** Below `/api/environments`, with the query, decoded. */
  path: string;
  /** The user the request was made for, as the backend's httpAuth sees it. */
  user: string;
  idempotencyKey?: string;
  body?: JsonObject;
}

/** How the fake answers: a status and a JSON body. */
export type FakeAnswer = { status: number; body: object };

/**
 * A stand-in for the environments backend plugin (plugin id `environments`),
 * mounted in the same test backend as the scaffolder. It authenticates each
 * request with the real httpAuth service, users only, as the real one does,
 * records it, and answers with `answer`.
 */
export function fakeEnvironmentsBackend(
  answer: (request: ReceivedRequest) => FakeAnswer,
) {
  const received: ReceivedRequest[] = [];
  const plugin = createBackendPlugin({
    pluginId: 'environments',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ httpRouter, httpAuth }) {
          httpRouter.use(async (req, res) => {
            const credentials = await httpAuth.credentials(req, {
              allow: ['user'],
            });
            let text = '';
            for await (const chunk of req) text += chunk;
            const request: ReceivedRequest = {
              method: req.method,
              path: decodeURIComponent(req.url),
              user: credentials.principal.userEntityRef,
              idempotencyKey: req.header('idempotency-key'),
              body: text ? JSON.parse(text) : undefined,
            };
            received.push(request);
            const { status, body } = answer(request);
            res.status(status).json(body);
          });
        },
      });
    },
  });
  return { plugin, received };
}

/** A Backstage error body, as the backend's error handler writes it. */
export function errorAnswer(
  status: number,
  name: string,
  message: string,
): FakeAnswer {
  return {
    status,
    body: {
      error: { name, message },
      request: { method: 'POST', url: '/api/environments' },
      response: { statusCode: status },
    },
  };
}
