import {
  AuthenticationError,
  ConflictError,
  CustomErrorBase,
  InputError,
  NotAllowedError,
  NotFoundError,
  NotImplementedError,
  ResponseError,
  ServiceUnavailableError,
} from '@backstage/errors';

type ErrorClass = new (message?: string) => Error;

const errorsByName = new Map<string, ErrorClass>([
  ['InputError', InputError],
  ['AuthenticationError', AuthenticationError],
  ['NotAllowedError', NotAllowedError],
  ['NotFoundError', NotFoundError],
  ['ConflictError', ConflictError],
  ['NotImplementedError', NotImplementedError],
  ['ServiceUnavailableError', ServiceUnavailableError],
]);

const errorsByStatus = new Map<number, ErrorClass>([
  [400, InputError],
  [401, AuthenticationError],
  [403, NotAllowedError],
  [404, NotFoundError],
  [409, ConflictError],
  [413, InputError],
  [422, InputError],
  [429, ServiceUnavailableError],
  [501, NotImplementedError],
]);

/**
 * A workflow of a triggered pipeline ended in a status other than success,
 * or did not end in time.
 */
export class WorkflowOutcomeError extends CustomErrorBase {
  name = 'WorkflowOutcomeError' as const;
}

/**
 * Makes an error log as one line.
 *
 * The scaffolder writes `err.stack` of a failed step into the task log; for a
 * thin client the frames only bury the one sentence the user needs to read.
 */
export function oneLine<T extends Error>(error: T): T {
  error.stack = `${error.name}: ${error.message}`;
  return error;
}

/**
 * Turns a failed response of the environments backend into the matching
 * `@backstage/errors` type, carrying the backend's own message.
 *
 * @param response - the error response, as parsed by `ResponseError.fromResponse`
 * @param what - what was attempted, e.g. `park 'prod'`, for when the backend
 *   sent no message of its own
 */
export function fromResponseError(response: ResponseError, what: string) {
  const { statusCode, statusText } = response;
  const backendMessage = response.cause.message.replace(/\s+/g, ' ').trim();
  // ResponseError makes up a "Request failed with status ..." message when
  // the body is not a Backstage error body (a proxy's HTML page, say).
  const fromBackend =
    backendMessage && !backendMessage.startsWith('Request failed with status');
  const message = fromBackend
    ? backendMessage
    : `Could not ${what}: the environments backend answered ${statusCode} ${statusText}`.trim();
  const ErrorType =
    errorsByName.get(response.cause.name) ??
    errorsByStatus.get(statusCode) ??
    (statusCode >= 500 ? ServiceUnavailableError : Error);
  return oneLine(new ErrorType(message));
}
