import { http, HttpResponse, JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import type {
  EnvironmentDetails,
  OperationResult,
} from '@rocket-club/plugin-environments-common';
import {
  historyPages,
  makeDetails,
  makeSummary,
  prodImages,
} from '../__fixtures__/environments';

/** Where `mockApis.discovery()` puts the environments backend. */
export const BASE_URL = 'http://example.com/api/environments';

/** A request the fake backend received. */
export interface RecordedRequest {
  method: string;
  path: string;
  search: string;
  idempotencyKey: string | null;
  body: unknown;
}

/** A Backstage error body, as the backend's error handler sends it. */
export function errorResponse(status: number, name: string, message: string) {
  return HttpResponse.json(
    { error: { name, message }, response: { statusCode: status } },
    { status },
  );
}

/**
 * A fake environments backend over msw: serves `prod` in a mutable state
 * and records every request. Override single routes with `server.use`.
 */
export function createFakeBackend() {
  const requests: RecordedRequest[] = [];
  // Recorded at once; a POST body is read from a clone, which may finish a
  // few ticks after the answer: `settled()` waits for those reads.
  const reads: Promise<void>[] = [];
  const backend = {
    requests,
    details: makeDetails('active') as EnvironmentDetails,
    mutations: () => requests.filter(r => r.method === 'POST'),
    /** Resolves once every recorded request's body has been read. */
    settled: () => Promise.all(reads).then(() => undefined),
    /** Back to `prod` active with no requests; call in beforeEach. */
    reset() {
      requests.length = 0;
      reads.length = 0;
      backend.details = makeDetails('active');
    },
  };

  const record = (request: Request) => {
    const url = new URL(request.url);
    const entry: RecordedRequest = {
      method: request.method,
      path: url.pathname.replace('/api/environments', ''),
      search: url.search,
      idempotencyKey: request.headers.get('Idempotency-Key'),
      body: null,
    };
    requests.push(entry);
    if (request.method === 'POST') {
      reads.push(
        request
          .clone()
          .json()
          .then(body => {
            entry.body = body;
          }),
      );
    }
  };
  const json = (body: JsonBodyType) => HttpResponse.json(body);
  const result = (r: Partial<OperationResult>): OperationResult => ({
    environment: 'prod',
    dryRun: false,
    message: 'Done',
    operation: 'park',
    ...r,
  });

  const handlers = [
    http.get(`${BASE_URL}/environments`, () =>
      json({ items: [makeSummary(backend.details.state)] }),
    ),
    http.get(`${BASE_URL}/environments/prod`, () =>
      json(backend.details as any),
    ),
    http.get(`${BASE_URL}/environments/prod/images`, () =>
      json(prodImages as any),
    ),
    http.get(`${BASE_URL}/environments/prod/deployments`, ({ request }) => {
      const cursor = new URL(request.url).searchParams.get('cursor');
      return json((historyPages[cursor ?? 'first'] ?? { items: [] }) as any);
    }),
    http.post(`${BASE_URL}/environments/prod/park`, () => {
      backend.details = makeDetails('parking');
      return json(
        result({
          operation: 'park',
          message: 'Parking prod: pipeline #143 started',
        }) as any,
      );
    }),
    http.post(`${BASE_URL}/environments/prod/unpark`, () => {
      backend.details = makeDetails('unparking');
      return json(
        result({ operation: 'unpark', message: 'Unparking prod' }) as any,
      );
    }),
    http.post(`${BASE_URL}/environments/prod/approvals/:workflowId`, () => {
      backend.details = makeDetails('deploying');
      return json(
        result({ operation: 'approve', message: 'Approved the apply' }) as any,
      );
    }),
  ];
  // resetHandlers() after each test returns to these defaults.
  const server = setupServer(...handlers);
  server.events.on('request:start', ({ request }) => {
    record(request);
  });
  return Object.assign(backend, { server });
}
