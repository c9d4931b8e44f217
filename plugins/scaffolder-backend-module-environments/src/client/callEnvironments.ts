import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError, ServiceUnavailableError } from '@backstage/errors';
import { EnvironmentsClient } from '@rocket-club/plugin-environments-common';
import { fromResponseError, oneLine } from './errors';

/** One call: whose behalf to act on, and what it does (for messages). */
export interface EnvironmentsCall {
  /** The template initiator's credentials; the backend sees this user. */
  credentials: BackstageCredentials;
  /** What is attempted, e.g. `park 'prod'`, for the error messages. */
  what: string;
  signal?: AbortSignal;
}

/** The network failed under the client: the backend was not reached. */
class Unreachable extends Error {}

/**
 * Calls the environments backend through the one client of
 * `@rocket-club/plugin-environments-common`, on behalf of the template's
 * initiator: its fetch adds a token for that user
 * (`auth.getPluginRequestToken`). A failure becomes a one-line
 * `@backstage/errors` error carrying the backend's message (see
 * `./errors.ts`), or a `ServiceUnavailableError` when the backend is not
 * reachable.
 */
export async function callEnvironments<T>(
  options: { auth: AuthService; discovery: DiscoveryService },
  call: EnvironmentsCall,
  fn: (client: EnvironmentsClient) => Promise<T>,
): Promise<T> {
  const baseUrl = await options.discovery.getBaseUrl('environments');
  const client = new EnvironmentsClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: {
      async fetch(input, init) {
        const { token } = await options.auth.getPluginRequestToken({
          onBehalfOf: call.credentials,
          targetPluginId: 'environments',
        });
        const request = new Request(input, init);
        request.headers.set('Authorization', `Bearer ${token}`);
        try {
          return await fetch(request);
        } catch (error) {
          throw new Unreachable((error as Error).message, { cause: error });
        }
      },
    },
  });
  try {
    return await fn(client);
  } catch (error) {
    if (error instanceof ResponseError) {
      throw fromResponseError(error, call.what);
    }
    if (error instanceof Unreachable && !call.signal?.aborted) {
      throw oneLine(
        new ServiceUnavailableError(
          `Could not ${call.what}: the environments backend at '${baseUrl}' is unreachable (${error.message})`,
        ),
      );
    }
    throw error instanceof Unreachable ? error.cause : error;
  }
}
