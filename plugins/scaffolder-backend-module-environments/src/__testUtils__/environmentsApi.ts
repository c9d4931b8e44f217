import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import type {
  Deployment,
  OperationResult,
} from '@rocket-club/plugin-environments-common';
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';

/** Where `mockServices.discovery()` puts the environments backend. */
export const API = 'http://localhost:0/api/environments';

/** The template initiator in these tests. */
export const initiator = mockCredentials.user('user:default/ada');

/** The Authorization header the backend must see: a token on ada's behalf. */
export const onBehalfOfInitiator = `Bearer ${mockCredentials.service.token({
  onBehalfOf: initiator,
  targetPluginId: 'environments',
})}`;

/** The services the action factories take. */
export function actionOptions() {
  return { auth: mockServices.auth(), discovery: mockServices.discovery() };
}

/** One request as the fake backend received it. */
export interface RecordedRequest {
  method: string;
  /** Path and query below the plugin's base URL, as sent (still encoded). */
  path: string;
  authorization: string | null;
  idempotencyKey: string | null;
  body: JsonObject | undefined;
}

/**
 * Serves one route of the environments API with the given responses (the
 * last one repeating) and records every request to it.
 */
export function serve(
  server: SetupServer,
  method: 'get' | 'post',
  path: string,
  ...responses: Array<() => Response>
): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  server.use(
    http[method](`${API}${path}`, async ({ request }) => {
      const text = await request.text();
      const url = new URL(request.url);
      requests.push({
        method: request.method,
        path: url.pathname.slice(new URL(API).pathname.length) + url.search,
        authorization: request.headers.get('authorization'),
        idempotencyKey: request.headers.get('idempotency-key'),
        body: text ? JSON.parse(text) : undefined,
      });
      const respond =
        responses[Math.min(requests.length, responses.length) - 1];
      return respond();
    }),
  );
  return requests;
}

/** A JSON response. */
export const json =
  (body: object, status = 200) =>
  () =>
    HttpResponse.json(body, { status });

/** A Backstage error response, the way the backend's error handler sends it. */
export const backendError =
  (status: number, name: string, message: string) => () =>
    HttpResponse.json(
      {
        error: { name, message },
        request: { method: 'POST', url: '/api/environments' },
        response: { statusCode: status },
      },
      { status },
    );

/** The result of a triggered pipeline operation. */
export function triggered(
  operation: OperationResult['operation'],
  overrides: Partial<OperationResult> = {},
): OperationResult {
  return {
    operation,
    environment: 'prod',
    dryRun: false,
    message: `Triggered the ${operation} pipeline of prod`,
    pipeline: {
      id: 'pipe-412',
      number: 412,
      url: 'https://app.circleci.com/pipelines/gh/rlhatcher/rocket-club/412',
      parameters: { [`${operation}-mode`]: true, 'terraform-prod-mode': false },
    },
    ...overrides,
  };
}

/** One workflow of the deploy history. */
export function workflow(
  pipelineId: string,
  status: Deployment['status'],
  overrides: Partial<Deployment> = {},
): Deployment {
  return {
    id: `wf-${pipelineId}-${status}`,
    kind: 'park',
    workflowName: 'park-infrastructure',
    status,
    pipeline: { id: pipelineId, number: 412, url: 'https://ci/412' },
    url: `https://ci/workflows/${pipelineId}`,
    createdAt: '2026-01-01T12:00:00Z',
    ...overrides,
  };
}
